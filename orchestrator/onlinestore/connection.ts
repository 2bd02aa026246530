import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { OnlineStoreError, redact, type OnlineStoreConfig } from './config.ts';

/** An open online store: knex, and the way its tables are named (schema-qualified on PostgreSQL). */
export interface OnlineConnection {
  readonly config: OnlineStoreConfig;
  readonly knex: Knex;
  /** A query builder on an online table, inside `db` (the store or a transaction). */
  table(db: Knex | Knex.Transaction, name: string): Knex.QueryBuilder;
  /** The table's name for knex's `??` identifier binding. */
  ref(name: string): string;
  close(): Promise<void>;
}

const asNumber = (text: string) => {
  const value = BigInt(text);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
};

/**
 * PostgreSQL values as the SQLite store returns them: dates and timestamps as their
 * ISO text (no time zone is applied), bigints as numbers while exact.
 */
const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8
        return asNumber;
      case 1082: // date
      case 1114: // timestamp
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  },
};

/**
 * knex's own warnings, with secrets masked. A failed connection is left out: it also
 * reaches the caller as the error, which says the same.
 */
function knexLog(config: OnlineStoreConfig): Knex.Logger {
  const write = (message: unknown) => {
    const text = redact(String(message), config);
    if (!text.startsWith('Acquire connection error')) process.stderr.write(`online store: ${text}\n`);
  };
  return { warn: write, error: write, deprecate: write, debug: () => undefined };
}

export interface OpenOptions {
  /** Reading only: a missing SQLite file is an error instead of a new empty store. */
  mustExist?: boolean;
}

export function openOnlineConnection(config: OnlineStoreConfig, options: OpenOptions = {}): OnlineConnection {
  if (config.kind === 'sqlite') {
    if (options.mustExist && !existsSync(config.file)) throw new OnlineStoreError(`no online store at ${config.file}: run 'stride publish' first`);
    mkdirSync(dirname(config.file), { recursive: true });
    const db = knex({
      client: 'better-sqlite3',
      // Integers come back as bigint (exact) and are turned into numbers when safe.
      connection: { filename: config.file, options: { safeIntegers: true } },
      useNullAsDefault: true,
      log: knexLog(config),
      pool: {
        // WAL: a lookup reads the last committed publish while a new one is being written.
        afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
          try {
            if (!options.mustExist) conn.pragma('journal_mode = WAL');
            conn.pragma('busy_timeout = 10000');
            done(null, conn);
          } catch (err) {
            done(err as Error, conn);
          }
        },
      },
    });
    return { config, knex: db, table: (k, name) => k.table(name), ref: (name) => name, close: () => db.destroy() };
  }
  const db = knex({
    client: 'pg',
    connection: { connectionString: config.url, types: PG_TYPES, options: '-c DateStyle=ISO,YMD', application_name: 'stride' } as Knex.PgConnectionConfig,
    pool: { min: 0, max: 4 },
    log: knexLog(config),
  });
  return {
    config,
    knex: db,
    table: (k, name) => k.withSchema(config.schema).table(name),
    ref: (name) => `${config.schema}.${name}`,
    close: () => db.destroy(),
  };
}
