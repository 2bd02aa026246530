import type { Dialect, RelationName } from '../adapters/dialect.ts';
import { physicalRelation } from '../compile/compile-project.ts';
import type { CompiledProject } from '../compile/nodes.ts';
import type { FeatureTable } from './feature-tables.ts';
import { stringLiteral } from './sql-literal.ts';

/** The Unity Catalog objects of athlete isolation: who may see which athlete. */
export interface IsolationObjects {
  /** Mapping table: one row per (principal, athlete_id) a user or service principal may read. */
  accessTable: RelationName;
  /** The row filter function applied to every feature table. */
  filterFunction: RelationName;
  /** Members of this account group see every athlete. */
  adminGroup: string;
}

export function isolationObjects(compiled: CompiledProject): IsolationObjects {
  const adminGroup = compiled.vars.feature_store_admin_group;
  return {
    accessTable: physicalRelation(compiled.target, 'feature_store', 'athlete_access'),
    filterFunction: physicalRelation(compiled.target, 'feature_store', 'athlete_row_filter'),
    adminGroup: typeof adminGroup === 'string' && adminGroup ? adminGroup : 'stride_admins',
  };
}

/**
 * Creates the mapping table and the row filter function. The function sees one
 * argument, the row's athlete_id: true for the admin group, or when the mapping
 * table grants the current user that athlete.
 */
export function isolationSetupSql(dialect: Dialect, objects: IsolationObjects): string[] {
  const lit = (s: string) => stringLiteral('databricks', s);
  const access = dialect.relation(objects.accessTable);
  return [
    `create table if not exists ${access} (
    principal string not null comment ${lit('User name or service principal application id, as current_user() returns it.')},
    athlete_id bigint not null comment ${lit('An athlete whose feature rows the principal may read.')}
)
comment ${lit('Who may read which athlete in the feature tables (Stride row filter).')}`,
    `create or replace function ${dialect.relation(objects.filterFunction)}(row_athlete_id bigint)
returns boolean
comment ${lit(`Row filter of the Stride feature tables: members of ${objects.adminGroup} see every athlete, other principals the athletes granted in athlete_access.`)}
return is_account_group_member(${lit(objects.adminGroup)})
    or exists (
        select 1
        from ${access} as access
        where access.principal = current_user()
            and access.athlete_id = row_athlete_id
    )`,
  ];
}

/**
 * What makes a Delta table a Unity Catalog feature table: not-null key columns,
 * a primary key whose timestamp key is marked `timeseries`, tags for discovery,
 * and the athlete row filter. Re-applied after every build because `create or
 * replace` defines the table anew. Comments come with the table build itself.
 */
export function featureTableDdl(dialect: Dialect, table: FeatureTable, objects?: IsolationObjects): string[] {
  const q = dialect.quote;
  const lit = (s: string) => stringLiteral('databricks', s);
  const target = dialect.relation(table.relation);
  const { spec } = table;
  const keyColumns = [...spec.primary_keys, spec.timestamp_key];
  const tags: Record<string, string> = {
    feature_table: 'true',
    primary_keys: spec.primary_keys.join(','),
    timestamp_key: spec.timestamp_key,
    timestamp_zone: spec.timestamp_zone,
    ...(spec.owner ? { owner: spec.owner } : {}),
    ...spec.tags,
  };
  const statements = [
    ...keyColumns.map((c) => `alter table ${target} alter column ${q(c)} set not null`),
    `alter table ${target} drop primary key if exists`,
    `alter table ${target} add constraint ${q(`${table.name}_pk`)} primary key (${[...spec.primary_keys.map(q), `${q(spec.timestamp_key)} timeseries`].join(', ')})`,
    `alter table ${target} set tags (${Object.entries(tags)
      .map(([k, v]) => `${lit(`stride.${k}`)} = ${lit(v)}`)
      .join(', ')})`,
  ];
  if (objects && table.columns.some((c) => c.name === 'athlete_id')) {
    statements.push(`alter table ${target} set row filter ${dialect.relation(objects.filterFunction)} on (${q('athlete_id')})`);
  }
  return statements;
}
