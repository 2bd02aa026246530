// "Compare as text": by Unicode code point (the byte order of UTF-8, which is what
// binary collations in DuckDB and Spark use), null lowest.

export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const ca = Array.from(a);
  const cb = Array.from(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const diff = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return ca.length - cb.length;
}

/** Lexicographic over the columns, in the order given. */
export function compareRows(
  a: Readonly<Record<string, string | null>>,
  b: Readonly<Record<string, string | null>>,
  columns: readonly string[],
): number {
  for (const column of columns) {
    const diff = compareText(a[column] ?? null, b[column] ?? null);
    if (diff !== 0) return diff;
  }
  return 0;
}
