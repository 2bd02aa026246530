import type { Dialect, KeyRange, RelationKind, RelationName, TableOptions } from '../dialect.ts';
import { deleteStagedRangesSql } from '../delete-ranges.ts';

/** The one place identifiers are quoted: backticks, a backtick inside doubled. */
const quote = (id: string) => `\`${id.replace(/`/g, '``')}\``;
const relation = (r: RelationName) => [r.catalog, r.schema, r.name].filter(Boolean).map((p) => quote(p!)).join('.');
/** A string literal for DDL, where parameter markers are not allowed (comments). */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const parameter = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid parameter name '${name}'`);
  return `:${name}`;
};

/** `cluster by`, `comment` and `tblproperties` clauses of a create statement (all before `as`). */
function tableClauses(options: TableOptions): string {
  const clauses: string[] = [];
  if (options.clusterBy?.length) clauses.push(`cluster by (${options.clusterBy.map(quote).join(', ')})`);
  if (options.comment) clauses.push(`comment ${literal(options.comment.trim())}`);
  const properties = Object.entries(options.properties ?? {});
  if (properties.length > 0) clauses.push(`tblproperties (${properties.map(([k, v]) => `${literal(k)} = ${literal(v)}`).join(', ')})`);
  return clauses.map((c) => `\n${c}`).join('');
}

/**
 * Statements after the replace: column comments, then the informational primary key
 * (its columns must be not null first). Re-run on every build because `create or
 * replace` defines the table anew.
 */
function afterReplace(rel: RelationName, options: TableOptions): string[] {
  const target = relation(rel);
  const out = Object.entries(options.columnComments ?? {})
    .filter(([, text]) => text.trim() !== '')
    .map(([column, text]) => `alter table ${target} alter column ${quote(column)} comment ${literal(text.trim())}`);
  const key = options.primaryKey ?? [];
  if (key.length > 0) {
    out.push(...key.map((column) => `alter table ${target} alter column ${quote(column)} set not null`));
    out.push(`alter table ${target} drop primary key if exists`);
    const columns = key.map((c) => (c === options.timeseriesKey ? `${quote(c)} timeseries` : quote(c)));
    out.push(`alter table ${target} add constraint ${quote(`${rel.name}_pk`)} primary key (${columns.join(', ')})`);
  }
  return out;
}

/**
 * Databricks SQL on Unity Catalog. Delta makes `create or replace table` and `merge`
 * atomic, so a failed statement leaves the previous version of the table in place.
 */
export const databricksDialect: Dialect = {
  type: 'databricks',
  quote,
  relation,
  stringType: 'string',
  parameter,
  createSchema: (catalog, schema) => `create schema if not exists ${[catalog, schema].filter(Boolean).map((p) => quote(p!)).join('.')}`,
  table: (rel, sql, existing?: RelationKind, options: TableOptions = {}) => [
    ...(existing === 'view' ? [`drop view if exists ${relation(rel)}`] : []),
    `create or replace table ${relation(rel)}${tableClauses(options)} as\n${sql}`,
    ...afterReplace(rel, options),
  ],
  view: (rel, sql, existing?: RelationKind) => [
    ...(existing === 'table' ? [`drop table if exists ${relation(rel)}`] : []),
    `create or replace view ${relation(rel)} as\n${sql}`,
  ],
  stageIncremental: (staging, sql) => [`create or replace temporary view ${quote(staging.name)} as\n${sql}`],
  merge: (target, staging, uniqueKey, _columns) => [
    `merge into ${relation(target)} as target\nusing ${quote(staging.name)} as source\non ${uniqueKey
      .map((k) => `target.${quote(k)} <=> source.${quote(k)}`)
      .join(' and ')}\nwhen matched then update set *\nwhen not matched then insert *`,
  ],
  deleteInsert: (target, staging, range: KeyRange, columns) => [
    deleteStagedRangesSql(range, relation(target), quote(staging.name), quote),
    `insert into ${relation(target)} (${columns.map(quote).join(', ')})\nselect ${columns.map(quote).join(', ')} from ${quote(staging.name)}`,
  ],
  createFrom: (target, staging) => [`create table ${relation(target)} as select * from ${quote(staging.name)}`],
  drop: (rel, kind) => `drop ${kind} if exists ${relation(rel)}`,
  tempName: (rel, suffix) => ({ schema: rel.schema, name: `${rel.name}__stride_${suffix}` }),
};
