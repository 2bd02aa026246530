/**
 * Staging (contract section 2) on a hand-made fixture whose every outcome is written
 * down in tests/fixtures/staging/expected.json, plus the duplicate rule with an
 * ingest-time column, typed sources, and a comparison with the reference
 * implementation on simulated athletes with every kind of dirty row.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { simulate } from '../../orchestrator/simulate/index.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { FIXTURES, silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';
import { validate } from '../reference/validate.ts';

const FIXTURE = join(FIXTURES, 'staging');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8'));
const AS_OF: string = expected.as_of_date;

type Csv = Record<string, string>[];
const readCsv = (file: string): Csv => parse(readFileSync(file), { columns: true }) as Csv;

function writeCsv(file: string, rows: Csv, header: string[]): void {
  const quote = (v: string | undefined) => (v === undefined || v === '' ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(file, [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h])).join(','))].join('\n') + '\n');
}

/** Silver seeds are read as text so that unparsable values reach staging, as in production CSV drops. */
function setSeedConfig(dir: string, config: Record<string, Record<string, unknown>>): void {
  const file = join(dir, 'project.yml');
  const project = YAML.parse(readFileSync(file, 'utf8'));
  project.seeds ??= {};
  for (const [seed, cfg] of Object.entries(config)) project.seeds[seed] = { ...(project.seeds[seed] ?? {}), ...cfg };
  writeFileSync(file, YAML.stringify(project));
}

const TEXT_SEEDS = { strava_activities: { all_varchar: true }, strava_sub_activity: { all_varchar: true } };

const opened: DuckDBAdapter[] = [];

/** Builds the staging models (and their tests) of a copy of the project on the given silver files. */
async function buildStaging(
  silver: { activities: string; splits: string },
  options: { vars?: Record<string, unknown>; seeds?: Record<string, Record<string, unknown>> } = {},
): Promise<DuckDBAdapter> {
  const dir = copyStrideProject({ strava_activities: silver.activities, strava_sub_activity: silver.splits });
  setSeedConfig(dir, options.seeds ?? TEXT_SEEDS);
  const adapter = await DuckDBAdapter.open({ path: ':memory:' });
  opened.push(adapter);
  const result = await runCommand('build', {
    projectDir: dir,
    adapter,
    reporter: silentReporter(),
    select: ['+tag:staging'],
    vars: { as_of_date: AS_OF, ...options.vars },
  });
  const failed = result.results.filter((r) => r.status === 'error' || r.status === 'fail');
  if (failed.length > 0) throw new Error(`staging build failed: ${failed.map((f) => `${f.id}: ${f.message ?? `${f.failures} failing rows`}`).join('; ')}`);
  return adapter;
}

const ACTIVITIES_SQL = `
  select athlete_id, activity_id, name, sport_type, workout_type,
    strftime(start_date, '%Y-%m-%d %H:%M:%S') as start_date,
    strftime(start_date_local, '%Y-%m-%d %H:%M:%S') as start_date_local,
    strftime(activity_date, '%Y-%m-%d') as activity_date,
    timezone, distance_km, moving_time, elapsed_time, total_elevation_gain,
    average_heartrate, max_heartrate, has_heartrate, is_run
  from staging.stg_strava__activities
  order by athlete_id, activity_id`;
// source_row_hash fingerprints the source text, which a typed source writes differently
const SPLITS_SQL = 'select * exclude (source_row_hash) from staging.stg_strava__splits order by athlete_id, activity_id, split_id';
const REJECTED_SQL = `
  select source_table, athlete_id, activity_id, split_id, reason_code, failed_rules
  from staging.stg_strava__rejected_rows
  order by source_table, athlete_id nulls last, activity_id nulls last, split_id nulls last, reason_code`;
const WARNINGS_SQL = 'select * from staging.stg_strava__validation_warnings order by source_table, athlete_id, activity_id, split_id, column_name';

afterAll(async () => {
  for (const a of opened) await a.close();
});

const withoutWhy = (rows: Record<string, unknown>[]) => rows.map(({ why: _why, ...rest }) => rest);

describe('staging on the hand-made fixture', () => {
  let adapter: DuckDBAdapter;

  beforeAll(async () => {
    adapter = await buildStaging({ activities: join(FIXTURE, 'strava_activities.csv'), splits: join(FIXTURE, 'strava_sub_activity.csv') });
  }, 120_000);

  it('accepts exactly the expected activities, typed and repaired', async () => {
    expect(await adapter.query(ACTIVITIES_SQL)).toEqual(expected.activities);
  });

  it('accepts exactly the expected splits', async () => {
    expect(await adapter.query(SPLITS_SQL)).toEqual(expected.splits);
  });

  it('rejects every other row with the expected reason and failed rules', async () => {
    expect(await adapter.query(REJECTED_SQL)).toEqual(withoutWhy(expected.rejected));
  });

  it('records one warning per repaired heart rate', async () => {
    expect(await adapter.query(WARNINGS_SQL)).toEqual(expected.warnings);
  });

  it('keeps a rejected row exactly as it arrived', async () => {
    for (const example of expected.raw_values) {
      const [row] = await adapter.query(
        `select raw_values from staging.stg_strava__rejected_rows where source_table = '${example.source_table}'
           and activity_id = ${example.activity_id} and coalesce(split_id, -1) = ${example.split_id ?? -1}`,
      );
      expect(row?.raw_values).toBe(example.raw_values);
      expect(() => JSON.parse(String(row?.raw_values))).not.toThrow();
    }
  });

  it('input rows = accepted rows + rejected rows, for both tables', async () => {
    const [counts] = await adapter.query(`
      select
        (select count(*) from staging.stg_strava__activities) as activities,
        (select count(*) from staging.stg_strava__splits) as splits,
        (select count(*) from staging.stg_strava__rejected_rows where source_table = 'strava_activities') as rejected_activities,
        (select count(*) from staging.stg_strava__rejected_rows where source_table = 'strava_sub_activity') as rejected_splits`);
    expect(Number(counts.activities) + Number(counts.rejected_activities)).toBe(expected.input_rows.strava_activities);
    expect(Number(counts.splits) + Number(counts.rejected_splits)).toBe(expected.input_rows.strava_sub_activity);
  });

  it('agrees with the reference implementation on the fixture', () => {
    const reference = validate(readCsv(join(FIXTURE, 'strava_activities.csv')), readCsv(join(FIXTURE, 'strava_sub_activity.csv')), AS_OF);
    expect(reference.activities).toEqual(expected.activities);
    expect(reference.splits).toEqual(expected.splits);
    const rejected = reference.rejected.map((r) => ({
      source_table: r.source_table,
      athlete_id: r.athlete_id,
      activity_id: r.activity_id,
      split_id: r.split_id,
      reason_code: r.reason_code,
      failed_rules: r.failed_rules.join(','),
    }));
    const order = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(order(rejected)).toEqual(order(withoutWhy(expected.rejected)));
  });
});

describe('duplicates with an ingest-time column', () => {
  it('keeps the last ingested copy, and falls back to the text order between equal ingest times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stride-ingest-'));
    const rows = readCsv(join(FIXTURE, 'strava_activities.csv'));
    const header = [...Object.keys(rows[0]!), 'ingested_at'];
    // Every row ingested at the same time except the copy of 107 that loses on text, ingested later.
    for (const row of rows) row.ingested_at = row.id === '107' && row.name === 'Intervals' ? '2024-03-09 12:00:00' : '2024-03-08 12:00:00';
    writeCsv(join(dir, 'strava_activities.csv'), rows, header);
    const splits = readCsv(join(FIXTURE, 'strava_sub_activity.csv'));
    const splitHeader = [...Object.keys(splits[0]!), 'ingested_at'];
    for (const row of splits) row.ingested_at = '2024-03-08 12:00:00';
    writeCsv(join(dir, 'strava_sub_activity.csv'), splits, splitHeader);

    const adapter = await buildStaging(
      { activities: join(dir, 'strava_activities.csv'), splits: join(dir, 'strava_sub_activity.csv') },
      { vars: { ingest_time_column: 'ingested_at' } },
    );
    const [kept] = await adapter.query('select name, distance_km from staging.stg_strava__activities where activity_id = 107');
    expect(kept).toEqual({ name: 'Intervals', distance_km: 9 });
    // Everything else is decided by the text order, as without the column.
    expect(await adapter.query(REJECTED_SQL)).toEqual(withoutWhy(expected.rejected));
    const activities = await adapter.query(ACTIVITIES_SQL);
    expect(activities.filter((a) => a.activity_id !== 107)).toEqual(expected.activities.filter((a: Row) => a.activity_id !== 107));
  }, 120_000);
});

describe('typed silver columns', () => {
  it('reads typed columns (as Databricks delivers them) exactly like their text', async () => {
    // The accepted rows written back in canonical form and loaded with contract types.
    const dir = mkdtempSync(join(tmpdir(), 'stride-typed-'));
    const text = (v: unknown) => (v === null ? '' : String(v));
    const activities = expected.activities.map((a: Row) => ({
      ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k, text(v)])),
      id: text(a.activity_id),
      pace_min_km: '',
    }));
    const activityHeader = ['athlete_id', 'id', 'name', 'sport_type', 'workout_type', 'start_date', 'start_date_local', 'timezone', 'distance_km', 'moving_time', 'elapsed_time', 'total_elevation_gain', 'pace_min_km', 'average_heartrate', 'max_heartrate', 'has_heartrate'];
    writeCsv(join(dir, 'strava_activities.csv'), activities, activityHeader);
    const splits = expected.splits.map((s: Row) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, text(v)])));
    writeCsv(join(dir, 'strava_sub_activity.csv'), splits, Object.keys(expected.splits[0]));

    const adapter = await buildStaging(
      { activities: join(dir, 'strava_activities.csv'), splits: join(dir, 'strava_sub_activity.csv') },
      {
        seeds: {
          strava_activities: {
            column_types: {
              athlete_id: 'BIGINT', id: 'BIGINT', name: 'VARCHAR', sport_type: 'VARCHAR', workout_type: 'INTEGER',
              start_date: 'TIMESTAMP', start_date_local: 'TIMESTAMP', timezone: 'VARCHAR', distance_km: 'DOUBLE',
              moving_time: 'BIGINT', elapsed_time: 'BIGINT', total_elevation_gain: 'DOUBLE', pace_min_km: 'DOUBLE',
              average_heartrate: 'DOUBLE', max_heartrate: 'DOUBLE', has_heartrate: 'BOOLEAN',
            },
          },
          strava_sub_activity: {
            column_types: {
              athlete_id: 'BIGINT', activity_id: 'BIGINT', split_id: 'INTEGER', distance_km: 'DOUBLE',
              moving_time: 'BIGINT', elapsed_time: 'BIGINT', average_heartrate: 'DOUBLE', max_heartrate: 'DOUBLE',
            },
          },
        },
      },
    );
    const columns = await adapter.columns({ schema: 'silver', name: 'strava_activities' });
    expect(columns.find((c) => c.name === 'start_date')?.type).toBe('TIMESTAMP');
    expect(await adapter.query('select count(*) as n from staging.stg_strava__rejected_rows')).toEqual([{ n: 0 }]);
    expect(await adapter.query(ACTIVITIES_SQL)).toEqual(expected.activities);
    expect(await adapter.query(SPLITS_SQL)).toEqual(expected.splits);
  }, 120_000);
});

describe('staging on simulated athletes with every kind of dirty row', () => {
  it('matches the reference implementation row for row', async () => {
    const silver = mkdtempSync(join(tmpdir(), 'stride-sim-staging-'));
    await simulate({ athletes: 3, years: 0.5, seed: 7, out: silver, endDate: AS_OF, everyDirtyKind: true, groundTruth: 'none' });
    const files = { activities: join(silver, 'strava_activities.csv'), splits: join(silver, 'strava_sub_activity.csv') };
    const adapter = await buildStaging(files);
    const reference = validate(readCsv(files.activities), readCsv(files.splits), AS_OF);

    const activities = await adapter.query(ACTIVITIES_SQL);
    expect(activities.length).toBe(reference.activities.length);
    expect(activities).toEqual(reference.activities);
    expect(await adapter.query(SPLITS_SQL)).toEqual(reference.splits);

    const order = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    const rejected = reference.rejected.map((r) => ({
      source_table: r.source_table,
      athlete_id: r.athlete_id,
      activity_id: r.activity_id,
      split_id: r.split_id,
      reason_code: r.reason_code,
      failed_rules: r.failed_rules.join(','),
    }));
    expect(order(await adapter.query(REJECTED_SQL))).toEqual(order(rejected));
    // The simulator places at least one row of every dirty kind: all these reasons occur.
    expect(new Set(rejected.map((r) => r.reason_code))).toEqual(
      new Set(['null_key', 'duplicate', 'null_time', 'non_positive_time', 'moving_exceeds_elapsed', 'negative_distance', 'unparsable', 'pace_out_of_range', 'future_date', 'activity_not_accepted']),
    );

    const warnings = await adapter.query(WARNINGS_SQL);
    expect(new Set(warnings.map((w) => w.action))).toEqual(new Set(['set_null']));
    expect(warnings.map(({ action: _action, rule, ...w }) => ({ ...w, warning_code: rule }))).toEqual(reference.warnings);
  }, 300_000);
});
