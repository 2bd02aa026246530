import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { AthleteIdError, athleteFeatures } from '../../orchestrator/featurestore/athlete-read.ts';
import { findFeatureTable } from '../../orchestrator/featurestore/feature-tables.ts';
import { buildTrainingSet, type FeatureRequest } from '../../orchestrator/featurestore/training-set.ts';
import { listVersions, versionSelect } from '../../orchestrator/featurestore/versions.ts';
import { runCommand, type CommandOptions, type RunResult } from '../../orchestrator/stride.ts';
import { copyFixture, editFile, silentReporter } from '../helpers/fixture.ts';

/**
 * A hand-built feature store (tests/fixtures/featurestore) whose answers are worked
 * out by hand in the comments: three feature tables and a spine of nine events.
 */
let adapter: DuckDBAdapter;
let dir: string;
const opts = (): CommandOptions => ({ projectDir: dir, adapter, reporter: silentReporter() });
const build = async (): Promise<RunResult> => {
  const result = await runCommand('build', opts());
  expect(result.results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual([]);
  return result;
};
const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.spine_id), r]));

const FEATURES: FeatureRequest[] = [
  { table: 'fs_rolling', columns: ['ctl'] },
  { table: 'fs_daily', columns: ['day_km'] },
  { table: 'fs_activity', columns: ['distance_km'], prefix: 'last_' },
];

beforeEach(async () => {
  dir = copyFixture('featurestore');
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
});
afterEach(async () => adapter.close());

describe('point-in-time training sets on hand-built tables', () => {
  it('joins the latest row known at each event time, with nulls when there is none', async () => {
    const { compiled } = await build();
    const set = await buildTrainingSet(adapter, compiled, { spine: { table: 'fs_spine' }, features: FEATURES });
    expect(set.columns).toEqual(['spine_id', 'athlete_id', 'event_timestamp', 'event_timestamp_local', 'label', 'ctl', 'day_km', 'last_distance_km']);
    const pick = (id: string) => {
      const r = byId(set.rows)[id];
      return [r.ctl, r.day_km, r.last_distance_km];
    };
    // Race at local 09:00 on 05-03: the rolling and daily rows of 05-02; the activity before the race, not the race.
    expect(pick('s1_race_start')).toEqual([20, 8, 8]);
    // Event exactly at local midnight starting 05-03 = the moment the 05-02 rows become known: included.
    expect(pick('s2_local_midnight')).toEqual([20, 8, 8]);
    // Before the first rolling/daily row is known: nulls; activity 101 started four hours earlier.
    expect(pick('s3_before_rows')).toEqual([null, null, 5]);
    // Exactly at the start of activity 101: an activity row is visible only strictly after its start.
    expect(pick('s4_equal_activity')).toEqual([null, null, null]);
    expect(pick('s5_lookback_edge')).toEqual([30, 10, 10]);
    expect(pick('s6_lookback_past')).toEqual([30, 10, 10]);
    // Another athlete sees only its own rows.
    expect(pick('s7_other_athlete')).toEqual([120, 0, 21.1]);
    // UTC-8: the event is 04:00 UTC on 05-03 but 20:00 local on 05-02, so the row of 05-01 (compared in local time), never 05-02's own.
    expect(pick('s8_west_of_utc')).toEqual([290, 1.5, null]);
    expect(pick('s9_no_rows')).toEqual([null, null, null]);
    // One row per spine row, ordered by the spine keys and UTC event time.
    expect(set.rows.map((r) => r.label)).toEqual([4, 3, 2, 1, 5, 6, 7, 8, 9]);
    expect(set.featureVersions).toEqual({ fs_rolling: 1, fs_daily: 1, fs_activity: 1 });
  });

  it('leaves out rows older than the lookback, keeping one exactly at its edge', async () => {
    const { compiled } = await build();
    const set = await buildTrainingSet(adapter, compiled, { spine: { table: 'fs_spine' }, features: [{ table: 'fs_rolling', columns: ['ctl'], lookback: '2d' }] });
    const ctl = Object.fromEntries(set.rows.map((r) => [r.spine_id, r.ctl]));
    // 05-04 00:00 is exactly two days before 05-06 00:00, one second more is too old.
    expect(ctl.s5_lookback_edge).toBe(30);
    expect(ctl.s6_lookback_past).toBeNull();
    expect(ctl.s1_race_start).toBe(20);
    expect(ctl.s8_west_of_utc).toBe(290);
  });

  it('reads a spine from a CSV file and asks for a local event time when a table keeps local time', async () => {
    const { compiled } = await build();
    const csv = join(dir, 'seeds', 'fs_spine.csv');
    const set = await buildTrainingSet(adapter, compiled, { spine: { csv }, features: [{ table: 'fs_rolling', columns: ['ctl'] }] });
    expect(set.rows).toHaveLength(9);
    expect(byId(set.rows).s1_race_start.ctl).toBe(20);
    await expect(
      buildTrainingSet(adapter, compiled, { spine: { sql: `select athlete_id, event_timestamp from raw.fs_spine` }, features: [{ table: 'fs_rolling', columns: ['ctl'] }] }),
    ).rejects.toThrow(/local event time/);
    await expect(buildTrainingSet(adapter, compiled, { spine: { table: 'fs_spine' }, features: [{ table: 'fs_rolling', columns: ['no_such'] }] })).rejects.toThrow(/no column no_such/);
    await expect(
      buildTrainingSet(adapter, compiled, { spine: { table: 'fs_spine' }, features: [{ table: 'fs_rolling', columns: ['ctl'] }, { table: 'fs_rolling', columns: ['ctl'] }] }),
    ).rejects.toThrow(/prefix/);
  });
});

describe('feature-table versions on DuckDB', () => {
  it('records changed rows only, reads every version back exactly, and treats a new column as a new version', async () => {
    const first = await build();
    const firstVersions = first.versions.map((v) => [v.table, v.version, v.rowCount, v.rowsInserted, v.rowsClosed]);
    expect(firstVersions.sort()).toEqual([
      ['fs_activity', 1, 5, 5, 0],
      ['fs_daily', 1, 8, 8, 0],
      ['fs_rolling', 1, 8, 8, 0],
    ]);
    expect(first.versions.every((v) => v.runId === first.runId && v.gitRevision === undefined)).toBe(true);
    const v1 = await adapter.query('select * from feature_store.fs_rolling order by athlete_id, as_of_date');
    // The first version is not copied: its rows are read from the table until a write replaces them.
    expect((await adapter.query('select count(*) as n from stride_meta.fs_rolling__history'))[0].n).toBe(0);
    const rollingTable = findFeatureTable(first.compiled, 'fs_rolling');
    expect(await adapter.query(`select * from (${await versionSelect(adapter, rollingTable, 1)}) as v order by athlete_id, as_of_date`)).toEqual(v1);

    // Unchanged data: no new version.
    const again = await build();
    expect(again.versions).toEqual([]);

    // One changed value: one row closed, one row written, on fs_rolling only.
    editFile(dir, 'seeds/fs_days.csv', (t) => t.replace('1,2024-05-02,2024-05-03 00:00:00,20,', '1,2024-05-02,2024-05-03 00:00:00,25,'));
    const second = await build();
    const rolling2 = second.versions.find((v) => v.table === 'fs_rolling')!;
    expect([rolling2.version, rolling2.rowsInserted, rolling2.rowsClosed, rolling2.rowCount]).toEqual([2, 1, 1, 8]);
    expect(second.versions.find((v) => v.table === 'fs_daily')).toBeUndefined();
    const history = await adapter.query('select count(*) as n from stride_meta.fs_rolling__history');
    expect(history[0].n).toBe(9);

    // A new column: every row is new in version 3; versions 1 and 2 keep their columns.
    editFile(dir, 'models/features/fs_rolling.sql', (t) => t.replace('        ctl,\n', '        ctl,\n        ctl * 2 as ctl_doubled,\n'));
    editFile(dir, 'models/features/fs_rolling.yml', (t) => t.replace('      - name: zone', '      - name: ctl_doubled\n        description: Twice the load.\n      - name: zone'));
    const third = await build();
    const rolling3 = third.versions.find((v) => v.table === 'fs_rolling')!;
    expect([rolling3.version, rolling3.rowsInserted, rolling3.rowsClosed]).toEqual([3, 8, 8]);
    expect(rolling3.schemaFingerprint).not.toBe(rolling2.schemaFingerprint);

    const table = findFeatureTable(third.compiled, 'fs_rolling');
    const read = async (version: number) => adapter.query(`select * from (${await versionSelect(adapter, table, version)}) as v order by athlete_id, as_of_date`);
    expect(await read(1)).toEqual(v1);
    const r2 = await read(2);
    expect(Object.keys(r2[0])).toEqual(['athlete_id', 'as_of_date', 'feature_available_at', 'ctl', 'zone']);
    expect(r2.map((r) => r.ctl)).toEqual([10, 25, 30, 110, 120, 290, 300, 310]);
    const r3 = await read(3);
    expect(r3.map((r) => r.ctl_doubled)).toEqual([20, 50, 60, 220, 240, 580, 600, 620]);
    expect(await read(3)).toEqual(await adapter.query('select * from feature_store.fs_rolling order by athlete_id, as_of_date'));
    expect((await listVersions(adapter, 'fs_rolling')).map((v) => v.version)).toEqual([1, 2, 3]);

    // A training set pinned to version 1 sees the old value.
    const pinned = await buildTrainingSet(adapter, third.compiled, { spine: { table: 'fs_spine' }, features: [{ table: 'fs_rolling', columns: ['ctl'], version: 1 }] });
    expect(byId(pinned.rows).s1_race_start.ctl).toBe(20);
    expect(pinned.featureVersions).toEqual({ fs_rolling: 1 });
    const current = await buildTrainingSet(adapter, third.compiled, { spine: { table: 'fs_spine' }, features: [{ table: 'fs_rolling', columns: ['ctl'] }] });
    expect(byId(current.rows).s1_race_start.ctl).toBe(25);
    expect(current.featureVersions).toEqual({ fs_rolling: 3 });
  });

  it('a build whose version cannot be recorded leaves the table and its history as they were', async () => {
    await build();
    const before = await adapter.query('select * from feature_store.fs_rolling order by athlete_id, as_of_date');
    // The history cannot retype 'Europe/Berlin' to an integer: the build's transaction rolls back.
    editFile(dir, 'models/features/fs_rolling.sql', (t) => t.replace('        zone\n', '        cast(ctl as integer) as zone\n'));
    const failed = await runCommand('run', opts());
    expect(failed.success).toBe(false);
    expect(failed.results.find((r) => r.id === 'model.fs_rolling')?.status).toBe('error');
    expect(await adapter.query('select * from feature_store.fs_rolling order by athlete_id, as_of_date')).toEqual(before);
    expect((await listVersions(adapter, 'fs_rolling')).map((v) => v.version)).toEqual([1]);
    expect((await adapter.columns({ schema: 'stride_meta', name: 'fs_rolling__history' })).find((c) => c.name === 'zone')?.type).toBe('VARCHAR');
  });
});

describe('reads by athlete', () => {
  it('returns only the asked athlete, binds the id and refuses anything that is not a whole number', async () => {
    const { compiled } = await build();
    const one = await athleteFeatures(adapter, compiled, { athleteId: 1, latest: false });
    expect(one.fs_rolling.map((r) => r.ctl)).toEqual([10, 20, 30]);
    expect(new Set(Object.values(one).flat().map((r) => r.athlete_id))).toEqual(new Set([1]));
    const two = await athleteFeatures(adapter, compiled, { athleteId: '2', latest: false });
    expect(two.fs_rolling.map((r) => r.ctl)).toEqual([110, 120]);
    expect(two.fs_activity.map((r) => r.activity_id)).toEqual([201]);
    // Latest row known by the end of 2024-05-02 (local for rolling/daily, UTC for activities).
    const asOf = await athleteFeatures(adapter, compiled, { athleteId: 1, asOf: '2024-05-02' });
    expect([asOf.fs_rolling[0].ctl, asOf.fs_daily[0].day_km, asOf.fs_activity[0].activity_id]).toEqual([20, 8, 102]);
    for (const bad of ["1' or '1'='1", '1 or 1=1', '1; drop table feature_store.fs_rolling', '-1', '1.5', '']) {
      await expect(athleteFeatures(adapter, compiled, { athleteId: bad })).rejects.toThrow(AthleteIdError);
    }
    await expect(athleteFeatures(adapter, compiled, {})).rejects.toThrow(/needs an athlete id/);
    const all = await athleteFeatures(adapter, compiled, { allAthletes: true, tables: ['fs_rolling'] });
    expect(all.fs_rolling.map((r) => [r.athlete_id, r.ctl])).toEqual([
      [1, 30],
      [2, 120],
      [3, 310],
    ]);
    expect((await adapter.query('select count(*) as n from feature_store.fs_rolling'))[0].n).toBe(8);
  });

  it('never writes the id into the SQL text', async () => {
    const { compiled } = await build();
    const seen: { sql: string; params?: Record<string, unknown> }[] = [];
    const spy = new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'query') return (sql: string, params?: Record<string, unknown>) => (seen.push({ sql, params }), target.query(sql, params));
        return Reflect.get(target, prop, receiver);
      },
    });
    await athleteFeatures(spy, compiled, { athleteId: '987654321' });
    expect(seen.length).toBe(3);
    for (const { sql, params } of seen) {
      expect(sql).not.toContain('987654321');
      expect(sql).toContain('$athlete_id');
      expect(params).toEqual({ athlete_id: 987654321n });
    }
  });
});

describe('OpenLineage events of a build', () => {
  it('writes START and COMPLETE per seed and model with inputs, outputs and the recorded version', async () => {
    const result = await build();
    const events = readFileSync(join(dir, 'target/openlineage/events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const rolling = events.filter((e) => e.job.name === 'featurestore.model.fs_rolling');
    expect(rolling.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(rolling[1].inputs).toEqual([{ namespace: 'duckdb://' + join(dir, 'target/featurestore.duckdb'), name: 'raw.fs_days' }]);
    expect(rolling[1].outputs[0].name).toBe('feature_store.fs_rolling');
    expect(rolling[1].outputs[0].facets.schema.fields.map((f: { name: string; type: string }) => `${f.name} ${f.type}`)).toEqual([
      'athlete_id BIGINT',
      'as_of_date DATE',
      'feature_available_at TIMESTAMP',
      'ctl DOUBLE',
      'zone VARCHAR',
    ]);
    expect(rolling[1].outputs[0].facets.version.datasetVersion).toBe('1');
    expect(rolling[1].run.facets.parent.run.runId).toBe(result.runId);
    expect(events[0]).toMatchObject({ eventType: 'START', run: { runId: result.runId }, job: { name: 'featurestore.build' } });
    expect(events.at(-1)).toMatchObject({ eventType: 'COMPLETE', run: { runId: result.runId } });
    // 3 seeds and 3 models, two events each, plus the command's own two.
    expect(events).toHaveLength(14);
  });
});
