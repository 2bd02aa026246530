import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import type { CompiledProject } from '../../orchestrator/compile/nodes.ts';
import { AthleteIdError } from '../../orchestrator/featurestore/athlete-read.ts';
import type { OnlineStoreConfig } from '../../orchestrator/onlinestore/config.ts';
import { openOnlineConnection } from '../../orchestrator/onlinestore/connection.ts';
import { openOnlineStore } from '../../orchestrator/onlinestore/lookup.ts';
import { IncompatibleSchemaError } from '../../orchestrator/onlinestore/migrate.ts';
import { publishOnline, type PublishOptions, type PublishResult } from '../../orchestrator/onlinestore/publish.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { copyFixture, editFile, silentReporter } from '../helpers/fixture.ts';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';
import { REPO } from '../helpers/project-copy.ts';

/**
 * The online store on the hand-built feature store (tests/fixtures/featurestore), the
 * same tests on SQLite and on a real PostgreSQL server. Fixture rows, by athlete:
 *   fs_rolling  1: 05-01 ctl 10, 05-02 ctl 20, 05-03 ctl 30; 2: 05-01 110, 05-02 120; 3: 05-01 290, 05-02 300, 05-03 310
 *   fs_daily    the same days, keyed by activity_date (known the local midnight after)
 *   fs_activity 101 (1, 05-01 06:00 UTC), 102 (1, 05-02 16:00), 103 (1, 05-03 07:00), 201 (2, 05-01 06:00), 301 (3, 05-03 04:00)
 */
type Kind = 'sqlite' | 'postgres';

const PREDICTIONS_YML = join(REPO, 'models', 'gold', 'athlete_predictions.yml');

let dir: string;
let adapter: DuckDBAdapter;

async function build(): Promise<CompiledProject> {
  const result = await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter() });
  expect(result.results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual([]);
  return result.compiled;
}

/** gold.athlete_predictions as `stride predict` leaves it: athlete 1 on two days, athlete 2 on one. */
async function writePredictions(): Promise<void> {
  mkdirSync(join(dir, 'models', 'gold'), { recursive: true });
  copyFileSync(PREDICTIONS_YML, join(dir, 'models', 'gold', 'athlete_predictions.yml'));
  const columns = (parseYaml(readFileSync(PREDICTIONS_YML, 'utf8')).sources[0].tables[0].columns as { name: string; data_type: string }[]).map(
    (c) => `"${c.name}" ${c.data_type === 'string' ? 'varchar' : c.data_type}`,
  );
  await adapter.execute('create schema if not exists gold');
  await adapter.execute(`create table gold.athlete_predictions (${columns.join(', ')})`);
  await adapter.execute(`insert into gold.athlete_predictions (athlete_id, as_of_date, predicted_10k_sec, prediction_source, is_riegel_fallback, is_overtraining_risk, predicted_at) values
    (1, date '2024-05-02', 2700.5, 'riegel_fallback', true, false, timestamp '2024-05-03 05:00:00'),
    (1, date '2024-05-03', 2650.25, 'model', false, true, timestamp '2024-05-04 05:00:00.25'),
    (2, date '2024-05-02', 3100, 'riegel_fallback', true, false, timestamp '2024-05-03 05:00:00')`);
}

/** Every table of the store, every row, sorted: equal snapshots mean an unchanged store. */
async function snapshot(config: OnlineStoreConfig): Promise<Record<string, Row[]>> {
  const conn = openOnlineConnection(config);
  try {
    const names =
      config.kind === 'postgres'
        ? (await conn.knex.raw('select table_name as name from information_schema.tables where table_schema = ?', [config.schema])).rows
        : await conn.knex.raw("select name from sqlite_master where type = 'table'");
    const out: Record<string, Row[]> = {};
    for (const { name } of names as { name: string }[]) {
      const rows: Row[] = await conn.table(conn.knex, name).select('*');
      out[name] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort().map((r) => JSON.parse(r));
    }
    return out;
  } finally {
    await conn.close();
  }
}

/** One PostgreSQL server for the whole file, started when a test first needs it. */
let server: Promise<PostgresServer> | undefined;
const postgres = () => (server ??= startPostgres());
afterAll(async () => server?.then((s) => s.stop(), () => undefined));

const counts = (result: PublishResult) =>
  Object.fromEntries(result.tables.map((t) => [t.table, [t.rowsRead, t.rowsInserted, t.rowsUpdated, t.rowsUnchanged, t.rowsDeleted]]));

describe.each<Kind>(['sqlite', 'postgres'])('online store on %s', (kind) => {
  let config: OnlineStoreConfig;
  const publish = (compiled: CompiledProject, options: PublishOptions = {}) => publishOnline(adapter, compiled, config, options);

  beforeEach(async () => {
    dir = copyFixture('featurestore');
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
    // Each test gets an empty store: a new SQLite file, or a new schema on the file's server.
    config = kind === 'sqlite' ? { kind, file: join(dir, 'target', 'online_store.sqlite') } : { kind, url: (await postgres()).url, schema: `stride_test_${randomBytes(4).toString('hex')}` };
  });
  afterEach(async () => {
    await adapter.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the latest row per key and looks up one athlete with a bound parameter', async () => {
    await writePredictions();
    const compiled = await build();
    const result = await publish(compiled);
    // [read, inserted, updated, unchanged, deleted]
    expect(counts(result)).toEqual({
      fs_activity: [5, 5, 0, 0, 0],
      fs_daily: [3, 3, 0, 0, 0],
      fs_rolling: [3, 3, 0, 0, 0],
      athlete_predictions: [2, 2, 0, 0, 0],
    });
    expect(result.tables.map((t) => [t.table, t.version, t.created])).toEqual([
      ['fs_activity', 1, true],
      ['fs_daily', 1, true],
      ['fs_rolling', 1, true],
      ['athlete_predictions', null, true],
    ]);

    const store = await openOnlineStore(config);
    try {
      expect(store.tables().map((t) => [t.name, t.primaryKeys.join(','), t.timestampKey, t.version])).toEqual([
        ['athlete_predictions', 'athlete_id', 'as_of_date', null],
        ['fs_activity', 'athlete_id,activity_id', 'event_timestamp', 1],
        ['fs_daily', 'athlete_id', 'activity_date', 1],
        ['fs_rolling', 'athlete_id', 'feature_available_at', 1],
      ]);
      const one = await store.getAthleteFeatures('1');
      expect(one.fs_rolling).toEqual({ athlete_id: 1, as_of_date: '2024-05-03', feature_available_at: '2024-05-04 00:00:00', ctl: 30, zone: 'Europe/Berlin' });
      expect(one.fs_daily).toEqual({ athlete_id: 1, activity_date: '2024-05-03', day_km: 10 });
      // activity_features keeps every activity (its key is the activity); the lookup gives the latest.
      expect(one.fs_activity).toEqual({ athlete_id: 1, activity_id: 103, event_timestamp: '2024-05-03 07:00:00', start_date_local: '2024-05-03 09:00:00', distance_km: 10 });
      expect(one.athlete_predictions).toMatchObject({ athlete_id: 1, as_of_date: '2024-05-03', predicted_10k_sec: 2650.25, prediction_source: 'model', is_riegel_fallback: false, is_overtraining_risk: true, predicted_at: '2024-05-04 05:00:00.25', predicted_5k_sec: null });
      expect((await store.getAthleteFeatures(3)).fs_rolling).toMatchObject({ as_of_date: '2024-05-03', ctl: 310, zone: 'America/Los_Angeles' });
      expect((await store.getAthleteFeatures(2, { tables: ['athlete_predictions'] })).athlete_predictions).toMatchObject({ as_of_date: '2024-05-02', predicted_10k_sec: 3100 });

      expect(await store.getAthleteFeatures(987654321)).toEqual({ athlete_predictions: null, fs_activity: null, fs_daily: null, fs_rolling: null });
      // The id is a bound parameter of a statement prepared once per table.
      const placeholder = kind === 'sqlite' ? '?' : '$1';
      expect(store.lookupSql('fs_activity').replace(/`/g, '"')).toBe(
        `select "athlete_id", "activity_id", "event_timestamp", "start_date_local", "distance_km" from ${kind === 'sqlite' ? '' : `"${(config as { schema: string }).schema}".`}"fs_activity" where "athlete_id" = ${placeholder} order by "event_timestamp" desc limit 1`,
      );
      await expect(store.getAthleteFeatures("1' or '1'='1")).rejects.toBeInstanceOf(AthleteIdError);
      await expect(store.getAthleteFeatures(1, { tables: ['no_such_table'] })).rejects.toThrow(/not published to the online store: no_such_table/);
    } finally {
      await store.close();
    }
  });

  it('publishes the rows known at --as-of, removing keys not known yet', async () => {
    const compiled = await build();
    await publish(compiled);
    const asOf = await publish(compiled, { asOf: '2024-05-01' });
    // Known by the end of 05-01: rolling and daily rows of 05-01; activities 101 and 201 (301 starts 05-03 04:00 UTC).
    expect(counts(asOf)).toEqual({ fs_activity: [2, 0, 0, 2, 3], fs_daily: [3, 0, 3, 0, 0], fs_rolling: [3, 0, 3, 0, 0] });
    const store = await openOnlineStore(config);
    try {
      const one = await store.getAthleteFeatures(1);
      expect([one.fs_rolling?.ctl, one.fs_daily?.day_km, one.fs_activity?.activity_id]).toEqual([10, 5, 101]);
      expect((await store.getAthleteFeatures(3)).fs_activity).toBeNull();
      expect(await store.lastPublish()).toMatchObject({ publishId: asOf.publishId, asOf: '2024-05-01' });
    } finally {
      await store.close();
    }
  });

  it('changes nothing when the data did not change, and rewrites only changed rows', async () => {
    let compiled = await build();
    const first = await publish(compiled);
    const before = await snapshot(config);
    const second = await publish(compiled);
    expect(second.rowsChanged).toBe(0);
    expect(counts(second)).toEqual({ fs_activity: [5, 0, 0, 5, 0], fs_daily: [3, 0, 0, 3, 0], fs_rolling: [3, 0, 0, 3, 0] });
    const after = await snapshot(config);
    // The feature rows are untouched (each still carries the first publish's id); only the log grew.
    for (const table of ['fs_activity', 'fs_daily', 'fs_rolling']) expect(after[table]).toEqual(before[table]);
    expect(after.fs_rolling.every((r) => r._stride_publish_id === first.publishId)).toBe(true);
    expect(after._stride_publishes.map((p) => [p.publish_id, Number(p.rows_changed)]).sort()).toEqual(
      [[first.publishId, 11], [second.publishId, 0]].sort(),
    );

    // One changed value: one row rewritten; the log names the new feature-table version.
    editFile(dir, 'seeds/fs_days.csv', (t) => t.replace('1,2024-05-03,2024-05-04 00:00:00,30,', '1,2024-05-03,2024-05-04 00:00:00,35,'));
    compiled = await build();
    const third = await publish(compiled);
    expect(counts(third)).toEqual({ fs_activity: [5, 0, 0, 5, 0], fs_daily: [3, 0, 0, 3, 0], fs_rolling: [3, 0, 1, 2, 0] });
    expect(third.tables.find((t) => t.table === 'fs_rolling')?.version).toBe(2);
    const latest = await snapshot(config);
    expect(latest.fs_rolling.map((r) => [Number(r.athlete_id), Number(r.ctl), r._stride_publish_id === third.publishId])).toEqual([
      [1, 35, true],
      [2, 120, false],
      [3, 310, false],
    ]);
    expect(latest._stride_publish_tables.filter((r) => r.publish_id === third.publishId).map((r) => [r.table_name, Number(r.feature_table_version), Number(r.rows_updated)])).toEqual([
      ['fs_activity', 1, 0],
      ['fs_daily', 1, 0],
      ['fs_rolling', 2, 1],
    ]);
  });

  it('rewrites exactly the changed rows when thousands of them change', async () => {
    // 2,500 activities of athlete 9; then every one but the first gets a new distance.
    const activities = (km: (i: number) => number) =>
      Array.from({ length: 2500 }, (_, i) => `9,${900000 + i},2024-04-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00,2024-04-01 08:00:00,${km(i)}`).join('\n');
    editFile(dir, 'seeds/fs_activities.csv', (t) => `${t.trimEnd()}\n${activities((i) => i / 10)}\n`);
    let compiled = await build();
    expect(counts(await publish(compiled, { tables: ['fs_activity'] }))).toEqual({ fs_activity: [2505, 2505, 0, 0, 0] });
    editFile(dir, 'seeds/fs_activities.csv', (t) => t.replace(activities((i) => i / 10), activities((i) => (i === 0 ? 0 : i / 10 + 1))));
    compiled = await build();
    const changed = await publish(compiled, { tables: ['fs_activity'] });
    expect(counts(changed)).toEqual({ fs_activity: [2505, 0, 2499, 6, 0] });
    const rows = (await snapshot(config)).fs_activity.filter((r) => Number(r.athlete_id) === 9);
    expect(rows).toHaveLength(2500);
    for (const r of rows) {
      const i = Number(r.activity_id) - 900000;
      expect([i, Number(r.distance_km), r._stride_publish_id === changed.publishId]).toEqual([i, i === 0 ? 0 : i / 10 + 1, i !== 0]);
    }
  });

  it('leaves the previous contents intact when a publish fails half-way', async () => {
    let compiled = await build();
    await publish(compiled);
    const before = await snapshot(config);

    editFile(dir, 'seeds/fs_activities.csv', (t) => `${t.trimEnd()}\n2,202,2024-05-02 06:00:00,2024-05-02 08:00:00,12.5\n`);
    editFile(dir, 'seeds/fs_days.csv', (t) => t.replace('1,2024-05-03,2024-05-04 00:00:00,30,10,', '1,2024-05-03,2024-05-04 00:00:00,30,11,').replace('2,2024-05-02,2024-05-03 00:00:00,120,', '2,2024-05-02,2024-05-03 00:00:00,125,'));
    compiled = await build();

    const reader = await openOnlineStore(config);
    const written: string[] = [];
    try {
      const failing = publish(compiled, {
        batchSize: 1,
        afterBatch: async ({ table, index }) => {
          written.push(`${table}#${index}`);
          if (written.length === 1) {
            // Half-way: the new activity is written inside the transaction; a reader still sees the last publish.
            expect((await reader.getAthleteFeatures(2)).fs_activity?.activity_id).toBe(201);
            return;
          }
          throw new Error('interrupted after the first batch');
        },
      });
      await expect(failing).rejects.toThrow(/interrupted after the first batch/);
    } finally {
      await reader.close();
    }
    expect(written).toEqual(['fs_activity#1', 'fs_daily#1']);
    expect(await snapshot(config)).toEqual(before);

    const retried = await publish(compiled);
    expect(counts(retried)).toEqual({ fs_activity: [6, 1, 0, 5, 0], fs_daily: [3, 0, 1, 2, 0], fs_rolling: [3, 0, 1, 2, 0] });
    const store = await openOnlineStore(config);
    try {
      expect((await store.getAthleteFeatures(2)).fs_activity?.activity_id).toBe(202);
    } finally {
      await store.close();
    }
  });

  it('refuses a row without a key before writing anything, naming the table and column', async () => {
    let compiled = await build();
    await publish(compiled);
    const before = await snapshot(config);
    editFile(dir, 'seeds/fs_days.csv', (t) => `${t.trimEnd()}\n,2024-05-03,2024-05-04 00:00:00,1,1,Europe/Berlin\n`);
    compiled = await build();
    await expect(publish(compiled)).rejects.toThrow(/fs_daily \("feature_store"\."fs_daily"\) has a row without a value for primary key column 'athlete_id'/);
    expect(await snapshot(config)).toEqual(before);
  });

  it('adds new columns, keeps and reports dropped ones, and refuses a type change', async () => {
    let compiled = await build();
    await publish(compiled);

    // A new column: added online, every row rewritten with it.
    editFile(dir, 'models/features/fs_rolling.sql', (t) => t.replace('        ctl,\n', '        ctl,\n        ctl * 2 as ctl_doubled,\n'));
    editFile(dir, 'models/features/fs_rolling.yml', (t) => `${t.trimEnd()}\n      - name: ctl_doubled\n        description: Twice the load.\n`);
    compiled = await build();
    const added = await publish(compiled, { tables: ['fs_rolling'] });
    expect(added.tables[0]).toMatchObject({ table: 'fs_rolling', created: false, columnsAdded: ['ctl_doubled'], columnsKept: [], rowsUpdated: 3 });

    // A column gone from the feature table: kept online with its values, reported, no longer looked up.
    editFile(dir, 'models/features/fs_rolling.sql', (t) => t.replace('        zone\n', '        1 as one\n'));
    editFile(dir, 'models/features/fs_rolling.yml', (t) => t.replace('      - name: zone\n        description: Time zone.\n', '      - name: one\n        description: One.\n'));
    compiled = await build();
    const dropped = await publish(compiled, { tables: ['fs_rolling'] });
    expect(dropped.tables[0]).toMatchObject({ columnsAdded: ['one'], columnsKept: ['zone'] });
    expect((await snapshot(config)).fs_rolling.map((r) => [Number(r.athlete_id), r.zone, Number(r.ctl_doubled), Number(r.one)])).toEqual([
      [1, 'Europe/Berlin', 60, 1],
      [2, 'Europe/Berlin', 240, 1],
      [3, 'America/Los_Angeles', 620, 1],
    ]);
    const store = await openOnlineStore(config);
    try {
      expect((await store.getAthleteFeatures(1)).fs_rolling).toEqual({ athlete_id: 1, as_of_date: '2024-05-03', feature_available_at: '2024-05-04 00:00:00', ctl: 30, ctl_doubled: 60, one: 1 });
    } finally {
      await store.close();
    }

    // A type change: refused with the table and column, the store as it was.
    const before = await snapshot(config);
    editFile(dir, 'models/features/fs_rolling.sql', (t) => t.replace('        ctl,\n', '        cast(ctl as varchar) as ctl,\n'));
    compiled = await build();
    const failed = publish(compiled);
    await expect(failed).rejects.toBeInstanceOf(IncompatibleSchemaError);
    await expect(failed).rejects.toThrow('online table fs_rolling: column ctl is double precision online but text in the feature table');
    expect(await snapshot(config)).toEqual(before);
  });
});

describe('the PostgreSQL online store keeps its credentials secret', () => {
  it('masks the password in errors about a refused connection', async () => {
    const url = new URL((await postgres()).url);
    url.password = 'wrong-secret-Pa55';
    const config: OnlineStoreConfig = { kind: 'postgres', url: url.toString(), schema: 'stride_online' };
    const dirCopy = copyFixture('featurestore');
    const duck = await DuckDBAdapter.open({ path: ':memory:' });
    try {
      const { compiled } = await runCommand('build', { projectDir: dirCopy, adapter: duck, reporter: silentReporter() });
      const error = await publishOnline(duck, compiled, config).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toMatch(/password authentication failed/);
      expect(error!.message).toContain('postgres://postgres:***@127.0.0.1');
      expect(error!.message).not.toContain('wrong-secret-Pa55');
      expect((error as Error & { cause?: unknown }).cause).toBeUndefined();
    } finally {
      await duck.close();
      rmSync(dirCopy, { recursive: true, force: true });
    }
  });
});
