// Section 2, step 2: among rows sharing an identity, keep the row whose values
// compare greatest as text in contract column order; a full tie keeps the later
// input row. (The silver contract has no ingest time, so "last ingested" never applies.)
import { compareRows } from './text-order.ts';

export interface IndexedRow {
  index: number;
  raw: Record<string, string | null>;
}

export function splitDuplicates(
  rows: readonly IndexedRow[],
  identityOf: (row: IndexedRow) => string,
  columns: readonly string[],
): { kept: IndexedRow[]; duplicates: IndexedRow[] } {
  const best = new Map<string, IndexedRow>();
  for (const row of rows) {
    const key = identityOf(row);
    const current = best.get(key);
    // Rows arrive in input order, so ">= 0" lets a full tie go to the later row.
    if (!current || compareRows(row.raw, current.raw, columns) >= 0) best.set(key, row);
  }
  const keptSet = new Set(best.values());
  return {
    kept: rows.filter((row) => keptSet.has(row)),
    duplicates: rows.filter((row) => !keptSet.has(row)),
  };
}
