import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import type { CompiledProject } from '../../orchestrator/compile/nodes.ts';
import { findFeatureTable } from '../../orchestrator/featurestore/feature-tables.ts';
import { buildTrainingSet, type TrainingSetRequest } from '../../orchestrator/featurestore/training-set.ts';
import { versionSelect } from '../../orchestrator/featurestore/versions.ts';
import { runCommand, type RunResult } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';
import { diffRows, dumpTable } from '../helpers/tables.ts';

/**
 * The sample seeds (8 simulated athletes): a race training set must not change when
 * any activity at or after the race changes, and version 1 of a feature table must
 * read back exactly after the data changed.
 */
const AS_OF = '2026-11-22';
let adapter: DuckDBAdapter;
let dir: string;
let compiled: CompiledProject;

const build = async (): Promise<RunResult> => {
  const reporter = silentReporter();
  await runCommand('seed', { projectDir: dir, adapter, reporter });
  // Full refresh: the incremental paths have their own tests; this one is about time.
  const result = await runCommand('run', { projectDir: dir, adapter, reporter, fullRefresh: true, vars: { as_of_date: AS_OF } });
  expect(result.results.filter((r) => r.status !== 'success').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
  compiled = result.compiled;
  return result;
};

const REQUEST: TrainingSetRequest = {
  spine: { table: 'spine.races', keys: ['athlete_id'], timestamp: 'event_timestamp', localTimestamp: 'event_timestamp_local' },
  features: [
    { table: 'athlete_rolling_features', columns: ['ctl_42d', 'atl_7d', 'tsb', 'acwr', 'days_of_history'] },
    { table: 'athlete_daily_features', columns: ['daily_tss', 'distance_km'], prefix: 'yesterday_' },
    { table: 'athlete_weekly_features', columns: ['weekly_tss', 'distance_km'], prefix: 'last_week_' },
    { table: 'activity_features', columns: ['activity_id', 'estimated_tss', 'distance_km', 'threshold_pace_min_km', 'hr_max'], prefix: 'last_activity_' },
  ],
};

let firstBuild: RunResult;
let rollingV1: Row[];
let setBefore: Row[];
let targets: Row[];
let changedIds: Set<string>;

beforeAll(async () => {
  dir = copyStrideProject();
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
  firstBuild = await build();
  rollingV1 = await dumpTable(adapter, 'feature_store.athlete_rolling_features', ['athlete_id', 'as_of_date']);
  // The spine is kept apart from the build: races as they were in the first build.
  await adapter.execute('create schema spine');
  await adapter.execute(`create table spine.races as
    select athlete_id, activity_id as race_id, event_timestamp, start_date_local as event_timestamp_local, moving_time_min as race_minutes
    from feature_store.activity_features where is_race`);
  setBefore = (await buildTrainingSet(adapter, compiled, REQUEST)).rows;
  // Per athlete, its middle race: every activity of that athlete at or after it changes.
  targets = await adapter.query(`select * from spine.races qualify row_number() over (partition by athlete_id order by event_timestamp) = 1 + count(*) over (partition by athlete_id) // 2`);
  const changed = await adapter.query(`select cast(a.activity_id as varchar) as id from staging.stg_strava__activities as a
    inner join spine.races as r on r.athlete_id = a.athlete_id and a.start_date >= r.event_timestamp
    where r.race_id in (${targets.map((t) => Number(t.race_id)).join(', ')})`);
  changedIds = new Set(changed.map((r) => String(r.id)));
  const file = join(dir, 'seeds', 'strava_activities.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const scale = (v: string, f: number, round: boolean) => (v === '' || Number.isNaN(Number(v)) ? v : String(round ? Math.round(Number(v) * f) : Number(v) * f));
  for (const row of rows) {
    if (!changedIds.has(row.id)) continue;
    // Longer, harder sessions at the same pace: load and distance change, nothing is rejected.
    row.distance_km = scale(row.distance_km, 1.25, false);
    row.moving_time = scale(row.moving_time, 1.25, true);
    row.elapsed_time = scale(row.elapsed_time, 1.25, true);
    row.average_heartrate = scale(row.average_heartrate, 1.03, false);
  }
  writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]) }));
  await build();
});
afterAll(async () => adapter?.close());

describe('point-in-time training set on the sample data', () => {
  it('has one row per race, the rolling row of the local day before and an earlier activity', async () => {
    const athletes = await adapter.query('select count(distinct athlete_id) as n, count(*) as races from spine.races');
    expect(targets.length).toBe(athletes[0].n);
    expect(targets.length).toBeGreaterThanOrEqual(5);
    expect(setBefore.length).toBe(athletes[0].races);
    // Read against version 1 of the rolling table: the rows setBefore was built from.
    const table = findFeatureTable(compiled, 'athlete_rolling_features');
    const expected = await adapter.query(`select s.race_id, r.ctl_42d
      from spine.races as s
      left join (${await versionSelect(adapter, table, 1)}) as r
        on r.athlete_id = s.athlete_id and r.as_of_date = cast(s.event_timestamp_local as date) - interval 1 day
      order by s.race_id`);
    const got = new Map(setBefore.map((r) => [String(r.race_id), r.ctl_42d]));
    for (const e of expected) expect(got.get(String(e.race_id))).toBe(e.ctl_42d);
    expect(expected.filter((e) => e.ctl_42d !== null).length).toBeGreaterThan(expected.length * 0.8);
    for (const row of setBefore) {
      expect(row.last_activity_activity_id).not.toBe(row.race_id);
    }
  });

  it('changing every activity at or after a race leaves that race row unchanged', async () => {
    const after = plain((await buildTrainingSet(adapter, compiled, REQUEST)).rows);
    const key = (r: Row) => String(r.race_id);
    const columns = Object.keys(setBefore[0]);
    const beforeBy = new Map(plain(setBefore).map((r) => [key(r), r]));
    // Sums of doubles may differ in the last bit between builds (summation order): compare within 1e-9.
    for (const t of targets) expect(diffRows([afterBy(after, t)], [beforeBy.get(String(t.race_id))!], ['race_id'], columns)).toEqual([]);
    // The change did reach the features: some later race rows moved.
    const laterChanged = after.filter((r) => diffRows([r], [beforeBy.get(key(r))!], ['race_id'], columns).length > 0);
    expect(laterChanged.length).toBeGreaterThan(0);
    for (const r of laterChanged) {
      const target = targets.find((t) => t.athlete_id === r.athlete_id)!;
      expect(Date.parse(String(r.event_timestamp))).toBeGreaterThan((target.event_timestamp as Date).getTime());
    }
  });
});

const afterBy = (rows: Row[], target: Row) => rows.find((r) => String(r.race_id) === String(target.race_id))!;
/** Timestamps as text, so rows compare as plain values. */
const plain = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));

describe('feature-table versions on the sample data', () => {
  it('version 1 reads back exactly after the data changed', async () => {
    const versions = await adapter.query(`select version, row_count, rows_inserted, rows_closed from stride_meta.feature_table_versions where table_name = 'athlete_rolling_features' order by version`);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0].rows_inserted).toBe(rollingV1.length);
    // Changed rows only: version 2 wrote far fewer rows than the table holds.
    expect(Number(versions[1].rows_inserted)).toBeGreaterThan(0);
    expect(Number(versions[1].rows_inserted)).toBeLessThan(rollingV1.length / 2);
    const table = findFeatureTable(compiled, 'athlete_rolling_features');
    const v1 = await dumpTable(adapter, `(${await versionSelect(adapter, table, 1)}) as v1`, ['athlete_id', 'as_of_date']);
    expect(v1).toEqual(rollingV1);
    const current = await dumpTable(adapter, 'feature_store.athlete_rolling_features', ['athlete_id', 'as_of_date']);
    expect(current).not.toEqual(rollingV1);
    expect(firstBuild.versions.map((v) => v.table).sort()).toEqual(['activity_features', 'athlete_daily_features', 'athlete_rolling_features', 'athlete_weekly_features']);
  });
});
