/**
 * Column types of the online store. A feature column gets one of six online types,
 * from its YAML `data_type` when documented, else from the engine's column type.
 * The declared SQL type is the same text on SQLite and PostgreSQL, so one mapping
 * reads the type back from either catalog.
 */
export type OnlineType = 'bigint' | 'double' | 'text' | 'boolean' | 'date' | 'timestamp';

export interface OnlineColumn {
  name: string;
  type: OnlineType;
}

/** The declared SQL type of each online type. SQLite gives them INTEGER, REAL, TEXT and NUMERIC affinity. */
export const DECLARED_TYPE: Record<OnlineType, string> = {
  bigint: 'bigint',
  double: 'double precision',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
};

/** A DuckDB, Databricks or YAML type name as an online type; anything else is kept as its text. */
export function onlineType(engineType: string): OnlineType {
  const t = engineType.trim().toUpperCase();
  if (/^(BIGINT|INTEGER|INT|SMALLINT|TINYINT|HUGEINT|UHUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|LONG|SHORT|BYTE|INT[248])$/.test(t)) return 'bigint';
  if (/^(DOUBLE|DOUBLE PRECISION|FLOAT|FLOAT[48]|REAL)$/.test(t) || /^(DECIMAL|NUMERIC|DEC)(\s*\(.*\))?$/.test(t)) return 'double';
  if (/^(BOOLEAN|BOOL)$/.test(t)) return 'boolean';
  if (t === 'DATE') return 'date';
  if (/^(TIMESTAMP|TIMESTAMP_NTZ|TIMESTAMP_NS|TIMESTAMP_MS|TIMESTAMP_S|DATETIME|TIMESTAMP WITHOUT TIME ZONE)$/.test(t)) return 'timestamp';
  // Strings, and types the online store has no column type for (a timestamp with a
  // zone, lists, structs, intervals), which keep their exact text.
  return 'text';
}

/** The online type of a column as the store's catalog reports it, or undefined for a type Stride did not declare. */
export function typeFromCatalog(declared: string): OnlineType | undefined {
  const t = declared.trim().toLowerCase();
  if (t === 'timestamp without time zone') return 'timestamp';
  return (Object.keys(DECLARED_TYPE) as OnlineType[]).find((k) => DECLARED_TYPE[k] === t);
}
