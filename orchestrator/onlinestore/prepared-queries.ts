import { createHash } from 'node:crypto';
import type { Row } from '../adapters/adapter.ts';
import type { OnlineConnection } from './connection.ts';

/** A query knex built, in the driver's own placeholder form (`?` for SQLite, `$1` for PostgreSQL). */
export interface NativeQuery {
  sql: string;
  bindings: readonly unknown[];
}

interface SqliteStatement {
  get(...params: unknown[]): unknown;
  safeIntegers(on: boolean): SqliteStatement;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * Runs a few single-row queries on one connection of knex's pool as prepared statements
 * the driver keeps: SQLite statements are prepared once per connection, PostgreSQL ones
 * are named, so the server plans them once per session. A lookup thus pays neither
 * knex's query compilation nor a new statement each time; the SQL still comes from knex
 * and every value is bound.
 */
export function preparedRunner(conn: OnlineConnection): (queries: NativeQuery[]) => Promise<(Row | undefined)[]> {
  const client = (conn.knex as unknown as { client: { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<unknown> } }).client;
  const sqliteCache = new WeakMap<object, Map<string, SqliteStatement>>();
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (!name) names.set(sql, (name = `stride_lookup_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`));
    return name;
  };

  return async (queries) => {
    const connection = await client.acquireConnection();
    try {
      if (conn.config.kind === 'sqlite') {
        const db = connection as SqliteDatabase;
        let statements = sqliteCache.get(db);
        if (!statements) sqliteCache.set(db, (statements = new Map()));
        return queries.map((q) => {
          let statement = statements!.get(q.sql);
          if (!statement) statements!.set(q.sql, (statement = db.prepare(q.sql).safeIntegers(true)));
          return statement.get(...q.bindings) as Row | undefined;
        });
      }
      const pg = connection as PgClient;
      const out: (Row | undefined)[] = [];
      for (const q of queries) out.push((await pg.query({ name: nameOf(q.sql), text: q.sql, values: [...q.bindings] })).rows[0]);
      return out;
    } finally {
      await client.releaseConnection(connection);
    }
  };
}
