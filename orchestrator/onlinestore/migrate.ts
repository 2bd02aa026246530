import type { Knex } from 'knex';
import { DECLARED_TYPE, typeFromCatalog, type OnlineColumn } from './column-types.ts';
import { OnlineStoreError } from './config.ts';
import type { OnlineConnection } from './connection.ts';
import { BOOKKEEPING_PREFIX, ROW_HASH, ROW_PUBLISH_ID, schemaBuilder } from './meta-tables.ts';

/** A column as the store's catalog describes it. */
export interface StoredColumn {
  name: string;
  declared: string;
}

/** What a publish does to an online table's schema before writing rows. */
export interface MigrationPlan {
  create: boolean;
  /** Columns the feature table has and the online table lacks: added, empty in existing rows. */
  add: OnlineColumn[];
  /** Columns the online table has and the feature table no longer has: kept as they are, reported. */
  kept: string[];
}

/** The online table and the feature table disagree in a way a publish does not resolve on its own. */
export class IncompatibleSchemaError extends OnlineStoreError {}

/**
 * Compares the online table with the feature table's columns. New columns are added;
 * columns gone from the feature table are kept (never dropped silently); a column whose
 * type changed, or a change of primary keys, fails with the table and column named.
 */
export function planMigration(table: string, stored: StoredColumn[], wanted: OnlineColumn[], keys: string[], storedKeys?: string[]): MigrationPlan {
  if (stored.length === 0) return { create: true, add: [], kept: [] };
  const fix = `drop the online table ${table} by hand (or rename the column in the feature table) and publish again`;
  if (storedKeys && storedKeys.join(',') !== keys.join(',')) {
    throw new IncompatibleSchemaError(`online table ${table}: primary keys changed from (${storedKeys.join(', ')}) to (${keys.join(', ')}); the online store does not re-key a table: ${fix}`);
  }
  const byName = new Map(stored.map((c) => [c.name, c.declared]));
  const add: OnlineColumn[] = [];
  for (const column of wanted) {
    const declared = byName.get(column.name);
    if (declared === undefined) {
      if (keys.includes(column.name)) throw new IncompatibleSchemaError(`online table ${table}: primary key column ${column.name} is missing online: ${fix}`);
      add.push(column);
      continue;
    }
    if (typeFromCatalog(declared) !== column.type) {
      throw new IncompatibleSchemaError(
        `online table ${table}: column ${column.name} is ${declared} online but ${DECLARED_TYPE[column.type]} in the feature table; the online store does not convert a column: ${fix}`,
      );
    }
  }
  const wantedNames = new Set(wanted.map((c) => c.name));
  const kept = stored.map((c) => c.name).filter((n) => !n.startsWith(BOOKKEEPING_PREFIX) && !wantedNames.has(n));
  return { create: false, add, kept };
}

/** Rows of a raw query on either store. */
export function rawRows(conn: OnlineConnection, result: unknown): Record<string, unknown>[] {
  return conn.config.kind === 'postgres' ? (result as { rows: Record<string, unknown>[] }).rows : (result as Record<string, unknown>[]);
}

/** The columns of an online table in order; empty when it does not exist. */
export async function storedColumns(conn: OnlineConnection, db: Knex | Knex.Transaction, table: string): Promise<StoredColumn[]> {
  const result =
    conn.config.kind === 'postgres'
      ? await db.raw('select column_name as name, data_type as declared from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position', [conn.config.schema, table])
      : await db.raw('select name, type as declared from pragma_table_info(?) order by cid', [table]);
  return rawRows(conn, result).map((r) => ({ name: String(r.name), declared: String(r.declared) }));
}

/** Applies a plan: creates the table with its key and lookup index, or adds the new columns. */
export async function applyMigration(conn: OnlineConnection, trx: Knex.Transaction, table: string, plan: MigrationPlan, columns: OnlineColumn[], keys: string[], timestampKey: string): Promise<void> {
  if (plan.create) {
    await schemaBuilder(conn, trx).createTable(table, (t) => {
      for (const c of columns) {
        const column = t.specificType(c.name, DECLARED_TYPE[c.type]);
        if (keys.includes(c.name)) column.notNullable();
      }
      t.text(ROW_HASH).notNullable();
      t.text(ROW_PUBLISH_ID).notNullable();
      t.primary(keys);
    });
  } else if (plan.add.length > 0) {
    await schemaBuilder(conn, trx).alterTable(table, (t) => {
      for (const c of plan.add) t.specificType(c.name, DECLARED_TYPE[c.type]);
    });
  }
  // A lookup reads an athlete's latest row: index it when the key alone does not.
  if (columns.some((c) => c.name === 'athlete_id') && keys.join(',') !== 'athlete_id') {
    await trx.raw('create index if not exists ?? on ?? (??, ??)', [`${table}__athlete_${timestampKey}`, conn.ref(table), 'athlete_id', timestampKey]);
  }
}
