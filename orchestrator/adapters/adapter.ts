import type { Dialect, RelationKind, RelationName } from './dialect.ts';

export type Row = Record<string, unknown>;

export interface ColumnInfo {
  name: string;
  type: string;
}

/** Seed load: a CSV file and the SQL type of each of its columns, in file order. */
export interface SeedLoad {
  relation: RelationName;
  file: string;
  /** Column name -> SQL type; columns left out are inferred by the engine (DuckDB) or typed as text. */
  columnTypes: Record<string, string>;
  allVarchar: boolean;
  /** Load the whole file even if the engine could tell it is unchanged (`--full-refresh`). */
  reload?: boolean;
}

/**
 * The small surface the runner needs from an engine. A session runs statements in
 * order; `transaction` makes a group of statements all-or-nothing where the engine
 * can (DuckDB), and Delta's atomic statements stand in for it on Databricks.
 */
export interface Adapter {
  readonly dialect: Dialect;
  /**
   * Runs one statement; returns the rows it changed when the engine says. `params`
   * binds values to named markers written with `dialect.parameter(name)`.
   */
  execute(sql: string, params?: Record<string, unknown>): Promise<{ rowsChanged?: number }>;
  query(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
  transaction<T>(work: (session: Adapter) => Promise<T>): Promise<T>;
  /** Whether a relation exists, and as what. */
  relationKind(rel: RelationName): Promise<RelationKind | undefined>;
  columns(rel: RelationName): Promise<ColumnInfo[]>;
  /** Column names a query would return, without running it. */
  queryColumns(sql: string): Promise<string[]>;
  rowCount(rel: RelationName): Promise<number>;
  loadSeed(seed: SeedLoad): Promise<number>;
  /** A second session for parallel work (threads); the same adapter when the engine has one writer. */
  fork(): Promise<Adapter>;
  close(): Promise<void>;
}
