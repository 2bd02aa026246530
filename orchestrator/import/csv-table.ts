import { parse } from 'csv-parse/sync';
import type { Rejection } from './report.ts';
import { FileError } from './row-error.ts';

/** A CSV file as a header and rows, tolerating repeated column names (Strava's bulk export has several). */
export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

export interface CsvRow {
  line: number;
  values: string[];
}

/**
 * Reads CSV text. A row that does not parse (wrong number of fields, a broken quote)
 * is kept out and reported as `malformed_row` with its line; an empty or header-less
 * file is a FileError.
 */
export function readCsvTable(text: string, file: string, rejected: Rejection[], delimiter = ','): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        rejected.push({ file, line: (err as { lines?: number } | undefined)?.lines, reason: 'malformed_row', detail: err?.message ?? 'unreadable CSV row' });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw new FileError(file, `not readable as CSV: ${(err as Error).message}`, (err as { lines?: number }).lines);
  }
  if (records.length === 0) throw new FileError(file, 'empty file: no header line');
  const [head, ...rest] = records;
  return { file, header: head.record.map((h) => h.trim()), rows: rest.map((r) => ({ line: r.info.lines, values: r.record })) };
}

/** Column lookup by name; `occurrence` picks the 1st, 2nd ... column of a repeated name. */
export function columnGetter(table: CsvTable) {
  const positions = new Map<string, number[]>();
  table.header.forEach((name, i) => positions.set(name.toLowerCase(), [...(positions.get(name.toLowerCase()) ?? []), i]));
  return {
    has: (name: string) => positions.has(name.toLowerCase()),
    get: (row: CsvRow, name: string, occurrence = 1): string | undefined => {
      const at = positions.get(name.toLowerCase())?.[occurrence - 1];
      const v = at === undefined ? undefined : row.values[at];
      return v === undefined || v.trim() === '' ? undefined : v;
    },
  };
}
