import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Adapter, Row } from '../adapters/adapter.ts';
import type { CompiledProject } from '../compile/nodes.ts';
import type { OnlineColumn } from './column-types.ts';
import { redacted, type OnlineStoreConfig } from './config.ts';
import { openOnlineConnection, type OnlineConnection } from './connection.ts';
import { ensureMetaTables, ONLINE_TABLES, PUBLISH_TABLES, PUBLISHES, ROW_HASH, ROW_PUBLISH_ID } from './meta-tables.ts';
import { applyMigration, planMigration, storedColumns } from './migrate.ts';
import { readLatestRows, type LatestRows } from './read-latest.ts';
import { publishSources, selectSources } from './source-tables.ts';
import { bindValue, fromStoredValue, keyString, type OnlineValue } from './values.ts';

export interface PublishOptions {
  /** Only these tables (feature tables, athlete_predictions); default all. */
  tables?: string[];
  /** Rows known by the end of this day (YYYY-MM-DD); default the latest rows. */
  asOf?: string;
  /** Rows per upsert statement (default 500; fewer when a table has many columns). */
  batchSize?: number;
  /** Called inside the transaction after each batch is written; a throw rolls the whole publish back. */
  afterBatch?: (batch: { table: string; index: number; rows: number }) => void | Promise<void>;
}

export interface TablePublish {
  table: string;
  sourceRelation: string;
  /** The feature-table version the rows came from; null for predictions and unversioned tables. */
  version: number | null;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsDeleted: number;
  created: boolean;
  columnsAdded: string[];
  /** Online columns the table no longer has: kept, never dropped silently. */
  columnsKept: string[];
}

export interface PublishResult {
  publishId: string;
  publishedAt: string;
  asOf?: string;
  tables: TablePublish[];
  /** Optional tables left out because they do not exist yet (the predictions before `stride predict`). */
  skipped: { table: string; reason: string }[];
  rowsChanged: number;
  seconds: number;
}

const DEFAULT_BATCH = 500;
/** Bound values per statement, under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** knex writes a multi-row SQLite insert as a compound SELECT, which SQLite caps at 500 terms. */
const SQLITE_MAX_ROWS = 500;

function batchRows(conn: OnlineConnection, columns: number, requested?: number): number {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) throw new Error(`the batch size must be a positive whole number, not ${requested}`);
  const limit = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  return Math.min(requested ?? DEFAULT_BATCH, limit, conn.config.kind === 'sqlite' ? SQLITE_MAX_ROWS : limit);
}

/** The stored rows' keys and hashes, by key. */
async function storedHashes(conn: OnlineConnection, trx: Knex.Transaction, latest: LatestRows): Promise<Map<string, { hash: string; key: OnlineValue[] }>> {
  const keys = latest.source.primaryKeys;
  const types = new Map(latest.columns.map((c) => [c.name, c.type]));
  const rows: Row[] = await conn.table(trx, latest.source.name).select([...keys, ROW_HASH]);
  const out = new Map<string, { hash: string; key: OnlineValue[] }>();
  for (const r of rows) {
    const key: Row = {};
    for (const k of keys) key[k] = fromStoredValue(r[k], types.get(k)!);
    out.set(keyString(key, keys), { hash: String(r[ROW_HASH]), key: keys.map((k) => key[k] as OnlineValue) });
  }
  return out;
}

/** Writes one table inside the publish's transaction: migrate, upsert changed rows, delete keys that are gone. */
async function publishTable(conn: OnlineConnection, trx: Knex.Transaction, latest: LatestRows, publishId: string, publishedAt: string, options: PublishOptions): Promise<TablePublish> {
  const { source, columns } = latest;
  const keys = source.primaryKeys;
  const [catalog] = await conn.table(trx, ONLINE_TABLES).where('table_name', source.name).select('primary_keys');
  const plan = planMigration(source.name, await storedColumns(conn, trx, source.name), columns, keys, catalog ? JSON.parse(String(catalog.primary_keys)) : undefined);
  await applyMigration(conn, trx, source.name, plan, columns, keys, source.timestampKey);

  const stored = plan.create ? new Map<string, { hash: string; key: OnlineValue[] }>() : await storedHashes(conn, trx, latest);
  const seen = new Set<string>();
  const changedHashes: string[] = [];
  let rowsUpdated = 0;
  for (const { key, hash } of latest.keys) {
    seen.add(key);
    const before = stored.get(key);
    if (before?.hash === hash) continue;
    if (before) rowsUpdated++;
    changedHashes.push(hash);
  }
  // Only the rows the store lacks are read in full from the engine.
  const fetched = changedHashes.length === 0 ? [] : await latest.fetch(changedHashes.length === latest.keys.length ? undefined : changedHashes);
  const changed = fetched.map((row) => {
    const out: Row = {};
    for (const c of columns) out[c.name] = bindValue(row[c.name] as OnlineValue, conn.config.kind);
    out[ROW_HASH] = row[ROW_HASH];
    out[ROW_PUBLISH_ID] = publishId;
    return out;
  });

  const size = batchRows(conn, columns.length + 2, options.batchSize);
  for (let i = 0, index = 1; i < changed.length; i += size, index++) {
    const batch = changed.slice(i, i + size);
    await conn.table(trx, source.name).insert(batch).onConflict(keys).merge();
    await options.afterBatch?.({ table: source.name, index, rows: batch.length });
  }

  // Keys no longer in the feature table (or not yet known at --as-of) leave the online table too.
  const gone = [...stored].filter(([key]) => !seen.has(key)).map(([, v]) => v.key.map((k) => bindValue(k, conn.config.kind)));
  for (let i = 0; i < gone.length; i += SQLITE_MAX_ROWS) {
    const batch = gone.slice(i, i + SQLITE_MAX_ROWS);
    const query = conn.table(trx, source.name);
    if (keys.length === 1) await query.whereIn(keys[0], batch.map((k) => k[0] as string | number)).delete();
    else await query.whereIn(keys, batch as (string | number)[][]).delete();
  }

  const result: TablePublish = {
    table: source.name,
    sourceRelation: latest.relationText,
    version: latest.version,
    rowsRead: latest.keys.length,
    rowsInserted: changed.length - rowsUpdated,
    rowsUpdated,
    rowsUnchanged: latest.keys.length - changed.length,
    rowsDeleted: gone.length,
    created: plan.create,
    columnsAdded: plan.add.map((c) => c.name),
    columnsKept: plan.kept,
  };
  await conn.table(trx, ONLINE_TABLES)
    .insert({
      table_name: source.name,
      primary_keys: JSON.stringify(keys),
      timestamp_key: source.timestampKey,
      columns: JSON.stringify(columns satisfies OnlineColumn[]),
      publish_id: publishId,
      published_at: publishedAt,
      feature_table_version: latest.version,
    })
    .onConflict('table_name')
    .merge();
  await conn.table(trx, PUBLISH_TABLES).insert({
    publish_id: publishId,
    table_name: source.name,
    source_relation: latest.relationText,
    feature_table_version: latest.version,
    rows_read: result.rowsRead,
    rows_inserted: result.rowsInserted,
    rows_updated: result.rowsUpdated,
    rows_unchanged: result.rowsUnchanged,
    rows_deleted: result.rowsDeleted,
    columns_added: result.columnsAdded.join(','),
    columns_kept: result.columnsKept.join(','),
  });
  return result;
}

/**
 * `stride publish`: writes the latest row per primary key of each feature table (and
 * each athlete's latest predictions) into the online store, in ONE transaction: every
 * table or none. Only new or changed rows are written, so publishing unchanged data
 * changes nothing; the publish is logged with the feature-table versions it read.
 */
export async function publishOnline(adapter: Adapter, compiled: CompiledProject, config: OnlineStoreConfig, options: PublishOptions = {}): Promise<PublishResult> {
  const started = performance.now();
  const sources = selectSources(publishSources(compiled), options.tables);
  // Keys and hashes first: an engine error or a row without a key stops the publish before any write.
  const read: LatestRows[] = [];
  const skipped: PublishResult['skipped'] = [];
  for (const source of sources) {
    const latest = await readLatestRows(adapter, source, options.asOf);
    const relation = adapter.dialect.relation(source.relation);
    if (latest) read.push(latest);
    else if (source.isFeatureTable || options.tables?.includes(source.name)) throw new Error(`${relation} does not exist: run '${source.writtenBy}' before publishing ${source.name}`);
    else skipped.push({ table: source.name, reason: `${relation} does not exist yet (written by '${source.writtenBy}')` });
  }

  const publishId = randomUUID();
  const publishedAt = new Date().toISOString();
  const conn = openOnlineConnection(config);
  try {
    const tables = await redacted(config, 'publishing to the online store failed', async () => {
      // Bookkeeping tables first, in their own transaction (empty tables, safe to keep), so
      // the publish's first statement is a write and holds the store's write lock throughout.
      await conn.knex.transaction((trx) => ensureMetaTables(conn, trx));
      return conn.knex.transaction(async (trx) => {
        if (config.kind === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`stride publish ${config.schema}`]);
        await conn.table(trx, PUBLISHES).insert({ publish_id: publishId, published_at: publishedAt, as_of: options.asOf ?? null, engine: `${compiled.target.name} (${compiled.target.type})`, tables: read.map((r) => r.source.name).join(','), rows_changed: 0 });
        const out: TablePublish[] = [];
        for (const latest of read) out.push(await publishTable(conn, trx, latest, publishId, publishedAt, options));
        await conn.table(trx, PUBLISHES).where('publish_id', publishId).update({ rows_changed: out.reduce((n, t) => n + t.rowsInserted + t.rowsUpdated + t.rowsDeleted, 0) });
        return out;
      });
    });
    return {
      publishId,
      publishedAt,
      asOf: options.asOf,
      tables,
      skipped,
      rowsChanged: tables.reduce((n, t) => n + t.rowsInserted + t.rowsUpdated + t.rowsDeleted, 0),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await conn.close();
  }
}
