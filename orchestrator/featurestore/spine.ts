import type { Adapter } from '../adapters/adapter.ts';
import type { CompiledProject } from '../compile/nodes.ts';
import { stringLiteral } from './sql-literal.ts';

/**
 * The rows to build a training set for: one row per (keys, event time), with any
 * labels beside them. Exactly one of table, csv or sql.
 */
export interface SpineSpec {
  /** A model or seed name, or a schema.table (catalog.schema.table) relation. */
  table?: string;
  /** A CSV file with a header row (DuckDB). */
  csv?: string;
  /** A SELECT returning the spine. */
  sql?: string;
  /** Entity columns joined to the feature tables' primary keys; default [athlete_id]. */
  keys?: string[];
  /** Event instant in UTC, compared with `timestamp_zone: utc` tables; default event_timestamp. */
  timestamp?: string;
  /**
   * Event time on the athlete's wall clock, compared with `timestamp_zone: local`
   * tables; default event_timestamp_local when the spine has such a column.
   */
  localTimestamp?: string;
}

/** The spine as a SELECT, from whichever source the request names. */
export function spineSelect(compiled: CompiledProject, spine: SpineSpec): string {
  const { dialect } = compiled;
  const given = [spine.table, spine.csv, spine.sql].filter((s) => s !== undefined);
  if (given.length !== 1) throw new Error('a spine needs exactly one of: table, csv, sql');
  if (spine.sql !== undefined) return spine.sql.trim().replace(/;\s*$/, '');
  if (spine.csv !== undefined) {
    if (dialect.type !== 'duckdb') throw new Error('a CSV spine needs DuckDB; on Databricks load it as a table and pass its name');
    return `select * from read_csv(${stringLiteral('duckdb', spine.csv)}, header = true, auto_detect = true)`;
  }
  const name = spine.table!;
  const node = compiled.nodes.get(`model.${name}`) ?? compiled.nodes.get(`seed.${name}`);
  if (node && 'relation' in node) return `select * from ${dialect.relation(node.relation)}`;
  const parts = name.split('.');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new Error(`spine table '${name}' is neither a model or seed of the project nor a schema.table name`);
  }
  return `select * from ${parts.map((p) => dialect.quote(p)).join('.')}`;
}

/** Spine columns, without reading its rows. */
export async function spineColumns(adapter: Adapter, select: string): Promise<string[]> {
  return adapter.queryColumns(`select * from (\n${select}\n) as spine_source`);
}
