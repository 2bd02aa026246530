import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Adapter } from '../adapters/adapter.ts';
import { emptyCounts, type StoreCounts } from './report.ts';
import { sqlTimestamp } from './time.ts';
import type { ImportedActivity } from './types.ts';

/** The DuckDB schema `stride import` writes to, and `local_silver_schema` points the build at. */
export const DEFAULT_IMPORT_SCHEMA = 'silver_import';

/** The silver contract's columns and types (features.md section 1), in contract order. */
export const ACTIVITY_COLUMNS: [string, string][] = [
  ['athlete_id', 'bigint'],
  ['id', 'bigint'],
  ['name', 'varchar'],
  ['sport_type', 'varchar'],
  ['workout_type', 'integer'],
  ['start_date', 'timestamp'],
  ['start_date_local', 'timestamp'],
  ['timezone', 'varchar'],
  ['distance_km', 'double'],
  ['moving_time', 'bigint'],
  ['elapsed_time', 'bigint'],
  ['total_elevation_gain', 'double'],
  ['pace_min_km', 'double'],
  ['average_heartrate', 'double'],
  ['max_heartrate', 'double'],
  ['has_heartrate', 'boolean'],
];

export const SPLIT_COLUMNS: [string, string][] = [
  ['athlete_id', 'bigint'],
  ['activity_id', 'bigint'],
  ['split_id', 'integer'],
  ['distance_km', 'double'],
  ['moving_time', 'bigint'],
  ['elapsed_time', 'bigint'],
  ['average_heartrate', 'double'],
  ['max_heartrate', 'double'],
];

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const cell = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? sqlTimestamp(v) : String(v));

function writeCsv(file: string, columns: [string, string][], rows: Record<string, unknown>[]): void {
  writeFileSync(file, stringify([columns.map(([c]) => c), ...rows.map((r) => columns.map(([c]) => cell(r[c])))]));
}

const readCsv = (file: string, columns: [string, string][]) =>
  `read_csv(${literal(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', ` +
  `timestampformat = '%Y-%m-%d %H:%M:%S', columns = {${columns.map(([c, t]) => `${literal(c)}: ${literal(t)}`).join(', ')}})`;

const sameRow = (columns: [string, string][], a: string, b: string) => columns.map(([c]) => `${a}.${quote(c)} is not distinct from ${b}.${quote(c)}`).join(' and ');
const keyMatch = (key: string[], a: string, b: string) => key.map((k) => `${a}.${quote(k)} = ${b}.${quote(k)}`).join(' and ');

async function count(tx: Adapter, sql: string): Promise<number> {
  const [row] = await tx.query(sql);
  return Number(row.n);
}

/** Counts, then replaces the stored rows of every incoming key with the incoming rows. */
async function upsert(tx: Adapter, table: string, incoming: string, columns: [string, string][], key: string[], replaceBy: string[]): Promise<StoreCounts> {
  const counts = emptyCounts();
  counts.inserted = await count(tx, `select count(*) as n from ${incoming} i where not exists (select 1 from ${table} t where ${keyMatch(key, 't', 'i')})`);
  counts.unchanged = await count(tx, `select count(*) as n from ${incoming} i join ${table} t on ${keyMatch(key, 't', 'i')} where ${sameRow(columns, 't', 'i')}`);
  counts.updated = (await count(tx, `select count(*) as n from ${incoming}`)) - counts.inserted - counts.unchanged;
  // Replace by the wider key (an activity's whole set of splits), so splits that are gone from the new file go too.
  await tx.execute(`delete from ${table} t where exists (select 1 from ${incoming} i where ${keyMatch(replaceBy, 't', 'i')})`);
  await tx.execute(`insert into ${table} select ${columns.map(([c]) => quote(c)).join(', ')} from ${incoming}`);
  return counts;
}

/**
 * Writes a batch into `<schema>.strava_activities` / `<schema>.strava_sub_activity`
 * in one transaction: upsert by (athlete_id, id); an activity that comes with splits
 * has its stored splits replaced, one without keeps them. Re-importing the same data
 * changes nothing (every row counts as unchanged).
 */
export async function storeBatch(adapter: Adapter, items: ImportedActivity[], schema = DEFAULT_IMPORT_SCHEMA): Promise<{ activities: StoreCounts; splits: StoreCounts }> {
  const dir = mkdtempSync(join(tmpdir(), 'stride-import-'));
  try {
    const activityFile = join(dir, 'activities.csv');
    const splitFile = join(dir, 'splits.csv');
    writeCsv(activityFile, ACTIVITY_COLUMNS, items.map((i) => i.activity as unknown as Record<string, unknown>));
    writeCsv(
      splitFile,
      SPLIT_COLUMNS,
      items.flatMap((i) => i.splits.map((s, n) => ({ ...s, athlete_id: i.activity.athlete_id, activity_id: i.activity.id, split_id: n + 1 }))),
    );
    const s = quote(schema);
    const activities = `${s}.strava_activities`;
    const splits = `${s}.strava_sub_activity`;
    const ddl = (cols: [string, string][]) => cols.map(([c, t]) => `${quote(c)} ${t}`).join(', ');
    return await adapter.transaction(async (tx) => {
      await tx.execute(`create schema if not exists ${s}`);
      await tx.execute(`create table if not exists ${activities} (${ddl(ACTIVITY_COLUMNS)})`);
      await tx.execute(`create table if not exists ${splits} (${ddl(SPLIT_COLUMNS)})`);
      await tx.execute(`create or replace temp table stride_incoming_activities as select * from ${readCsv(activityFile, ACTIVITY_COLUMNS)}`);
      await tx.execute(`create or replace temp table stride_incoming_splits as select * from ${readCsv(splitFile, SPLIT_COLUMNS)}`);
      const a = await upsert(tx, activities, 'stride_incoming_activities', ACTIVITY_COLUMNS, ['athlete_id', 'id'], ['athlete_id', 'id']);
      const sp = await upsert(tx, splits, 'stride_incoming_splits', SPLIT_COLUMNS, ['athlete_id', 'activity_id', 'split_id'], ['athlete_id', 'activity_id']);
      await tx.execute('drop table stride_incoming_activities');
      await tx.execute('drop table stride_incoming_splits');
      return { activities: a, splits: sp };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
