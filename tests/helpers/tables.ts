import type { Adapter, Row } from '../../orchestrator/adapters/adapter.ts';

/**
 * Every row of a table, ordered by its keys, with dates and timestamps as text so
 * rows compare as plain values (and as the reference implementation writes them).
 */
export async function dumpTable(adapter: Adapter, relation: string, keys: string[]): Promise<Row[]> {
  const columns = await adapter.query(`describe select * from ${relation}`);
  const select = columns
    .map((c) => {
      const name = String(c.column_name);
      const type = String(c.column_type);
      return /^(DATE|TIMESTAMP)/.test(type) ? `cast("${name}" as varchar) as "${name}"` : `"${name}"`;
    })
    .join(', ');
  return adapter.query(`select ${select} from ${relation} order by ${keys.map((k) => `"${k}"`).join(', ')}`);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Differences between two row sets keyed alike: numbers within 1e-9 relative, the rest exactly. */
export function diffRows(actual: Row[], expected: Row[], keys: string[], columns?: string[]): string[] {
  const key = (r: Row) => keys.map((k) => String(r[k])).join('|');
  const byKey = new Map(actual.map((r) => [key(r), r]));
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`row count ${actual.length} != expected ${expected.length}`);
  for (const want of expected) {
    const got = byKey.get(key(want));
    if (!got) {
      problems.push(`missing row ${key(want)}`);
      continue;
    }
    for (const column of columns ?? Object.keys(want)) {
      const a = got[column];
      const b = want[column];
      const same =
        (a === null || a === undefined) && (b === null || b === undefined)
          ? true
          : typeof a === 'number' && typeof b === 'number'
            ? close(a, b)
            : typeof a === 'bigint' || typeof b === 'bigint'
              ? String(a) === String(b)
              : a === b;
      if (!same) problems.push(`${key(want)} ${column}: got ${String(a)}, expected ${String(b)}`);
    }
    if (problems.length > 20) break;
  }
  return problems;
}

/** JSON of rows with bigints as text, for byte-for-byte comparisons. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}
