import { extname } from 'node:path';
import { ImportBatch } from './batch.ts';
import { readCsvTable } from './csv-table.ts';
import { inputFiles, lineAt, readTextFile } from './input-files.ts';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
import { FileError, RowError } from './row-error.ts';
import { parseTime } from './time.ts';
import type { ActivityRow, Split } from './types.ts';
import { requireId, requireNumber, round, text, toBoolean, toId, toNumber, toWorkoutType } from './values.ts';

export interface ApiOptions {
  /** For objects without athlete.id (some dumps strip it). */
  athleteId?: bigint;
  limits?: ImportLimits;
  onProgress?: (done: number, total: number) => void;
}

type Json = Record<string, unknown>;

/** 'athlete.id' style columns (a flattened dump) back into nested objects. */
export function unflatten(flat: Record<string, string | undefined>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Json;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** splits_metric (per km) or, without them, laps of a DetailedActivity; distances in metres. */
function apiSplits(obj: Json): Split[] {
  const source = Array.isArray(obj.splits_metric) && obj.splits_metric.length > 0 ? obj.splits_metric : Array.isArray(obj.laps) ? obj.laps : [];
  return (source as Json[]).map((s, i) => ({
    distance_km: round(requireNumber(s.distance, `splits[${i}].distance`) / 1000, 6),
    moving_time: Math.round(requireNumber(s.moving_time, `splits[${i}].moving_time`)),
    elapsed_time: Math.round(requireNumber(s.elapsed_time, `splits[${i}].elapsed_time`)),
    average_heartrate: toNumber(s.average_heartrate, `splits[${i}].average_heartrate`),
    max_heartrate: toNumber(s.max_heartrate, `splits[${i}].max_heartrate`),
  }));
}

/**
 * A Strava API SummaryActivity or DetailedActivity as a silver row: distance in
 * metres to km, `start_date` is UTC ('Z'), `start_date_local` is the wall clock
 * (its 'Z' is ignored), sport_type falls back on the older `type`.
 */
export function activityFromApi(obj: Json, fallbackAthlete?: bigint): { activity: ActivityRow; splits: Split[] } {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new RowError('not_an_activity', `expected an activity object, got ${JSON.stringify(obj)?.slice(0, 40)}`);
  const athleteId = toId((obj.athlete as Json | undefined)?.id, 'athlete.id') ?? fallbackAthlete;
  if (athleteId === undefined) throw new RowError('missing_athlete_id', 'no athlete.id in the object: pass --athlete-id');
  const id = requireId(obj.id, 'id');
  const startText = text(obj.start_date);
  const localText = text(obj.start_date_local);
  if (!startText || !localText) throw new RowError('missing_start_date', 'start_date or start_date_local is empty');
  const start = parseTime(startText, 'start_date');
  const local = parseTime(localText, 'start_date_local');
  const distance = (toNumber(obj.distance, 'distance') ?? 0) / 1000;
  const moving = requireNumber(obj.moving_time, 'moving_time');
  const elapsed = requireNumber(obj.elapsed_time, 'elapsed_time');
  const avgHr = toNumber(obj.average_heartrate, 'average_heartrate');
  const maxHr = toNumber(obj.max_heartrate, 'max_heartrate');
  return {
    activity: {
      athlete_id: athleteId,
      id,
      name: text(obj.name),
      sport_type: text(obj.sport_type) ?? text(obj.type) ?? 'Workout',
      workout_type: toWorkoutType(obj.workout_type),
      start_date: new Date(start.wall.getTime() - (start.offsetMinutes ?? 0) * 60000),
      start_date_local: local.wall,
      timezone: text(obj.timezone),
      distance_km: round(distance, 6),
      moving_time: Math.round(moving),
      elapsed_time: Math.round(elapsed),
      total_elevation_gain: toNumber(obj.total_elevation_gain, 'total_elevation_gain'),
      pace_min_km: distance > 0 && moving > 0 ? round(moving / 60 / distance, 4) : null,
      average_heartrate: avgHr,
      max_heartrate: maxHr,
      has_heartrate: toBoolean(obj.has_heartrate, 'has_heartrate') ?? (avgHr !== null || maxHr !== null),
    },
    splits: apiSplits(obj),
  };
}

/** The objects of one JSON dump: an array, one activity, or `{activities: [...]}`. */
function jsonObjects(file: string, limits: ImportLimits): Json[] {
  const body = readTextFile(file, limits);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    throw new FileError(file, `malformed JSON: ${(err as Error).message}`, at ? lineAt(body, Number(at[1])) : undefined);
  }
  if (Array.isArray(data)) return data as Json[];
  if (data && typeof data === 'object' && Array.isArray((data as Json).activities)) return (data as Json).activities as Json[];
  if (data && typeof data === 'object' && 'id' in (data as Json)) return [data as Json];
  throw new FileError(file, 'expected an array of Strava activities (the /athlete/activities response) or one activity object');
}

/**
 * Strava API dumps: JSON files (as the API returns them) or CSV files with the same
 * fields flattened to dotted columns ('athlete.id'). A folder imports every .json
 * and .csv file in it; a file that cannot be read is reported and skipped.
 */
export async function importStravaApi(path: string, options: ApiOptions = {}): Promise<ImportBatch> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const batch = new ImportBatch();
  const files = inputFiles(path, ['.json', '.csv']);
  for (const [f, file] of files.entries()) {
    options.onProgress?.(f, files.length);
    let items: { obj: Json; origin: { file: string; line?: number } }[];
    try {
      if (extname(file).toLowerCase() === '.csv') {
        const table = readCsvTable(readTextFile(file, limits), file, batch.rejected);
        batch.read += batch.rejected.filter((r) => r.file === file && r.reason === 'malformed_row').length;
        items = table.rows.map((row) => ({
          obj: unflatten(Object.fromEntries(table.header.map((h, i) => [h, row.values[i] === '' ? undefined : row.values[i]]))),
          origin: { file, line: row.line },
        }));
      } else {
        items = jsonObjects(file, limits).map((obj, i) => ({ obj, origin: { file: `${file}[${i}]` } }));
      }
    } catch (err) {
      if (!(err instanceof FileError) || files.length === 1) throw err;
      batch.badFiles.push({ file, line: err.line, reason: 'unreadable_file', detail: err.message });
      continue;
    }
    batch.read += items.length;
    for (const { obj, origin } of items) {
      const mapped = batch.row(origin, () => activityFromApi(obj, options.athleteId));
      if (mapped) batch.add({ ...mapped, origin });
    }
  }
  options.onProgress?.(files.length, files.length);
  return batch;
}
