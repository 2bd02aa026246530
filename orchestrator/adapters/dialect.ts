import type { EngineType } from '../project/types.ts';

/** A physical table or view name, rendered by the dialect of its engine. */
export interface RelationName {
  catalog?: string;
  schema: string;
  name: string;
}

/** Plan for an incremental delete+insert by key range: per partition key, delete target rows from the minimum range key on. */
export type RelationKind = 'table' | 'view';

/**
 * What a table build may carry besides its rows, from the model's YAML and config.
 * Engines apply what they support (Delta: clustering, comments, an informational
 * primary key) and ignore the rest, so DuckDB's statements do not change.
 */
export interface TableOptions {
  /** Columns to cluster the table by (Delta liquid clustering). */
  clusterBy?: string[];
  /** Table comment (the model's description). */
  comment?: string;
  /** Column name -> comment (column descriptions). */
  columnComments?: Record<string, string>;
  /** Informational primary key, in key order. */
  primaryKey?: string[];
  /** The key column that orders a feature table's history (Delta `timeseries`). */
  timeseriesKey?: string;
  /** Table properties (Delta `tblproperties`), e.g. the mark of a table Stride loaded from a seed. */
  properties?: Record<string, string>;
}

export interface KeyRange {
  partitionBy: string[];
  rangeColumn: string;
}

/**
 * Everything engine-specific that compile needs: quoting and the DDL/DML of each
 * materialization. Pure (no driver), so `stride compile` needs no connection.
 */
export interface Dialect {
  readonly type: EngineType;
  quote(identifier: string): string;
  relation(rel: RelationName): string;
  /** SQL type for text, used by generic tests. */
  readonly stringType: string;
  createSchema(catalog: string | undefined, schema: string): string;
  /** Named parameter marker for a value bound at execution, e.g. `$name` (DuckDB) or `:name` (Databricks). */
  parameter(name: string): string;
  /** Statements that build `sql` into `rel` atomically (the old table survives a failure). */
  table(rel: RelationName, sql: string, existing?: RelationKind, options?: TableOptions): string[];
  view(rel: RelationName, sql: string, existing?: RelationKind): string[];
  /** Statements that stage `sql` into a temporary relation for an incremental model. */
  stageIncremental(staging: RelationName, sql: string): string[];
  merge(target: RelationName, staging: RelationName, uniqueKey: string[], columns: string[]): string[];
  deleteInsert(target: RelationName, staging: RelationName, range: KeyRange, columns: string[]): string[];
  /** First-time build of an incremental model. */
  createFrom(target: RelationName, staging: RelationName): string[];
  drop(rel: RelationName, kind: 'table' | 'view'): string;
  /** Relation name of the temporary table a build writes before swapping it in. */
  tempName(rel: RelationName, suffix: string): RelationName;
}
