import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Adapter, ColumnInfo, Row, SeedLoad } from '../adapter.ts';
import type { RelationKind, RelationName } from '../dialect.ts';
import { duckdbDialect } from './dialect.ts';
import type { DuckDBConnectionLike, DuckDBInstanceLike } from './driver.ts';

export interface DuckDBOptions {
  /** Database file, or ':memory:'. */
  path: string;
  memoryLimit?: string;
  tempDirectory?: string;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Normalises DuckDB's JS values: bigint to number when safe, so results print and compare simply. */
function plain(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
  }
  return out;
}

export class DuckDBAdapter implements Adapter {
  readonly dialect = duckdbDialect;
  private inTransaction = false;

  private constructor(
    private readonly instance: DuckDBInstanceLike,
    private readonly connection: DuckDBConnectionLike,
    private readonly owner: boolean,
  ) {}

  static async open(options: DuckDBOptions, projectRoot = process.cwd()): Promise<DuckDBAdapter> {
    const path = options.path === ':memory:' || isAbsolute(options.path) ? options.path : join(projectRoot, options.path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = isAbsolute(options.tempDirectory) ? options.tempDirectory : join(projectRoot, options.tempDirectory);
    // Loaded here, not at the top: a bundle that only talks to Databricks runs without the native module.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    let instance: InstanceType<typeof DuckDBInstance>;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (err) {
      throw new Error(`cannot open the DuckDB database ${path}: ${(err as Error).message} (is another stride process using it?)`, { cause: err });
    }
    const connection = await instance.connect();
    // Timestamps with an offset are read as instants: pin the session to UTC so a
    // build gives the same rows on every machine.
    await connection.run("set TimeZone = 'UTC'");
    return new DuckDBAdapter(instance as unknown as DuckDBInstanceLike, connection as unknown as DuckDBConnectionLike, true);
  }

  async execute(sql: string, params?: Record<string, unknown>): Promise<{ rowsChanged?: number }> {
    const reader = await this.run(sql, params);
    return { rowsChanged: reader.rowsChanged };
  }

  async query(sql: string, params?: Record<string, unknown>): Promise<Row[]> {
    const reader = await this.run(sql, params);
    return reader.getRowObjectsJS().map(plain);
  }

  /** Named parameters (`$name`) go through DuckDB's prepared statements; no values, no preparation. */
  private run(sql: string, params?: Record<string, unknown>) {
    return params && Object.keys(params).length > 0 ? this.connection.runAndReadAll(sql, params) : this.connection.runAndReadAll(sql);
  }

  async transaction<T>(work: (session: Adapter) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    await this.execute('begin transaction');
    this.inTransaction = true;
    try {
      const result = await work(this);
      await this.execute('commit');
      return result;
    } catch (err) {
      await this.execute('rollback').catch(() => undefined);
      throw err;
    } finally {
      this.inTransaction = false;
    }
  }

  async relationKind(rel: RelationName): Promise<RelationKind | undefined> {
    const [row] = await this.query(
      `select table_type from information_schema.tables where table_schema = ${literal(rel.schema)} and table_name = ${literal(rel.name)}`,
    );
    return row ? (row.table_type === 'VIEW' ? 'view' : 'table') : undefined;
  }

  async columns(rel: RelationName): Promise<ColumnInfo[]> {
    const rows = await this.query(
      `select column_name, data_type from information_schema.columns where table_schema = ${literal(rel.schema)} and table_name = ${literal(rel.name)} order by ordinal_position`,
    );
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
  }

  async queryColumns(sql: string): Promise<string[]> {
    return (await this.query(`describe ${sql}`)).map((r) => String(r.column_name));
  }

  async rowCount(rel: RelationName): Promise<number> {
    const [row] = await this.query(`select count(*) as n from ${this.dialect.relation(rel)}`);
    return Number(row.n);
  }

  /** DuckDB's CSV reader loads a seed in one statement; explicit types win over detection. */
  async loadSeed(seed: SeedLoad): Promise<number> {
    const options = ['header = true', "nullstr = ''", 'auto_detect = true', 'strict_mode = true'];
    if (seed.allVarchar) options.push('all_varchar = true');
    const types = Object.entries(seed.columnTypes);
    if (types.length > 0) options.push(`types = {${types.map(([c, t]) => `${literal(c)}: ${literal(t)}`).join(', ')}}`);
    const select = `select * from read_csv(${literal(seed.file)}, ${options.join(', ')})`;
    await this.execute(this.dialect.createSchema(undefined, seed.relation.schema));
    const existing = await this.relationKind(seed.relation);
    await this.transaction(async (tx) => {
      for (const statement of this.dialect.table(seed.relation, select, existing)) await tx.execute(statement);
    });
    return this.rowCount(seed.relation);
  }

  async fork(): Promise<Adapter> {
    const connection = await this.instance.connect();
    await connection.runAndReadAll("set TimeZone = 'UTC'");
    return new DuckDBAdapter(this.instance, connection, false);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    if (this.owner) this.instance.closeSync();
  }
}
