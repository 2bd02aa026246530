/**
 * Online-store lookup benchmark. Builds the sample project in memory, widens its feature
 * tables to N athletes (default 10,000) by copying each sample athlete's latest rows under
 * new ids (the last 7 days of daily, weekly and rolling rows, the last 10 activities, and a
 * predictions row), publishes them with `publishOnline` into a fresh SQLite file, then times
 * random `getAthleteFeatures` lookups (every published table, one athlete).
 * Target on SQLite: p99 under 5 ms at 10,000 athletes.
 *   npm run bench:online -- --athletes 10000 --lookups 20000
 *   npm run bench:online -- --store postgres      # the server in STRIDE_ONLINE_STORE_URL, in a schema
 *                                                  # of its own that is dropped at the end
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DuckDBAdapter } from '../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { describeOnlineStore, resolveOnlineStoreConfig } from '../orchestrator/onlinestore/config.ts';
import { openOnlineConnection } from '../orchestrator/onlinestore/connection.ts';
import { openOnlineStore } from '../orchestrator/onlinestore/lookup.ts';
import { publishOnline } from '../orchestrator/onlinestore/publish.ts';
import { textReporter } from '../orchestrator/run/reporter.ts';
import { runCommand } from '../orchestrator/stride.ts';
import { copyStrideProject } from '../tests/helpers/project-copy.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const athletes = Number(arg('athletes', '10000'));
const lookups = Number(arg('lookups', '20000'));
const kind = arg('store', 'sqlite');
const warmup = 1000;

const dir = copyStrideProject();
const adapter = await DuckDBAdapter.open({ path: ':memory:' });
try {
  const t0 = performance.now();
  const { compiled } = await runCommand('build', { projectDir: dir, adapter, reporter: textReporter(() => undefined), vars: { as_of_date: '2026-11-22' } });
  const built = (performance.now() - t0) / 1000;

  // Copy each sample athlete's recent rows under new ids until there are `athletes` of them.
  const [{ n: sample }] = await adapter.query('select count(distinct athlete_id) as n from feature_store.athlete_rolling_features');
  const copies = Math.ceil(athletes / Number(sample));
  await adapter.execute(`create temp table new_ids as
    select athlete_id, 10000000000 + row_number() over (order by athlete_id, k) as new_id
    from (select distinct athlete_id from feature_store.athlete_rolling_features) as a, range(${copies}) as t(k)`);
  await adapter.execute(`delete from new_ids where new_id > 10000000000 + ${athletes}`);
  const widen = async (table: string, order: string, keep: number) => {
    await adapter.execute(`create temp table recent as
      select * from feature_store.${table}
      qualify row_number() over (partition by athlete_id order by ${order} desc) <= ${keep}`);
    await adapter.execute(`create or replace table feature_store.${table} as
      select ids.new_id as athlete_id, r.* exclude (athlete_id)
      from recent as r
      inner join new_ids as ids on ids.athlete_id = r.athlete_id`);
    await adapter.execute('drop table recent');
  };
  await widen('athlete_rolling_features', 'as_of_date', 7);
  await widen('athlete_daily_features', 'activity_date', 7);
  await widen('athlete_weekly_features', 'week_start', 7);
  await widen('activity_features', 'event_timestamp', 10);

  // A predictions row per athlete, shaped like gold.athlete_predictions.
  const yml = parseYaml(readFileSync(join(dir, 'models', 'gold', 'athlete_predictions.yml'), 'utf8'));
  const columns = (yml.sources[0].tables[0].columns as { name: string; data_type: string }[]).map((c) => `"${c.name}" ${c.data_type === 'string' ? 'varchar' : c.data_type}`);
  await adapter.execute('create schema if not exists gold');
  await adapter.execute(`create or replace table gold.athlete_predictions (${columns.join(', ')})`);
  await adapter.execute(`insert into gold.athlete_predictions (athlete_id, as_of_date, predicted_5k_sec, predicted_10k_sec, predicted_21k_sec, predicted_42k_sec, prediction_source, is_riegel_fallback, n_runs_to_date, is_overtraining_risk, predicted_at)
    select athlete_id, max(as_of_date), 1500 + athlete_id % 300, 3100 + athlete_id % 600, 6900 + athlete_id % 900, 14500 + athlete_id % 1800, 'riegel_fallback', true, 100, false, now()::timestamp
    from feature_store.athlete_rolling_features group by athlete_id`);

  const storeDir = mkdtempSync(join(tmpdir(), 'stride-online-bench-'));
  const resolved = resolveOnlineStoreConfig({ projectRoot: storeDir, targetDir: storeDir, kind });
  // On PostgreSQL the benchmark writes to a schema of its own, dropped at the end, never to the configured one.
  const config = resolved.kind === 'postgres' ? { ...resolved, schema: `stride_bench_${randomBytes(4).toString('hex')}` } : resolved;
  try {
    const first = await publishOnline(adapter, compiled, config);
    const second = await publishOnline(adapter, compiled, config);
    const rows = first.tables.map((t) => `${t.table} ${t.rowsRead.toLocaleString('en-US')}`).join(', ');

    const store = await openOnlineStore(config);
    const ids = (await adapter.query('select distinct athlete_id from feature_store.athlete_rolling_features order by 1')).map((r) => Number(r.athlete_id));
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    let found = 0;
    for (let i = 0; i < warmup; i++) await store.getAthleteFeatures(pick());
    const times: number[] = [];
    const l0 = performance.now();
    for (let i = 0; i < lookups; i++) {
      const id = pick();
      const t = performance.now();
      const vector = await store.getAthleteFeatures(id);
      times.push(performance.now() - t);
      if (vector.athlete_rolling_features?.athlete_id === id) found++;
    }
    const wall = (performance.now() - l0) / 1000;
    await store.close();
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
    const ms = (v: number) => `${v.toFixed(3)} ms`;

    process.stdout.write(
      [
        `online store: ${describeOnlineStore(config)}`,
        `sample build ${built.toFixed(1)} s; widened to ${ids.length.toLocaleString('en-US')} athletes (${rows} rows)`,
        `publish: first ${first.seconds.toFixed(2)} s (${first.rowsChanged.toLocaleString('en-US')} rows written), second ${second.seconds.toFixed(2)} s (${second.rowsChanged} rows changed)`,
        `lookups: ${times.length.toLocaleString('en-US')} random athletes after ${warmup} warm-up, ${first.tables.length} tables each, ${found.toLocaleString('en-US')} found, ${(times.length / wall).toFixed(0)} lookups/s`,
        `latency: p50 ${ms(at(50))}, p95 ${ms(at(95))}, p99 ${ms(at(99))}, max ${ms(times[times.length - 1])} (target p99 < 5 ms on SQLite)`,
      ].join('\n') + '\n',
    );
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
    if (config.kind === 'postgres') {
      const conn = openOnlineConnection(config);
      await conn.knex.raw('drop schema if exists ?? cascade', [config.schema]);
      await conn.close();
    }
  }
} finally {
  await adapter.close();
  rmSync(dir, { recursive: true, force: true });
}
