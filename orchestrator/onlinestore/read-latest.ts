import type { Adapter, Row } from '../adapters/adapter.ts';
import { intervalSql } from '../featurestore/feature-tables.ts';
import { currentVersion } from '../featurestore/versions.ts';
import { onlineType, type OnlineColumn } from './column-types.ts';
import { BOOKKEEPING_PREFIX, ROW_HASH } from './meta-tables.ts';
import type { PublishSource } from './source-tables.ts';
import { keyString, OnlineValueError, toOnlineValue } from './values.ts';

/** The latest row per primary key of one table: its key and the hash of its values. */
export interface LatestKey {
  key: string;
  hash: string;
}

/**
 * One table's latest rows in the engine. The keys and row hashes are read first (a few
 * columns); the full rows are fetched only for the hashes the online store lacks, so a
 * publish of unchanged data reads little.
 */
export interface LatestRows {
  source: PublishSource;
  columns: OnlineColumn[];
  keys: LatestKey[];
  /** The feature-table version read (DuckDB's recorded version, Delta's table version); null for predictions. */
  version: number | null;
  relationText: string;
  /** The full rows, values in their online form, with the row hash; all rows, or those with these hashes. */
  fetch(hashes?: string[]): Promise<Row[]>;
}

/** A Databricks string literal. */
const stringLiteral = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** The column a fetched row's values come back in. */
const ROW_JSON = '_stride_row_json';

/** The end of day `date` (the next midnight), bound as a parameter. */
function endOfDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Error(`--as-of must be a date YYYY-MM-DD, not '${date}'`);
  return `${new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)} 00:00:00`;
}

/** Online columns: the documented columns, typed by their YAML data_type, else by the engine. */
export function onlineColumns(source: PublishSource, engineTypes: Map<string, string>, relationText: string): OnlineColumn[] {
  const columns = source.columns.map((c) => {
    if (c.name.startsWith(BOOKKEEPING_PREFIX)) throw new Error(`${source.file}: column '${c.name}' of ${source.name} starts with ${BOOKKEEPING_PREFIX}, which the online store keeps for itself; rename it`);
    const engineType = engineTypes.get(c.name);
    if (engineType === undefined) throw new Error(`${source.file}: ${source.name} documents column '${c.name}', which ${relationText} does not have: run '${source.writtenBy}' (or remove the column from the YAML)`);
    return { name: c.name, type: onlineType(c.data_type ?? engineType) };
  });
  for (const key of [...source.primaryKeys, source.timestampKey]) {
    if (!columns.some((c) => c.name === key)) throw new Error(`${source.file}: ${source.name} has no documented column '${key}', which the online store keys on`);
  }
  return columns;
}

/**
 * The SELECT of the latest row per primary key (known by the end of `asOf` when asked),
 * each column cast to its online type, plus a hash of those values and their names,
 * computed by the engine: equal rows hash alike in every publish, a new column changes
 * every hash.
 */
export function latestRowsSql(adapter: Adapter, source: PublishSource, columns: OnlineColumn[], asOf: boolean): string {
  const { dialect } = adapter;
  const q = dialect.quote;
  const cast = (c: OnlineColumn) => {
    const target = c.type === 'bigint' ? 'bigint' : c.type === 'double' ? 'double' : c.type === 'boolean' ? 'boolean' : dialect.stringType;
    return `cast(f.${q(c.name)} as ${target})`;
  };
  const hash =
    dialect.type === 'databricks'
      ? `md5(to_json(named_struct(${columns.map((c) => `${stringLiteral(c.name)}, ${cast(c)}`).join(', ')})))`
      : `md5(cast(struct_pack(${columns.map((c) => `${q(c.name)} := ${cast(c)}`).join(', ')}) as varchar))`;
  const ts = `f.${q(source.timestampKey)}`;
  const availableAt = source.availableAfter ? `cast(${ts} as timestamp) + ${intervalSql(source.availableAfter)}` : `cast(${ts} as timestamp)`;
  return [
    `select ${[...columns.map((c) => `${cast(c)} as ${q(c.name)}`), `${hash} as ${q(ROW_HASH)}`].join(', ')}`,
    `from ${dialect.relation(source.relation)} as f`,
    ...(asOf ? [`where ${availableAt} <= cast(${dialect.parameter('as_of_end')} as timestamp)`] : []),
    `qualify row_number() over (partition by ${source.primaryKeys.map((k) => `f.${q(k)}`).join(', ')} order by ${ts} desc) = 1`,
  ].join('\n');
}

async function tableVersion(adapter: Adapter, source: PublishSource): Promise<number | null> {
  if (!source.isFeatureTable) return null;
  if (adapter.dialect.type === 'databricks') {
    const [last] = await adapter.query(`describe history ${adapter.dialect.relation(source.relation)} limit 1`);
    return last ? Number(last.version) : null;
  }
  return (await currentVersion(adapter, source.name))?.version ?? null;
}

/** Hashes are the engine's md5 in hex: checked, so they can be written into an IN list. */
const HASH_TEXT = /^[0-9a-f]{32}$/;
const HASHES_PER_QUERY = 2000;

/**
 * Reads the keys and row hashes of one table's latest rows; undefined when the table
 * does not exist. A row without a key stops the publish, naming the table and column;
 * a value the store cannot hold stops it when the row is fetched.
 */
export async function readLatestRows(adapter: Adapter, source: PublishSource, asOf?: string): Promise<LatestRows | undefined> {
  if (!(await adapter.relationKind(source.relation))) return undefined;
  const q = adapter.dialect.quote;
  const relationText = adapter.dialect.relation(source.relation);
  const engineTypes = new Map((await adapter.columns(source.relation)).map((c) => [c.name, c.type]));
  const columns = onlineColumns(source, engineTypes, relationText);
  const params = asOf === undefined ? undefined : { as_of_end: endOfDay(asOf) };
  const version = await tableVersion(adapter, source);
  const latest = latestRowsSql(adapter, source, columns, asOf !== undefined);
  const keyColumns = columns.filter((c) => source.primaryKeys.includes(c.name));

  const online = (r: Row): Row => {
    const out: Row = {};
    for (const c of columns) {
      if (!(c.name in r)) continue; // the key query reads only the keys
      const value = toOnlineValue(r[c.name], c.type);
      if (value !== null && typeof value === 'object') throw new OnlineValueError(`${source.name} (${relationText}), row ${keyString(r, source.primaryKeys)}: column ${c.name}: ${value.error}`);
      out[c.name] = value;
    }
    const missing = source.primaryKeys.find((k) => out[k] === null);
    if (missing) throw new OnlineValueError(`${source.name} (${relationText}) has a row without a value for primary key column '${missing}': fix the table and publish again`);
    const hash = String(r[ROW_HASH]);
    if (!HASH_TEXT.test(hash)) throw new Error(`${source.name}: the engine returned a row hash that is not md5 hex: '${hash}'`);
    out[ROW_HASH] = hash;
    return out;
  };

  const keyRows = await adapter.query(`select ${[...keyColumns.map((c) => q(c.name)), q(ROW_HASH)].join(', ')} from (\n${latest}\n) as l`, params);
  const keys = keyRows.map((r) => {
    const row = online(r);
    return { key: keyString(row, source.primaryKeys), hash: String(row[ROW_HASH]) };
  });

  // Each row comes back as one JSON text of its values as strings: drivers convert one
  // value per row much faster than one per column, and the text keeps every digit.
  const text = (c: OnlineColumn) => `cast(l.${q(c.name)} as ${adapter.dialect.stringType})`;
  const rowJson =
    adapter.dialect.type === 'databricks'
      ? `to_json(named_struct(${columns.map((c) => `${stringLiteral(c.name)}, ${text(c)}`).join(', ')}))`
      : `to_json(struct_pack(${columns.map((c) => `${q(c.name)} := ${text(c)}`).join(', ')}))`;
  const select = `select ${rowJson} as ${q(ROW_JSON)}, l.${q(ROW_HASH)} from (\n${latest}\n) as l`;
  const parse = (r: Row): Row => {
    const values = JSON.parse(String(r[ROW_JSON])) as Record<string, string | null>;
    // Databricks leaves null fields out of to_json.
    const row: Row = Object.fromEntries(columns.map((c) => [c.name, values[c.name] ?? null]));
    row[ROW_HASH] = r[ROW_HASH];
    return online(row);
  };
  const fetch = async (hashes?: string[]): Promise<Row[]> => {
    if (!hashes) return (await adapter.query(select, params)).map(parse);
    let out: Row[];
    if (hashes.length > HASHES_PER_QUERY) {
      // Many changes: one pass over the table beats one query per chunk of hashes.
      const wanted = new Set(hashes);
      out = (await adapter.query(select, params)).filter((r) => wanted.has(String(r[ROW_HASH]))).map(parse);
    } else {
      for (const h of hashes) if (!HASH_TEXT.test(h)) throw new Error(`not a row hash: '${h}'`);
      out = (await adapter.query(`${select}\nwhere l.${q(ROW_HASH)} in (${hashes.map((h) => `'${h}'`).join(', ')})`, params)).map(parse);
    }
    if (out.length !== hashes.length) throw new Error(`${relationText} changed while it was being published (${hashes.length} changed rows expected, ${out.length} found): publish again`);
    return out;
  };
  return { source, columns, keys, version, relationText, fetch };
}
