import { createHash } from 'node:crypto';
import { inStagedRangeSql, stagedRangesSql } from '../adapters/delete-ranges.ts';
import type { WrittenRows } from '../run/materialize.ts';
import type { Adapter, ColumnInfo, Row } from '../adapters/adapter.ts';
import type { FeatureTable } from './feature-tables.ts';
import { rowKey } from './feature-tables.ts';
import {
  HASH,
  historyTable,
  META_SCHEMA,
  VALID_FROM,
  VALID_TO,
  VERSIONS_DDL,
  VERSIONS_TABLE,
  type FeatureTableVersion,
} from './version-store.ts';

/** What a build knows about itself when it records versions. */
export interface RunStamp {
  runId: string;
  createdAt: Date;
  gitRevision?: string;
}

/** Column names and types in order, hashed: equal fingerprints mean the same schema. */
export function schemaFingerprint(columns: ColumnInfo[]): string {
  return createHash('sha256')
    .update(columns.map((c) => `${c.name} ${c.type}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** Creates the schema and versions table up front, outside any build transaction. */
export async function prepareVersionStore(adapter: Adapter): Promise<void> {
  await adapter.execute(`create schema if not exists "${META_SCHEMA}"`);
  await adapter.execute(VERSIONS_DDL);
}

/**
 * A hash of every column of a row, kept beside each history row as its identity.
 * Rows are compared by their values, not by this hash, so its function may change
 * between releases without marking unchanged rows as changed.
 */
function rowHashSql(columns: ColumnInfo[], q: (id: string) => string, alias: string): string {
  return `cast(hash(${columns.map((c) => `${alias}.${q(c.name)}`).join(', ')}) as varchar)`;
}

/** Every column equal, nulls included: the same row. */
function sameRowSql(columns: ColumnInfo[], q: (id: string) => string, a: string, b: string): string {
  return columns.map((c) => `${a}.${q(c.name)} is not distinct from ${b}.${q(c.name)}`).join('\n    and ');
}

/**
 * Where the rows that may have changed are. A table built whole may have changed
 * anywhere; after an incremental write, only the rows it replaced may have (the
 * rest of the table was not written), so only those are compared with the history.
 */
interface ChangeScope {
  /** Statements that prepare the scope (a temp table of the written key ranges). */
  setup: string[];
  /**
   * A join that keeps the rows of `alias` in the written ranges (the scope holds one
   * row per written key or partition, so no row is repeated); empty for a whole table.
   */
  touched(alias: string): string;
  cleanup: string[];
}

function changeScope(tx: Adapter, table: FeatureTable, written: WrittenRows | undefined): ChangeScope {
  if (!written) return { setup: [], touched: () => '', cleanup: [] };
  const q = tx.dialect.quote;
  const scope = q(`${table.name}__stride_scope`);
  const staging = q(written.staging.name);
  const keys = written.partitionBy.map(q);
  if (written.rangeColumn === undefined) {
    // merge matches its keys with 'is not distinct from'
    return {
      setup: [`drop table if exists ${scope}`, `create temp table ${scope} as select distinct ${keys.join(', ')} from ${staging}`],
      touched: (alias) => `inner join ${scope} as s on ${written.partitionBy.map((k) => `s.${q(k)} is not distinct from ${alias}.${q(k)}`).join(' and ') || 'true'}`,
      cleanup: [`drop table if exists ${scope}`],
    };
  }
  // the ranges delete+insert replaced, matched as it matches them
  const range = { partitionBy: written.partitionBy, rangeColumn: written.rangeColumn };
  return {
    setup: [`drop table if exists ${scope}`, `create temp table ${scope} as ${stagedRangesSql(range, staging, q)}`],
    touched: (alias) => `inner join ${scope} as s on ${inStagedRangeSql(range, 's', alias, q)}`,
    cleanup: [`drop table if exists ${scope}`],
  };
}

/** Appends one row to the versions table and returns it. */
async function insertVersion(tx: Adapter, record: FeatureTableVersion): Promise<FeatureTableVersion> {
  await tx.execute(
    `insert into ${tx.dialect.relation(VERSIONS_TABLE)} values ($table_name, $version, $run_id, cast($created_at as timestamp), $row_count, $rows_inserted, $rows_closed, $fingerprint, $columns, $git_revision)`,
    {
      table_name: record.table,
      version: record.version,
      run_id: record.runId,
      created_at: record.createdAt.replace('T', ' ').replace('Z', ''),
      row_count: record.rowCount,
      rows_inserted: record.rowsInserted,
      rows_closed: record.rowsClosed,
      fingerprint: record.schemaFingerprint,
      columns: JSON.stringify(record.columns),
      git_revision: record.gitRevision ?? null,
    },
  );
  return record;
}

/** The version whose rows stay in the table until a write replaces them. */
const BASELINE_VERSION = 1;

/**
 * Before a write replaces rows of a feature table: copies the rows it may replace that
 * are still as the first version left them (no open history row has their key) to the
 * history, open, from the first version on. After that, recordVersion compares them
 * like any other open row. After an incremental write only the staged ranges can be
 * replaced; a table built whole may replace any row.
 */
export async function preserveBaseline(tx: Adapter, table: FeatureTable, written?: WrittenRows): Promise<void> {
  if (!(await tx.relationKind(historyTable(table.name))) || !(await tx.relationKind(table.relation))) return;
  const q = tx.dialect.quote;
  const history = tx.dialect.relation(historyTable(table.name));
  const columns = await tx.columns(table.relation);
  const names = columns.map((c) => q(c.name));
  const scope = changeScope(tx, table, written);
  for (const statement of scope.setup) await tx.execute(statement);
  try {
    await tx.execute(
      `insert into ${history} (${names.join(', ')}, ${HASH}, ${VALID_FROM}, ${VALID_TO})
select ${names.map((n) => `t.${n}`).join(', ')}, ${rowHashSql(columns, q, 't')}, ${BASELINE_VERSION}, null
from ${tx.dialect.relation(table.relation)} as t ${scope.touched('t')}
where not exists (select 1 from ${history} as h where h.${VALID_TO} is null and ${rowKey(table).map((k) => `h.${q(k)} = t.${q(k)}`).join(' and ')})`,
    );
  } finally {
    for (const statement of scope.cleanup) await tx.execute(statement);
  }
}

/**
 * Records a new version of a feature table on DuckDB when its rows or columns
 * changed since the last version, keeping only the changed rows: each history row
 * carries the version it appeared in and the version that replaced it. Run inside
 * the build's transaction, so a failure leaves the table and its history as they were.
 * After an incremental write (`written`), only the replaced rows are compared.
 * Returns the version the table is at after the build.
 */
export async function recordVersion(tx: Adapter, table: FeatureTable, stamp: RunStamp, written?: WrittenRows): Promise<FeatureTableVersion | undefined> {
  const { dialect } = tx;
  const q = dialect.quote;
  const target = dialect.relation(table.relation);
  const history = dialect.relation(historyTable(table.name));
  const columns = await tx.columns(table.relation);
  const fingerprint = schemaFingerprint(columns);
  const [last] = await tx.query(
    `select version, schema_fingerprint from ${dialect.relation(VERSIONS_TABLE)} where table_name = $table_name order by version desc limit 1`,
    { table_name: table.name },
  );
  const version = last ? Number(last.version) + 1 : 1;

  const names = columns.map((c) => q(c.name));
  const hasHistory = Boolean(await tx.relationKind(historyTable(table.name)));
  if (!last && (!hasHistory || Number((await tx.query(`select count(*) as n from ${history}`))[0].n) === 0)) {
    // The first version stays in the table itself: its rows are copied to the history
    // only when a later write replaces them (preserveBaseline), so a first build
    // writes every row once.
    if (hasHistory) await tx.execute(`drop table ${history}`);
    await tx.execute(
      `create table ${history} as select ${names.map((n) => `t.${n}`).join(', ')}, ${rowHashSql(columns, q, 't')} as ${HASH}, cast(null as integer) as ${VALID_FROM}, cast(null as integer) as ${VALID_TO} from ${target} as t where false`,
    );
    const rowCount = await tx.rowCount(table.relation);
    return insertVersion(tx, { table: table.name, version, runId: stamp.runId, createdAt: stamp.createdAt.toISOString(), rowCount, rowsInserted: rowCount, rowsClosed: 0, schemaFingerprint: fingerprint, columns, gitRevision: stamp.gitRevision });
  }
  if (!hasHistory) {
    await tx.execute(
      `create table ${history} as select t.*, ${rowHashSql(columns, q, 't')} as ${HASH}, cast(null as integer) as ${VALID_FROM}, cast(null as integer) as ${VALID_TO} from ${target} as t where false`,
    );
  } else {
    // A new column joins the history (null in older rows); a retyped column takes the new type.
    const kept = new Map((await tx.columns(historyTable(table.name))).map((c) => [c.name, c.type]));
    for (const column of columns) {
      if (!kept.has(column.name)) await tx.execute(`alter table ${history} add column ${q(column.name)} ${column.type}`);
      else if (kept.get(column.name) !== column.type) await tx.execute(`alter table ${history} alter column ${q(column.name)} set data type ${column.type}`);
    }
  }

  // A new schema is a new version of every row; otherwise only the written rows can differ.
  const scoped = last && last.schema_fingerprint === fingerprint ? written : undefined;
  const scope = changeScope(tx, table, scoped);
  const openRows = q(`${table.name}__stride_open`);
  for (const statement of scope.setup) await tx.execute(statement);
  try {
    // After an incremental write, the table's rows in the written ranges are exactly the staged rows.
    const current = scoped ? q(scoped.staging.name) : target;
    // The open history rows that may have changed, with their position for the update below.
    await tx.execute(`drop table if exists ${openRows}`);
    await tx.execute(
      `create temp table ${openRows} as select h.rowid as stride_rowid, ${names.map((n) => `h.${n}`).join(', ')} from ${history} as h ${scope.touched('h')} where h.${VALID_TO} is null`,
    );
    const key = rowKey(table);
    const sameKeyAndRow = (a: string, b: string) => `${key.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' and ')} and ${sameRowSql(columns, q, a, b)}`;
    // Open rows without an identical row in the table: replaced or removed in this version.
    const closed = await tx.execute(
      `update ${history} set ${VALID_TO} = ${version}
where rowid in (select o.stride_rowid from ${openRows} as o where not exists (select 1 from ${current} as c where ${sameKeyAndRow('c', 'o')}))`,
    );
    // Rows of the table without an identical open row: new or changed in this version.
    const inserted = await tx.execute(
      `insert into ${history} (${names.join(', ')}, ${HASH}, ${VALID_FROM}, ${VALID_TO})
select ${names.map((n) => `c.${n}`).join(', ')}, ${rowHashSql(columns, q, 'c')}, ${version}, null
from ${current} as c
where not exists (select 1 from ${openRows} as o where ${sameKeyAndRow('o', 'c')})`,
    );
    const rowsInserted = inserted.rowsChanged ?? 0;
    const rowsClosed = closed.rowsChanged ?? 0;
    if (last && rowsInserted === 0 && rowsClosed === 0 && last.schema_fingerprint === fingerprint) return undefined;
    const rowCount = await tx.rowCount(table.relation);
    return insertVersion(tx, {
      table: table.name,
      version,
      runId: stamp.runId,
      createdAt: stamp.createdAt.toISOString(),
      rowCount,
      rowsInserted,
      rowsClosed,
      schemaFingerprint: fingerprint,
      columns,
      gitRevision: stamp.gitRevision,
    });
  } finally {
    for (const statement of [...scope.cleanup, `drop table if exists ${openRows}`]) await tx.execute(statement);
  }
}

const toVersion = (r: Row): FeatureTableVersion => ({
  table: String(r.table_name),
  version: Number(r.version),
  runId: String(r.run_id),
  createdAt: String(r.created_at),
  rowCount: Number(r.row_count),
  rowsInserted: Number(r.rows_inserted),
  rowsClosed: Number(r.rows_closed),
  schemaFingerprint: String(r.schema_fingerprint),
  columns: JSON.parse(String(r.columns)),
  gitRevision: r.git_revision === null || r.git_revision === undefined ? undefined : String(r.git_revision),
});

/** Every recorded version of a table, oldest first; empty before the first versioned build. */
export async function listVersions(adapter: Adapter, table: string): Promise<FeatureTableVersion[]> {
  if (!(await adapter.relationKind(VERSIONS_TABLE))) return [];
  const rows = await adapter.query(
    `select table_name, version, run_id, cast(created_at as varchar) as created_at, row_count, rows_inserted, rows_closed, schema_fingerprint, columns, git_revision
from ${adapter.dialect.relation(VERSIONS_TABLE)} where table_name = $table_name order by version`,
    { table_name: table },
  );
  return rows.map(toVersion);
}

export async function currentVersion(adapter: Adapter, table: string): Promise<FeatureTableVersion | undefined> {
  return (await listVersions(adapter, table)).at(-1);
}

/**
 * A SELECT that returns a table exactly as it was at `version`, with that version's
 * columns in that version's order. DuckDB reads the history table; Databricks reads
 * Delta's own table version.
 */
export async function versionSelect(adapter: Adapter, table: FeatureTable, version: number): Promise<string> {
  const { dialect } = adapter;
  if (dialect.type === 'databricks') return `select * from ${dialect.relation(table.relation)} version as of ${Math.trunc(version)}`;
  const found = (await listVersions(adapter, table.name)).find((v) => v.version === version);
  if (!found) throw new Error(`${table.name} has no version ${version}; run 'stride features versions ${table.name}' to list them`);
  const liveColumns = new Set((await adapter.columns(table.relation)).map((c) => c.name));
  // Rows of the first version that no write has replaced yet are only in the table itself.
  const live = found.columns.every((c) => liveColumns.has(c.name)) ? { relation: dialect.relation(table.relation), key: rowKey(table) } : undefined;
  return historySelect(dialect.quote, dialect.relation(historyTable(table.name)), found, live);
}

/**
 * The rows of `version`: the history rows that appeared at or before it and were not
 * replaced by then, and (`live`) the rows of the table still as the first version
 * left them: those without an open history row.
 */
export function historySelect(q: (id: string) => string, history: string, version: FeatureTableVersion, live?: { relation: string; key: string[] }): string {
  const v = Math.trunc(version.version);
  const columns = version.columns.map((c) => `cast(${q(c.name)} as ${c.type}) as ${q(c.name)}`).join(', ');
  const stored = `select ${columns}
from ${history}
where ${VALID_FROM} <= ${v} and (${VALID_TO} is null or ${VALID_TO} > ${v})`;
  if (!live) return stored;
  return `${stored}
union all
select ${columns}
from ${live.relation} as t
where not exists (select 1 from ${history} as h where h.${VALID_TO} is null and ${live.key.map((k) => `h.${q(k)} = t.${q(k)}`).join(' and ')})`;
}
