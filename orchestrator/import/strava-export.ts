import { basename, posix } from 'node:path';
import { openArchive, type Archive } from './archive.ts';
import { ImportBatch } from './batch.ts';
import { columnGetter, readCsvTable } from './csv-table.ts';
import { exportRowMapper } from './export-activities.ts';
import { activityFromFile, idFromFile } from './file-activity.ts';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
import { isActivityFile, readActivityFile } from './read-activity-file.ts';
import { FileError, RowError } from './row-error.ts';
import type { ActivityRow, ImportedActivity } from './types.ts';

export interface ExportOptions {
  athleteId?: bigint;
  /** IANA zone for local times when the files do not give them. */
  zone?: string;
  limits?: ImportLimits;
  onProgress?: (done: number, total: number) => void;
}

const utf8 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');

/** The athlete id: the option, else profile.csv's 'Athlete ID' column when the export has one. */
async function athleteIdOf(archive: Archive, prefix: string, options: ExportOptions, batch: ImportBatch): Promise<bigint> {
  if (options.athleteId !== undefined) return options.athleteId;
  const profile = archive.names().find((n) => n === posix.join(prefix, 'profile.csv'));
  if (profile) {
    const table = readCsvTable(utf8(await archive.read(profile)), profile, batch.rejected);
    const col = columnGetter(table);
    const value = table.rows[0] && col.get(table.rows[0], 'Athlete ID');
    if (value && /^\d+$/.test(value.trim())) return BigInt(value.trim());
  }
  throw new FileError(archive.label, "the export does not name the athlete (no 'Athlete ID' in profile.csv): pass --athlete-id <your Strava athlete id>");
}

/** Merges what the activity file knows into the activities.csv row: local time, splits, heart rate the summary lacks. */
function withFile(row: ActivityRow, fileActivity: ActivityRow, zone: string | undefined): ActivityRow {
  const localFromFile = !zone && fileActivity.start_date_local.getTime() !== fileActivity.start_date.getTime();
  return {
    ...row,
    start_date_local: localFromFile ? new Date(row.start_date.getTime() + (fileActivity.start_date_local.getTime() - fileActivity.start_date.getTime())) : row.start_date_local,
    average_heartrate: row.average_heartrate ?? fileActivity.average_heartrate,
    max_heartrate: row.max_heartrate ?? fileActivity.max_heartrate,
    has_heartrate: row.has_heartrate || fileActivity.has_heartrate,
  };
}

/**
 * Strava's bulk export (zip or unpacked folder): activities.csv gives one row per
 * activity, and the file its `Filename` names gives the splits. A file that cannot be
 * read is reported and skipped; its activity is still imported, without splits. An
 * export (or folder) without activities.csv imports every activity file in it.
 */
export async function importStravaExport(path: string, options: ExportOptions = {}): Promise<ImportBatch> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const batch = new ImportBatch();
  const archive = await openArchive(path, limits, batch.badFiles);
  try {
    const names = archive.names();
    const csvName = names.filter((n) => basename(n) === 'activities.csv').sort((a, b) => a.length - b.length)[0];
    const prefix = csvName ? posix.dirname(csvName) : '';
    const athleteId = await athleteIdOf(archive, prefix === '.' ? '' : prefix, options, batch);
    const readFile = async (name: string, id: bigint) => {
      try {
        return activityFromFile(readActivityFile(name, await archive.read(name), limits), { athleteId, id, zone: options.zone });
      } catch (err) {
        if (!(err instanceof FileError) && !(err instanceof RowError)) throw err;
        batch.badFiles.push({ file: name, reason: err instanceof RowError ? err.reason : 'unreadable_file', detail: err.message.replace(`${name}: `, '') });
        return undefined;
      }
    };
    if (csvName) {
      const table = readCsvTable(utf8(await archive.read(csvName)), csvName, batch.rejected);
      const map = exportRowMapper(table, athleteId, options.zone);
      batch.read = table.rows.length + batch.rejected.filter((r) => r.reason === 'malformed_row').length;
      let done = 0;
      for (const row of table.rows) {
        options.onProgress?.(done++, table.rows.length);
        const origin = { file: csvName, line: row.line };
        const mapped = batch.row(origin, () => map(row));
        if (!mapped) continue;
        let item: ImportedActivity = { activity: mapped.activity, splits: [], origin };
        if (mapped.filename) {
          const name = posix.normalize(posix.join(prefix, mapped.filename));
          if (!names.includes(name)) {
            if (!batch.badFiles.some((b) => b.file === name)) batch.badFiles.push({ file: name, reason: 'missing_file', detail: `named by ${csvName}:${row.line} but not in the export` });
          } else {
            const fromFile = await readFile(name, mapped.activity.id);
            if (fromFile) item = { activity: withFile(mapped.activity, fromFile.activity, options.zone), splits: fromFile.splits, origin };
          }
        }
        batch.add(item);
      }
      options.onProgress?.(table.rows.length, table.rows.length);
    } else {
      const files = names.filter(isActivityFile);
      batch.read = files.length;
      let done = 0;
      for (const name of files) {
        options.onProgress?.(done++, files.length);
        const peek = await readFile(name, 0n);
        if (!peek) continue;
        const id = idFromFile(name, peek.activity.start_date);
        batch.add({ activity: { ...peek.activity, id }, splits: peek.splits, origin: { file: name } });
      }
      options.onProgress?.(files.length, files.length);
    }
  } finally {
    await archive.close();
  }
  return batch;
}

