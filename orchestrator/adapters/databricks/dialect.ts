import type { Dialect, KeyRange, RelationKind, RelationName } from '../dialect.ts';

const quote = (id: string) => `\`${id.replace(/`/g, '``')}\``;
const relation = (r: RelationName) => [r.catalog, r.schema, r.name].filter(Boolean).map((p) => quote(p!)).join('.');

/**
 * Databricks SQL on Unity Catalog. Delta makes `create or replace table` and `merge`
 * atomic, so a failed statement leaves the previous version of the table in place.
 */
export const databricksDialect: Dialect = {
  type: 'databricks',
  quote,
  relation,
  stringType: 'string',
  createSchema: (catalog, schema) => `create schema if not exists ${[catalog, schema].filter(Boolean).map((p) => quote(p!)).join('.')}`,
  table: (rel, sql, existing?: RelationKind) => [
    ...(existing === 'view' ? [`drop view if exists ${relation(rel)}`] : []),
    `create or replace table ${relation(rel)} as\n${sql}`,
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
    `delete from ${relation(target)} as target\nwhere exists (\n  select 1\n  from (\n    select ${range.partitionBy.map(quote).join(', ')}, min(${quote(range.rangeColumn)}) as range_start\n    from ${quote(staging.name)}\n    group by ${range.partitionBy.map(quote).join(', ')}\n  ) as changed\n  where ${range.partitionBy
      .map((k) => `changed.${quote(k)} = target.${quote(k)}`)
      .join(' and ')}\n    and target.${quote(range.rangeColumn)} >= changed.range_start\n)`,
    `insert into ${relation(target)} (${columns.map(quote).join(', ')})\nselect ${columns.map(quote).join(', ')} from ${quote(staging.name)}`,
  ],
  createFrom: (target, staging) => [`create table ${relation(target)} as select * from ${quote(staging.name)}`],
  drop: (rel, kind) => `drop ${kind} if exists ${relation(rel)}`,
  tempName: (rel, suffix) => ({ schema: rel.schema, name: `${rel.name}__stride_${suffix}` }),
};
