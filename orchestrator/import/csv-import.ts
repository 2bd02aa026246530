import { ImportBatch } from './batch.ts';
import { columnGetter, readCsvTable, type CsvRow, type CsvTable } from './csv-table.ts';
import { activityFromFile, idFromFile } from './file-activity.ts';
import { readTextFile } from './input-files.ts';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
import { unitFactor, type ColumnSource, type CsvMapping } from './mapping.ts';
import { FileError, RowError } from './row-error.ts';
import type { Sample } from './samples.ts';
import { instantToWall, parseTime, parseWithFormat, wallToInstant, type ParsedTime } from './time.ts';
import type { ActivityRow } from './types.ts';
import { requireId, round, sportType, text, toBoolean, toId, toNumber, toSeconds, toWorkoutType } from './values.ts';

export interface CsvImportOptions {
  athleteId?: bigint;
  /** Overrides the mapping's timezone. */
  zone?: string;
  limits?: ImportLimits;
  onProgress?: (done: number, total: number) => void;
}

function reader(table: CsvTable, mapping: CsvMapping) {
  const col = columnGetter(table);
  for (const [field, src] of Object.entries(mapping.columns)) {
    if (src.column && !col.has(src.column)) {
      throw new FileError(table.file, `the mapping reads column '${src.column}' for ${field}, but the header has: ${table.header.join(', ')}`, 1);
    }
  }
  return (row: CsvRow, field: string): unknown => {
    const src: ColumnSource | undefined = mapping.columns[field];
    if (!src) return undefined;
    return src.value !== undefined ? src.value : src.column ? col.get(row, src.column) : undefined;
  };
}

const time = (value: unknown, src: ColumnSource, field: string): ParsedTime | null => {
  const t = text(value);
  if (t === null) return null;
  return src.format ? parseWithFormat(t, src.format, field) : parseTime(t, field);
};

/** One activity row through a mapping: units converted, missing moving time = elapsed time, times resolved with the zone. */
function mapActivity(get: (f: string) => unknown, mapping: CsvMapping, zone: string | undefined, athleteOverride?: bigint): ActivityRow {
  const c = mapping.columns;
  const num = (f: string) => {
    const v = f.endsWith('_time') ? toSeconds(get(f), f) : toNumber(get(f), f);
    return v === null ? null : v * unitFactor(f, c[f]?.unit);
  };
  const athleteId = athleteOverride ?? requireId(get('athlete_id'), 'athlete_id');
  const utc = c.start_date ? time(get('start_date'), c.start_date, 'start_date') : null;
  const local = c.start_date_local ? time(get('start_date_local'), c.start_date_local, 'start_date_local') : null;
  if (!utc && !local) throw new RowError('missing_start_date', 'the start time is empty');
  const startUtc = utc
    ? new Date(utc.wall.getTime() - (utc.offsetMinutes ?? 0) * 60000)
    : zone ? wallToInstant(local!.wall, zone) : new Date(local!.wall.getTime() - (local!.offsetMinutes ?? 0) * 60000);
  const startLocal = local ? local.wall : zone ? instantToWall(startUtc, zone) : startUtc;
  const id = c.id.generate === 'start_time' ? BigInt(Math.floor(startUtc.getTime() / 1000)) : requireId(get('id'), 'id');
  const distance = num('distance_km');
  const elapsed = num('elapsed_time');
  if (distance === null) throw new RowError('missing_value', 'distance is empty');
  if (elapsed === null) throw new RowError('missing_time', 'elapsed time is empty');
  const moving = num('moving_time') ?? elapsed;
  const avgHr = toNumber(get('average_heartrate'), 'average_heartrate');
  const maxHr = toNumber(get('max_heartrate'), 'max_heartrate');
  return {
    athlete_id: athleteId,
    id,
    name: text(get('name')),
    sport_type: sportType(get('sport_type')) ?? 'Run',
    workout_type: toWorkoutType(get('workout_type')),
    start_date: startUtc,
    start_date_local: startLocal,
    timezone: text(get('timezone')) ?? zone ?? null,
    distance_km: round(distance, 6),
    moving_time: Math.round(moving),
    elapsed_time: Math.round(elapsed),
    total_elevation_gain: num('total_elevation_gain'),
    pace_min_km: distance > 0 && moving > 0 ? round(moving / 60 / distance, 4) : null,
    average_heartrate: avgHr,
    max_heartrate: maxHr,
    has_heartrate: toBoolean(get('has_heartrate'), 'has_heartrate') ?? (avgHr !== null || maxHr !== null),
  };
}

/** A 1 Hz (or any rate) stream file: one activity, its totals and per-km splits computed from the samples. */
function importStream(table: CsvTable, mapping: CsvMapping, options: CsvImportOptions, batch: ImportBatch): void {
  const get = reader(table, mapping);
  const c = mapping.columns;
  batch.read += 1;
  const origin = { file: table.file };
  const samples: Sample[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    try {
      const t = time(get(row, 'time'), c.time, 'time');
      if (!t) throw new RowError('missing_time', 'time is empty');
      const n = (f: string) => {
        const v = toNumber(get(row, f), f);
        return v === null ? undefined : v * unitFactor(f, c[f]?.unit);
      };
      samples.push({ t: t.wall.getTime() - (t.offsetMinutes ?? 0) * 60000, distance: n('distance'), speed: n('speed'), hr: n('heartrate') });
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      skipped++;
    }
  }
  if (skipped > 0) batch.warnings.push(`${table.file}: ${skipped} samples without a readable time or value were left out`);
  batch.row(origin, () => {
    if (samples.length < 2) throw new RowError('no_samples', 'fewer than two samples with a time');
    const first = samples.reduce((a, b) => (b.t < a.t ? b : a));
    const athlete = options.athleteId ?? toId(get(table.rows[0], 'athlete_id'), 'athlete_id');
    if (athlete === null || athlete === undefined) throw new RowError('missing_athlete_id', 'a stream needs athlete_id in the mapping or --athlete-id');
    const start = new Date(first.t);
    const zone = options.zone ?? mapping.timezone ?? undefined;
    const { activity, splits } = activityFromFile(
      { sport_type: null, name: text(get(table.rows[0], 'name')), start, samples, summary: {} },
      { athleteId: athlete, id: idFromFile(table.file, start), zone, sportType: sportType(get(table.rows[0], 'sport_type')) ?? 'Run' },
    );
    batch.add({ activity, splits, origin });
  });
}

/** `stride import csv`: any activity CSV (or a stream of samples) through a column mapping. */
export async function importCsv(file: string, mapping: CsvMapping, options: CsvImportOptions = {}): Promise<ImportBatch> {
  const batch = new ImportBatch();
  const table = readCsvTable(readTextFile(file, options.limits ?? DEFAULT_LIMITS), file, batch.rejected, mapping.delimiter);
  batch.read += batch.rejected.length;
  if (mapping.kind === 'stream') {
    importStream(table, mapping, options, batch);
    return batch;
  }
  const get = reader(table, mapping);
  const zone = options.zone ?? mapping.timezone ?? undefined;
  batch.read += table.rows.length;
  table.rows.forEach((row, i) => {
    if (i % 1000 === 0) options.onProgress?.(i, table.rows.length);
    const origin = { file, line: row.line };
    const activity = batch.row(origin, () => mapActivity((f) => get(row, f), mapping, zone, options.athleteId));
    if (activity) batch.add({ activity, splits: [], origin });
  });
  options.onProgress?.(table.rows.length, table.rows.length);
  return batch;
}
