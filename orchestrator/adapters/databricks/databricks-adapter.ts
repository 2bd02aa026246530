import type { Adapter, ColumnInfo, Row, SeedLoad } from '../adapter.ts';
import type { RelationKind, RelationName } from '../dialect.ts';
import { connectDatabricks, type Connector } from './client.ts';
import { secretsOf, type DatabricksSettings } from './connection.ts';
import { databricksDialect } from './dialect.ts';
import type { DatabricksClientLike, DatabricksSessionLike } from './driver.ts';
import { track, untrack } from './open-sessions.ts';
import { redactError } from './redact.ts';
import { DEFAULT_RETRY, isTransient, withRetry, type RetryPolicy } from './retry.ts';
import { batchSize, readSeed } from './seed-csv.ts';

export interface DatabricksAdapterOptions {
  /** Opens the client; the default uses @databricks/sql. */
  connector?: Connector;
  retry?: RetryPolicy;
  /** Seed inserts: rows and bound values per statement. */
  seedBatch?: { maxRows: number; maxParameters: number };
}

/** State the sessions of one connection share. */
interface Connection {
  client: DatabricksClientLike;
  settings: DatabricksSettings;
  secrets: string[];
  retry: RetryPolicy;
  seedBatch: { maxRows: number; maxParameters: number };
}

/** Table property that marks a table Stride loaded from a seed and may therefore replace. */
export const SEED_PROPERTY = 'stride.seed';

/** Normalises driver values: bigint to number when safe, as the DuckDB adapter does. */
function plain(row: object): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
  }
  return out;
}

/**
 * Re-running an `insert` after a dropped connection could add its rows twice (the
 * first try may have committed), so plain inserts are not retried; the seed loader
 * retries its own inserts and checks the row count before swapping the table in.
 */
const safeToRetry = (sql: string) => !/^\s*insert\b/i.test(sql);

/**
 * A Databricks SQL warehouse session. Statements run one after another; values go
 * in as named parameters; every error leaving the adapter is redacted.
 */
export class DatabricksAdapter implements Adapter {
  readonly dialect = databricksDialect;
  private closed = false;

  private constructor(
    private readonly connection: Connection,
    private readonly session: DatabricksSessionLike,
    private readonly owner: boolean,
  ) {
    track(this);
  }

  /** Connects and opens the first session; a failure closes whatever was opened. */
  static async open(settings: DatabricksSettings, options: DatabricksAdapterOptions = {}): Promise<DatabricksAdapter> {
    const secrets = secretsOf(settings);
    const retry = options.retry ?? DEFAULT_RETRY;
    let client: DatabricksClientLike | undefined;
    try {
      client = await withRetry(() => (options.connector ?? connectDatabricks)(settings), retry);
      const session = await DatabricksAdapter.openSession(client, settings, retry);
      const connection = { client, settings, secrets, retry, seedBatch: options.seedBatch ?? { maxRows: 500, maxParameters: 2_000 } };
      return new DatabricksAdapter(connection, session, true);
    } catch (err) {
      await client?.close().catch(() => undefined);
      const wrapped = new Error(`cannot open a Databricks SQL session on ${settings.host}${settings.port ? `:${settings.port}` : ''}${settings.httpPath}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      throw redactError(wrapped, secrets);
    }
  }

  private static openSession(client: DatabricksClientLike, settings: DatabricksSettings, retry: RetryPolicy): Promise<DatabricksSessionLike> {
    return withRetry(() => client.openSession(settings.catalog ? { initialCatalog: settings.catalog } : {}), retry);
  }

  /** Runs one statement and fetches its rows; the operation is closed whether it worked or not. */
  private async run(sql: string, params?: Record<string, unknown>, retryInserts = false): Promise<Row[]> {
    if (this.closed) throw new Error('the Databricks session is closed');
    const retryable = (err: unknown) => (retryInserts || safeToRetry(sql)) && isTransient(err);
    try {
      return await withRetry(
        async () => {
          const operation = await this.session.executeStatement(sql, params && Object.keys(params).length > 0 ? { namedParameters: params } : {});
          try {
            return (await operation.fetchAll()).map(plain);
          } finally {
            await operation.close().catch(() => undefined);
          }
        },
        this.connection.retry,
        retryable,
      );
    } catch (err) {
      throw redactError(err, this.connection.secrets);
    }
  }

  async execute(sql: string, params?: Record<string, unknown>): Promise<{ rowsChanged?: number }> {
    const [first] = await this.run(sql, params);
    // DML answers with a row such as { num_affected_rows, num_inserted_rows }.
    const n = first?.num_affected_rows;
    return { rowsChanged: n === undefined || n === null ? undefined : Number(n) };
  }

  query(sql: string, params?: Record<string, unknown>): Promise<Row[]> {
    return this.run(sql, params);
  }

  /**
   * A SQL warehouse runs no multi-statement transactions: the statements run in
   * order. Each one is atomic on Delta (`create or replace table ... as select`,
   * `merge`), which is what keeps the old table when a build fails.
   */
  transaction<T>(work: (session: Adapter) => Promise<T>): Promise<T> {
    return work(this);
  }

  /** `information_schema` of the relation's catalog (the session's catalog when none). */
  private infoSchema(rel: RelationName, view: 'tables' | 'columns'): string {
    return rel.catalog ? `${this.dialect.quote(rel.catalog)}.information_schema.${view}` : `information_schema.${view}`;
  }

  async relationKind(rel: RelationName): Promise<RelationKind | undefined> {
    const p = this.dialect.parameter;
    const [row] = await this.query(
      `select table_type from ${this.infoSchema(rel, 'tables')} where table_schema = lower(${p('schema')}) and table_name = lower(${p('name')})`,
      { schema: rel.schema, name: rel.name },
    );
    if (!row) return undefined;
    return ['VIEW', 'MATERIALIZED_VIEW'].includes(String(row.table_type).toUpperCase()) ? 'view' : 'table';
  }

  async columns(rel: RelationName): Promise<ColumnInfo[]> {
    const p = this.dialect.parameter;
    const rows = await this.query(
      `select column_name, data_type from ${this.infoSchema(rel, 'columns')} where table_schema = lower(${p('schema')}) and table_name = lower(${p('name')}) order by ordinal_position`,
      { schema: rel.schema, name: rel.name },
    );
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
  }

  async queryColumns(sql: string): Promise<string[]> {
    return (await this.query(`describe query ${sql}`)).map((r) => String(r.col_name));
  }

  async rowCount(rel: RelationName): Promise<number> {
    const [row] = await this.query(`select count(*) as n from ${this.dialect.relation(rel)}`);
    return Number(row.n);
  }

  /** Refuses to replace a table Stride did not load from a seed, e.g. a real silver source. */
  private async assertSeedOwned(rel: RelationName): Promise<void> {
    const properties = await this.query(`show tblproperties ${this.dialect.relation(rel)}`);
    if (properties.some((r) => r.key === SEED_PROPERTY)) return;
    const name = this.dialect.relation(rel);
    throw new Error(
      `refusing to replace ${name} with a seed: the table exists and was not loaded by 'stride seed' (no ${SEED_PROPERTY} property). ` +
        `If it is a real source, leave the seed out (--exclude ${rel.name}); to hand it over to the seed, run: alter table ${name} set tblproperties ('${SEED_PROPERTY}' = 'true')`,
    );
  }

  /**
   * Loads a seed CSV: a staging table with explicit column types, filled by batched
   * `insert ... values` with named parameters, checked by row count, then swapped in
   * with one `create or replace table ... as select`. A failure leaves the old table.
   */
  async loadSeed(seed: SeedLoad): Promise<number> {
    const { dialect } = this;
    const rel = seed.relation;
    const table = readSeed(seed.file, seed.columnTypes, seed.allVarchar);
    await this.execute(dialect.createSchema(rel.catalog, rel.schema));
    const existing = await this.relationKind(rel);
    if (existing === 'table') await this.assertSeedOwned(rel);
    const staging: RelationName = { ...rel, name: `${rel.name}__stride_seed` };
    const stagingName = dialect.relation(staging);
    try {
      await this.execute(`create or replace table ${stagingName} (${table.columns.map((c) => `${dialect.quote(c.name)} ${c.type}`).join(', ')})`);
      const size = batchSize(table.columns.length, this.connection.seedBatch.maxRows, this.connection.seedBatch.maxParameters);
      const columnList = table.columns.map((c) => dialect.quote(c.name)).join(', ');
      for (let start = 0; start < table.rows.length; start += size) {
        const params: Record<string, unknown> = {};
        const tuples = table.rows.slice(start, start + size).map((row, r) => {
          const cells = table.columns.map((c, i) => {
            const name = `r${r}c${i}`;
            params[name] = row[i] ?? null;
            return c.type === 'string' ? dialect.parameter(name) : `cast(${dialect.parameter(name)} as ${c.type})`;
          });
          return `(${cells.join(', ')})`;
        });
        await this.run(`insert into ${stagingName} (${columnList}) values\n${tuples.join(',\n')}`, params, true);
      }
      const loaded = await this.rowCount(staging);
      if (loaded !== table.rows.length) {
        throw new Error(`seed ${rel.name}: the staging table holds ${loaded} rows, the file ${table.rows.length}; the old table is left as it was`);
      }
      const clusterBy = table.columns.some((c) => c.name === 'athlete_id') ? ['athlete_id'] : [];
      for (const statement of dialect.table(rel, `select * from ${stagingName}`, existing, { clusterBy, properties: { [SEED_PROPERTY]: 'true' } })) {
        await this.execute(statement);
      }
    } finally {
      await this.execute(dialect.drop(staging, 'table')).catch(() => undefined);
    }
    return table.rows.length;
  }

  /** A second session on the same connection, for parallel threads. */
  async fork(): Promise<Adapter> {
    try {
      const session = await DatabricksAdapter.openSession(this.connection.client, this.connection.settings, this.connection.retry);
      return new DatabricksAdapter(this.connection, session, false);
    } catch (err) {
      throw redactError(err, this.connection.secrets);
    }
  }

  /** Closes the session, and the connection when this adapter opened it. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    untrack(this);
    await this.session.close().catch(() => undefined);
    if (this.owner) await this.connection.client.close().catch(() => undefined);
  }
}
