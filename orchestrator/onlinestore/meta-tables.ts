import type { Knex } from 'knex';
import type { OnlineConnection } from './connection.ts';

/** Names the online store keeps for itself: bookkeeping columns and tables start with it. */
export const BOOKKEEPING_PREFIX = '_stride_';
/** Hash of a row's values: a publish rewrites a row only when it changed. */
export const ROW_HASH = '_stride_row_hash';
/** The publish that last wrote the row. */
export const ROW_PUBLISH_ID = '_stride_publish_id';

/** One row per publish. */
export const PUBLISHES = '_stride_publishes';
/** One row per table and publish: the feature-table version it came from and what changed. */
export const PUBLISH_TABLES = '_stride_publish_tables';
/** The published tables: keys, timestamp and columns, what a lookup needs without the project. */
export const ONLINE_TABLES = '_stride_online_tables';

/** The schema builder of the store's schema (PostgreSQL) or database (SQLite). */
export function schemaBuilder(conn: OnlineConnection, db: Knex | Knex.Transaction): Knex.SchemaBuilder {
  return conn.config.kind === 'postgres' ? db.schema.withSchema(conn.config.schema) : db.schema;
}

/** Creates the bookkeeping tables that are missing (inside the publish's transaction). */
export async function ensureMetaTables(conn: OnlineConnection, trx: Knex.Transaction): Promise<void> {
  if (conn.config.kind === 'postgres') await trx.raw('create schema if not exists ??', [conn.config.schema]);
  const schema = () => schemaBuilder(conn, trx);
  if (!(await schema().hasTable(PUBLISHES))) {
    await schema().createTable(PUBLISHES, (t) => {
      t.text('publish_id').primary();
      t.text('published_at').notNullable();
      t.text('as_of');
      t.text('engine').notNullable();
      t.text('tables').notNullable();
      t.bigInteger('rows_changed').notNullable();
    });
  }
  if (!(await schema().hasTable(PUBLISH_TABLES))) {
    await schema().createTable(PUBLISH_TABLES, (t) => {
      t.text('publish_id').notNullable();
      t.text('table_name').notNullable();
      t.text('source_relation').notNullable();
      t.bigInteger('feature_table_version');
      for (const c of ['rows_read', 'rows_inserted', 'rows_updated', 'rows_unchanged', 'rows_deleted']) t.bigInteger(c).notNullable();
      t.text('columns_added').notNullable();
      t.text('columns_kept').notNullable();
      t.primary(['publish_id', 'table_name']);
    });
  }
  if (!(await schema().hasTable(ONLINE_TABLES))) {
    await schema().createTable(ONLINE_TABLES, (t) => {
      t.text('table_name').primary();
      t.text('primary_keys').notNullable();
      t.text('timestamp_key').notNullable();
      t.text('columns').notNullable();
      t.text('publish_id').notNullable();
      t.text('published_at').notNullable();
      t.bigInteger('feature_table_version');
    });
  }
}
