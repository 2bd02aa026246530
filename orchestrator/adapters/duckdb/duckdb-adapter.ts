import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { Adapter, ColumnInfo, Row, SeedLoad } from '../adapter.ts';
import type { RelationKind, RelationName } from '../dialect.ts';
import { duckdbDialect } from './dialect.ts';
import type { DuckDBConnectionLike, DuckDBInstanceLike } from './driver.ts';
import { digestFile, readTail, SEED_FILES_DDL } from './seed-files.ts';

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

  /**
   * DuckDB's CSV reader loads a seed in one statement; explicit types win over
   * detection. The file's sha256 is kept in stride_meta.seed_files: an unchanged file
   * is not read again, and a file that only grew at its end (the bytes loaded last
   * time are its first bytes) has just its new lines read and appended, in the same
   * CSV dialect. Anything else, or `reload`, loads the whole file into a new table.
   */
  async loadSeed(seed: SeedLoad): Promise<number> {
    const readOptions = ['header = true', "nullstr = ''", 'auto_detect = true', 'strict_mode = true'];
    if (seed.allVarchar) readOptions.push('all_varchar = true');
    const types = Object.entries(seed.columnTypes);
    if (types.length > 0) readOptions.push(`types = {${types.map(([c, t]) => `${literal(c)}: ${literal(t)}`).join(', ')}}`);
    const optionsKey = JSON.stringify({ allVarchar: seed.allVarchar, columnTypes: seed.columnTypes });
    await this.execute(this.dialect.createSchema(undefined, seed.relation.schema));
    await this.execute(this.dialect.createSchema(undefined, 'stride_meta'));
    await this.execute(SEED_FILES_DDL);
    const relationText = this.dialect.relation(seed.relation);
    const existing = await this.relationKind(seed.relation);
    const [stored] =
      existing === 'table' && !seed.reload
        ? await this.query('select size, sha256, options, row_count, dialect from "stride_meta"."seed_files" where relation = $relation', { relation: relationText })
        : [];
    const previous = stored && stored.options === optionsKey && Number(stored.row_count) === (await this.rowCount(seed.relation)) ? stored : undefined;
    const digest = digestFile(seed.file, previous ? Number(previous.size) : undefined);
    const record = (rowCount: number, dialect: string) =>
      this.execute(
        `insert or replace into "stride_meta"."seed_files" values ($relation, $file, $size, $sha256, $options, $row_count, $dialect, current_timestamp::timestamp)`,
        { relation: relationText, file: seed.file, size: digest.size, sha256: digest.sha256, options: optionsKey, row_count: rowCount, dialect },
      );
    if (previous && digest.sha256 === previous.sha256) return Number(previous.row_count);
    if (previous && digest.prefixSha256 === previous.sha256 && digest.prefixEndsLine && digest.size > Number(previous.size)) {
      const appended = await this.appendSeedLines(seed, digest.header, Number(previous.size), digest.size, String(previous.dialect), () =>
        this.rowCount(seed.relation).then(async (n) => (await record(n, String(previous.dialect)), n)),
      ).catch(() => undefined);
      if (appended !== undefined) return appended;
    }
    const file = literal(seed.file);
    // The dialect the reader detects, for the lines appended later. sniff_csv writes '(empty)' for none.
    const [sniffed] = await this.query(`select delimiter, quote, escape from sniff_csv(${file}, ${readOptions.filter((o) => !o.startsWith('types')).join(', ')})`);
    const character = (v: unknown) => (typeof v === 'string' && v !== '(empty)' ? v : '');
    const dialect = JSON.stringify({ delim: character(sniffed.Delimiter ?? sniffed.delimiter), quote: character(sniffed.Quote ?? sniffed.quote), escape: character(sniffed.Escape ?? sniffed.escape) });
    const select = `select * from read_csv(${file}, ${readOptions.join(', ')})`;
    return this.transaction(async (tx) => {
      for (const statement of this.dialect.table(seed.relation, select, existing)) await tx.execute(statement);
      const rows = await this.rowCount(seed.relation);
      await record(rows, dialect);
      return rows;
    });
  }

  /**
   * Appends the lines of a seed file after byte `from` to its table: they are read as
   * a CSV of their own (the file's header line, then the new lines) with the column
   * types of the table and the dialect of the first load. Undefined when the lines
   * cannot be read that way for sure (the caller loads the whole file).
   */
  private async appendSeedLines(seed: SeedLoad, header: Buffer, from: number, size: number, dialect: string, recorded: () => Promise<number>): Promise<number | undefined> {
    const { delim, quote, escape } = JSON.parse(dialect) as Record<string, string>;
    const tail = readTail(seed.file, from, size);
    // Without a quote character in the first load, a new line with one could make the reader
    // detect another dialect in the whole file: only lines without quotes are appended then.
    if (delim === '' || (quote === '' && (tail.includes(34) || tail.includes(39)))) return undefined;
    const part = join(tmpdir(), `stride-seed-${randomUUID()}.csv`);
    writeFileSync(part, Buffer.concat([header, tail]));
    try {
      const columns = await this.columns(seed.relation);
      const options = [
        'header = true',
        "nullstr = ''",
        'auto_detect = false',
        'strict_mode = true',
        `delim = ${literal(delim)}`,
        `quote = ${literal(quote)}`,
        `escape = ${literal(escape)}`,
        `columns = {${columns.map((c) => `${literal(c.name)}: ${literal(c.type)}`).join(', ')}}`,
      ];
      return await this.transaction(async (tx) => {
        await tx.execute(`insert into ${this.dialect.relation(seed.relation)} select * from read_csv(${literal(part)}, ${options.join(', ')})`);
        return recorded();
      });
    } finally {
      rmSync(part, { force: true });
    }
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
