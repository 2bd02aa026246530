import type { Knex } from 'knex';
import type { Row } from '../adapters/adapter.ts';
import { athleteIdValue } from '../featurestore/athlete-read.ts';
import type { OnlineColumn } from './column-types.ts';
import { OnlineStoreError, redacted, type OnlineStoreConfig } from './config.ts';
import { openOnlineConnection } from './connection.ts';
import { ONLINE_TABLES, PUBLISHES, schemaBuilder } from './meta-tables.ts';
import { preparedRunner, type NativeQuery } from './prepared-queries.ts';
import { fromStoredValue } from './values.ts';

/** A published table as the store's catalog describes it. */
export interface OnlineTableInfo {
  name: string;
  primaryKeys: string[];
  timestampKey: string;
  columns: OnlineColumn[];
  publishId: string;
  publishedAt: string;
  /** The feature-table version of the last publish; null for predictions. */
  version: number | null;
}

/** An athlete's latest row per published table; null where the table has no row for the athlete. */
export type AthleteVector = Record<string, Row | null>;

export interface OnlineStore {
  readonly config: OnlineStoreConfig;
  /** The underlying knex instance. */
  readonly knex: Knex;
  /** The published tables, as read when the store was opened (or last refreshed). */
  tables(): OnlineTableInfo[];
  /** Reads the catalog again, to see tables and columns a later publish added. */
  refresh(): Promise<void>;
  /**
   * The athlete's latest row of every published table (or of `tables`). The id must be
   * a whole number and is bound as a parameter, never written into the SQL.
   */
  getAthleteFeatures(athleteId: string | number | bigint, options?: { tables?: string[] }): Promise<AthleteVector>;
  /** The SQL a lookup runs on a table, with its placeholders: the id is always bound. */
  lookupSql(table: string): string;
  /** The last publish: id, time and as-of day. */
  lastPublish(): Promise<{ publishId: string; publishedAt: string; asOf: string | null } | undefined>;
  close(): Promise<void>;
}

const describeFix = "run 'stride publish' first";
/** Stands for the athlete id in a lookup's bindings until a lookup binds the real id. */
const ATHLETE = '\u0000stride athlete id';

/** Opens the online store for reads; fails when nothing was ever published to it. */
export async function openOnlineStore(config: OnlineStoreConfig): Promise<OnlineStore> {
  const conn = openOnlineConnection(config, { mustExist: true });
  let catalog: OnlineTableInfo[] = [];
  // Per table, the lookup's SQL as knex builds it, with a marker where the athlete id is bound.
  const lookupQueries = new Map<string, NativeQuery>();
  const run = preparedRunner(conn);
  const load = () =>
    redacted(config, 'reading the online store failed', async () => {
      if (!(await schemaBuilder(conn, conn.knex).hasTable(ONLINE_TABLES))) throw new OnlineStoreError(`the online store (${config.kind === 'sqlite' ? config.file : `schema ${config.schema}`}) has no published tables: ${describeFix}`);
      const rows = await conn.table(conn.knex, ONLINE_TABLES).select('*').orderBy('table_name');
      catalog = rows.map((r: Row) => ({
        name: String(r.table_name),
        primaryKeys: JSON.parse(String(r.primary_keys)),
        timestampKey: String(r.timestamp_key),
        columns: JSON.parse(String(r.columns)),
        publishId: String(r.publish_id),
        publishedAt: String(r.published_at),
        version: r.feature_table_version === null ? null : Number(r.feature_table_version),
      }));
      lookupQueries.clear();
      for (const t of catalog) {
        if (!t.columns.some((c) => c.name === 'athlete_id')) continue;
        const query = conn.table(conn.knex, t.name).select(t.columns.map((c) => c.name)).where('athlete_id', ATHLETE).orderBy(t.timestampKey, 'desc').limit(1, { skipBinding: true });
        lookupQueries.set(t.name, query.toSQL().toNative());
      }
    });
  try {
    await load();
  } catch (err) {
    await conn.close();
    throw err;
  }

  return {
    config,
    knex: conn.knex,
    tables: () => catalog,
    refresh: load,
    async getAthleteFeatures(athleteId, options = {}) {
      const id = athleteIdValue(athleteId);
      const bound = id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : config.kind === 'sqlite' ? id : id.toString();
      const unknown = (options.tables ?? []).filter((t) => !catalog.some((c) => c.name === t));
      if (unknown.length > 0) throw new OnlineStoreError(`not published to the online store: ${unknown.join(', ')}; published: ${catalog.map((c) => c.name).join(', ') || 'none'}`);
      const wanted = catalog.filter((t) => (!options.tables || options.tables.includes(t.name)) && t.columns.some((c) => c.name === 'athlete_id'));
      const queries = wanted.map((t) => {
        const { sql, bindings } = lookupQueries.get(t.name)!;
        return { sql, bindings: bindings.map((b) => (b === ATHLETE ? bound : b)) };
      });
      return redacted(config, 'reading the online store failed', async () => {
        const rows = await run(queries);
        const out: AthleteVector = {};
        wanted.forEach((table, i) => {
          const row = rows[i];
          out[table.name] = row ? Object.fromEntries(table.columns.map((c) => [c.name, fromStoredValue(row[c.name], c.type)])) : null;
        });
        return out;
      });
    },
    lookupSql: (table) => {
      const query = lookupQueries.get(table);
      if (!query) throw new OnlineStoreError(`not published to the online store: ${table}`);
      return query.sql;
    },
    lastPublish: () =>
      redacted(config, 'reading the online store failed', async () => {
        const [row] = await conn.table(conn.knex, PUBLISHES).select('publish_id', 'published_at', 'as_of').orderBy('published_at', 'desc').limit(1);
        return row ? { publishId: String(row.publish_id), publishedAt: String(row.published_at), asOf: row.as_of === null ? null : String(row.as_of) } : undefined;
      }),
    close: () => conn.close(),
  };
}
