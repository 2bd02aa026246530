// Section 2: silver rows in, accepted + rejected rows and repair warnings out.
// Every input row ends up either accepted or rejected, never both, never neither.
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_IDENTITY,
  ACTIVITY_NULL_KEY,
  type ColumnSpec,
  SPLIT_COLUMNS,
  SPLIT_IDENTITY,
  SPLIT_NULL_KEY,
} from './columns.ts';
import { dayOfMicros, formatDay, formatTimestamp, requireDay } from './dates.ts';
import { type IndexedRow, splitDuplicates } from './dedupe.ts';
import { repairHeartRates } from './heart-rate-repair.ts';
import { BAD, parseValue } from './parse.ts';
import { byKeys } from './sort.ts';
import type { Activity, RawRow, RejectedRow, SourceTable, Split, ValidationResult, ValidationWarning } from './types.ts';
import { activityRules, isRunRow, type ParsedRow, type Rule, splitRules } from './validation-rules.ts';

interface TableSpec {
  source_table: SourceTable;
  columns: readonly ColumnSpec[];
  nullKey: readonly string[];
  identity: readonly string[];
  /** Column holding the activity id in this table. */
  activityIdColumn: 'id' | 'activity_id';
}

const ACTIVITY_SPEC: TableSpec = {
  source_table: 'strava_activities',
  columns: ACTIVITY_COLUMNS,
  nullKey: ACTIVITY_NULL_KEY,
  identity: ACTIVITY_IDENTITY,
  activityIdColumn: 'id',
};

const SPLIT_SPEC: TableSpec = {
  source_table: 'strava_sub_activity',
  columns: SPLIT_COLUMNS,
  nullKey: SPLIT_NULL_KEY,
  identity: SPLIT_IDENTITY,
  activityIdColumn: 'activity_id',
};

/** Contract columns only; an empty CSV field reads as null (as DuckDB's CSV reader does). */
function readRaw(row: RawRow, columns: readonly ColumnSpec[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const { name } of columns) {
    const value = row[name];
    out[name] = value === undefined || value === '' ? null : value;
  }
  return out;
}

function parseRow(raw: Record<string, string | null>, columns: readonly ColumnSpec[]): ParsedRow {
  const parsed: ParsedRow = {};
  for (const { name, type } of columns) parsed[name] = parseValue(type, raw[name] ?? null);
  return parsed;
}

function parsedKey(parsed: ParsedRow, column: string | undefined): number | null {
  const value = column === undefined ? undefined : parsed[column];
  return typeof value === 'number' ? value : null;
}

function rejectedRow(spec: TableSpec, row: IndexedRow, parsed: ParsedRow, failed: RejectedRow['failed_rules']): RejectedRow {
  return {
    source_table: spec.source_table,
    input_row: row.index + 1,
    athlete_id: parsedKey(parsed, 'athlete_id'),
    activity_id: parsedKey(parsed, spec.activityIdColumn),
    split_id: spec.source_table === 'strava_sub_activity' ? parsedKey(parsed, 'split_id') : null,
    reason_code: failed[0]!,
    failed_rules: failed,
    raw: row.raw,
  };
}

/** Steps 1-3 for one table; returns the accepted rows parsed, and the rejected rows. */
function screenTable(
  spec: TableSpec,
  rawRows: readonly RawRow[],
  rules: readonly Rule[],
): { accepted: ParsedRow[]; rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  const rows: IndexedRow[] = rawRows.map((row, index) => ({ index, raw: readRaw(row, spec.columns) }));
  const parsedByRow = new Map(rows.map((row) => [row, parseRow(row.raw, spec.columns)]));

  // Step 1. A key that is present but unparsable cannot be matched for duplicates
  // either, so it is rejected here too, as `unparsable`.
  const withKeys = rows.filter((row) => {
    const parsed = parsedByRow.get(row)!;
    if (spec.nullKey.some((column) => parsed[column] === null)) {
      rejected.push(rejectedRow(spec, row, parsed, ['null_key']));
      return false;
    }
    if (spec.nullKey.some((column) => parsed[column] === BAD)) {
      rejected.push(rejectedRow(spec, row, parsed, ['unparsable']));
      return false;
    }
    return true;
  });

  // Step 2.
  const identityOf = (row: IndexedRow) =>
    spec.identity.map((column) => String(parsedByRow.get(row)![column])).join('|');
  const columnNames = spec.columns.map((column) => column.name);
  const { kept, duplicates } = splitDuplicates(withKeys, identityOf, columnNames);
  for (const row of duplicates) rejected.push(rejectedRow(spec, row, parsedByRow.get(row)!, ['duplicate']));

  // Step 3.
  const accepted: ParsedRow[] = [];
  for (const row of kept) {
    const parsed = parsedByRow.get(row)!;
    const failed = rules.filter((rule) => rule.fails(parsed)).map((rule) => rule.code);
    if (failed.length > 0) rejected.push(rejectedRow(spec, row, parsed, failed));
    else accepted.push(parsed);
  }
  return { accepted, rejected };
}

const nullable = <T>(value: unknown): T | null => (value === null || value === BAD ? null : (value as T));

function toActivity(p: ParsedRow, warnings: ValidationWarning[]): Activity {
  const athlete_id = p.athlete_id as number;
  const activity_id = p.id as number;
  const hr = repairHeartRates(
    { average_heartrate: nullable(p.average_heartrate), max_heartrate: nullable(p.max_heartrate) },
    { source_table: 'strava_activities', athlete_id, activity_id, split_id: null },
  );
  warnings.push(...hr.warnings);
  return {
    athlete_id,
    activity_id,
    name: nullable(p.name),
    sport_type: nullable(p.sport_type),
    workout_type: nullable(p.workout_type),
    start_date: formatTimestamp(p.start_date as number),
    start_date_local: formatTimestamp(p.start_date_local as number),
    activity_date: formatDay(dayOfMicros(p.start_date_local as number)),
    timezone: nullable(p.timezone),
    distance_km: nullable(p.distance_km),
    moving_time: p.moving_time as number,
    elapsed_time: p.elapsed_time as number,
    total_elevation_gain: nullable(p.total_elevation_gain),
    average_heartrate: hr.average_heartrate,
    max_heartrate: hr.max_heartrate,
    has_heartrate: nullable(p.has_heartrate),
    is_run: isRunRow(p),
  };
}

function toSplit(p: ParsedRow, warnings: ValidationWarning[]): Split {
  const key = { athlete_id: p.athlete_id as number, activity_id: p.activity_id as number, split_id: p.split_id as number };
  const hr = repairHeartRates(
    { average_heartrate: nullable(p.average_heartrate), max_heartrate: nullable(p.max_heartrate) },
    { source_table: 'strava_sub_activity', ...key },
  );
  warnings.push(...hr.warnings);
  return {
    ...key,
    distance_km: nullable(p.distance_km),
    moving_time: p.moving_time as number,
    elapsed_time: p.elapsed_time as number,
    average_heartrate: hr.average_heartrate,
    max_heartrate: hr.max_heartrate,
  };
}

export function validate(rawActivities: readonly RawRow[], rawSplits: readonly RawRow[], asOfDate: string): ValidationResult {
  const asOfDay = requireDay(asOfDate);
  const warnings: ValidationWarning[] = [];

  const activityPass = screenTable(ACTIVITY_SPEC, rawActivities, activityRules(asOfDay));
  const activities = activityPass.accepted.map((p) => toActivity(p, warnings));

  const acceptedKeys = new Set(activities.map((a) => `${a.athlete_id}|${a.activity_id}`));
  const splitPass = screenTable(SPLIT_SPEC, rawSplits, splitRules(acceptedKeys));
  const splits = splitPass.accepted.map((p) => toSplit(p, warnings));

  return {
    activities: activities.sort(byKeys<Activity>('athlete_id', 'activity_id')),
    splits: splits.sort(byKeys<Split>('athlete_id', 'activity_id', 'split_id')),
    rejected: [...activityPass.rejected, ...splitPass.rejected].sort(byKeys<RejectedRow>('source_table', 'input_row')),
    warnings: warnings.sort(
      byKeys<ValidationWarning>('source_table', 'athlete_id', 'activity_id', 'split_id', 'column_name'),
    ),
  };
}
