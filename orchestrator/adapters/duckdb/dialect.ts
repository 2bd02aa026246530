import type { Dialect, KeyRange, RelationKind, RelationName } from '../dialect.ts';
import { deleteStagedRangesUsingSql } from '../delete-ranges.ts';

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
const relation = (r: RelationName) => [r.catalog, r.schema, r.name].filter(Boolean).map((p) => quote(p!)).join('.');
const parameter = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid parameter name '${name}'`);
  return `$${name}`;
};

/** DuckDB SQL: transactional DDL, so a table is built beside the old one and renamed in one transaction. */
export const duckdbDialect: Dialect = {
  type: 'duckdb',
  quote,
  relation,
  stringType: 'varchar',
  parameter,
  createSchema: (_catalog, schema) => `create schema if not exists ${quote(schema)}`,
  table: (rel, sql, existing: RelationKind = 'table') => {
    const tmp = { ...rel, name: `${rel.name}__stride_tmp` };
    return [
      `drop table if exists ${relation(tmp)}`,
      `create table ${relation(tmp)} as (\n${sql}\n)`,
      `drop ${existing} if exists ${relation(rel)}`,
      `alter table ${relation(tmp)} rename to ${quote(rel.name)}`,
    ];
  },
  view: (rel, sql, existing: RelationKind = 'view') => [
    ...(existing === 'table' ? [`drop table if exists ${relation(rel)}`] : []),
    `create or replace view ${relation(rel)} as (\n${sql}\n)`,
  ],
  stageIncremental: (staging, sql) => [
    `drop table if exists ${relation(staging)}`,
    `create temp table ${quote(staging.name)} as (\n${sql}\n)`,
  ],
  merge: (target, staging, uniqueKey, columns) => [
    `merge into ${relation(target)} as target\nusing ${quote(staging.name)} as source\non ${uniqueKey
      .map((k) => `target.${quote(k)} is not distinct from source.${quote(k)}`)
      .join(' and ')}\nwhen matched then update set ${columns.map((c) => `${quote(c)} = source.${quote(c)}`).join(', ')}\nwhen not matched then insert (${columns
      .map(quote)
      .join(', ')}) values (${columns.map((c) => `source.${quote(c)}`).join(', ')})`,
  ],
  deleteInsert: (target, staging, range: KeyRange, columns) => [
    deleteStagedRangesUsingSql(range, relation(target), quote(staging.name), quote),
    `insert into ${relation(target)} (${columns.map(quote).join(', ')})\nselect ${columns.map(quote).join(', ')} from ${quote(staging.name)}`,
  ],
  createFrom: (target, staging) => [`create table ${relation(target)} as select * from ${quote(staging.name)}`],
  drop: (rel, kind) => `drop ${kind} if exists ${relation(rel)}`,
  tempName: (rel, suffix) => ({ schema: rel.schema, name: `${rel.name}__stride_${suffix}` }),
};
