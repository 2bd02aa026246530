import type { RelationName } from '../adapters/dialect.ts';

/** Where DuckDB keeps feature-table history: one schema beside the feature tables. */
export const META_SCHEMA = 'stride_meta';
export const VERSIONS_TABLE: RelationName = { schema: META_SCHEMA, name: 'feature_table_versions' };
export const historyTable = (table: string): RelationName => ({ schema: META_SCHEMA, name: `${table}__history` });

/**
 * Bookkeeping columns of a history table; every other column is a feature-table column.
 * The row hash identifies a row for people reading the history; versions compare values.
 */
export const HASH = 'stride_row_hash';
export const VALID_FROM = 'stride_valid_from';
export const VALID_TO = 'stride_valid_to';

export const VERSIONS_DDL = `create table if not exists "${META_SCHEMA}"."${VERSIONS_TABLE.name}" (
    table_name varchar not null,
    version integer not null,
    run_id varchar not null,
    created_at timestamp not null,
    row_count bigint not null,
    rows_inserted bigint not null,
    rows_closed bigint not null,
    schema_fingerprint varchar not null,
    columns varchar not null,
    git_revision varchar,
    primary key (table_name, version)
)`;

/** One row of the versions table. */
export interface FeatureTableVersion {
  table: string;
  version: number;
  runId: string;
  createdAt: string;
  rowCount: number;
  /** Rows written to the history by this version (new or changed). */
  rowsInserted: number;
  /** Rows of earlier versions this version replaced or removed. */
  rowsClosed: number;
  schemaFingerprint: string;
  columns: { name: string; type: string }[];
  gitRevision?: string;
}
