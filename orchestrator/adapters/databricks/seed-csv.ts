import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';

/**
 * A seed CSV read in TypeScript, because a SQL warehouse cannot read a local file:
 * the header, the rows (empty cell = null, as DuckDB's `nullstr = ''`) and a
 * Databricks type per column.
 */
export interface SeedTable {
  columns: { name: string; type: string }[];
  rows: (string | null)[][];
}

/** DuckDB spellings seen in project.yml `column_types`, mapped to Databricks SQL types. */
const TYPE_NAMES: Record<string, string> = {
  varchar: 'string',
  text: 'string',
  string: 'string',
  char: 'string',
  bpchar: 'string',
  integer: 'int',
  int: 'int',
  int4: 'int',
  bigint: 'bigint',
  int8: 'bigint',
  long: 'bigint',
  smallint: 'smallint',
  int2: 'smallint',
  tinyint: 'tinyint',
  int1: 'tinyint',
  double: 'double',
  float8: 'double',
  'double precision': 'double',
  real: 'float',
  float: 'float',
  float4: 'float',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  timestamptz: 'timestamp',
  'timestamp with time zone': 'timestamp',
};

/** A configured column type in Databricks SQL; decimals pass through, anything else unknown is refused. */
export function databricksType(type: string): string {
  const t = type.trim().toLowerCase().replace(/\s+/g, ' ');
  if (TYPE_NAMES[t]) return TYPE_NAMES[t];
  if (/^(decimal|numeric)\s*\(\s*\d+\s*(,\s*\d+\s*)?\)$/.test(t)) return t.replace(/^numeric/, 'decimal').replace(/\s+/g, '');
  throw new Error(`seed column type '${type}' has no Databricks equivalent; use one of ${Object.keys(TYPE_NAMES).join(', ')} or decimal(p,s)`);
}

const INTEGER = /^[+-]?\d{1,18}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** The narrowest type every non-null value of a column fits; a column of nulls is a string. */
export function inferType(values: readonly (string | null)[]): string {
  const present = values.filter((v): v is string => v !== null);
  if (present.length === 0) return 'string';
  const all = (re: RegExp) => present.every((v) => re.test(v));
  if (all(INTEGER)) return 'bigint';
  if (all(NUMBER)) return 'double';
  if (all(BOOLEAN)) return 'boolean';
  if (all(DATE)) return 'date';
  if (all(TIMESTAMP)) return 'timestamp';
  return 'string';
}

/** Reads a seed: explicit `column_types` win, then `all_varchar`, then inference. */
export function readSeed(file: string, columnTypes: Record<string, string>, allVarchar: boolean): SeedTable {
  const records = parse(readFileSync(file, 'utf8'), { skip_empty_lines: true, bom: true }) as string[][];
  if (records.length === 0) throw new Error(`seed ${file} is empty: it needs at least a header row`);
  const [header, ...body] = records;
  const rows = body.map((r) => r.map((v) => (v === '' ? null : v)));
  const unknown = Object.keys(columnTypes).filter((c) => !header.includes(c));
  if (unknown.length > 0) throw new Error(`seed ${file}: column_types names columns the file lacks: ${unknown.join(', ')}`);
  const columns = header.map((name, i) => ({
    name,
    type: columnTypes[name] ? databricksType(columnTypes[name]) : allVarchar ? 'string' : inferType(rows.map((r) => r[i] ?? null)),
  }));
  return { columns, rows };
}

/** Rows per `insert ... values` statement: at most `maxRows`, and at most `maxParameters` bound values. */
export function batchSize(columnCount: number, maxRows = 500, maxParameters = 2_000): number {
  return Math.max(1, Math.min(maxRows, Math.floor(maxParameters / Math.max(1, columnCount))));
}
