import type { Adapter, Row } from '../adapters/adapter.ts';
import type { Dialect } from '../adapters/dialect.ts';
import type { CompiledProject } from '../compile/nodes.ts';
import { parseInterval } from '../project/parse-feature-table.ts';
import type { Interval } from '../project/types.ts';
import { availableAtSql, findFeatureTable, intervalSql, type FeatureTable } from './feature-tables.ts';
import { spineColumns, spineSelect, type SpineSpec } from './spine.ts';
import { currentVersion, versionSelect } from './versions.ts';

/** Features to take from one feature table. */
export interface FeatureRequest {
  table: string;
  /** Columns to take; default every documented column except the keys and timestamp. */
  columns?: string[];
  /** Only rows no older than the event minus this, e.g. '28 days' or '28d'; older rows give nulls. */
  lookback?: string | Interval;
  /** Read this version of the table instead of the current rows. */
  version?: number;
  /** Prefix of the output column names, to keep two tables' columns apart. */
  prefix?: string;
  /** Spine columns joined to the table; default the spine keys that are primary keys of the table. */
  joinKeys?: string[];
}

export interface TrainingSetRequest {
  spine: SpineSpec;
  features: FeatureRequest[];
}

export interface TrainingSet {
  /** Spine columns, then feature columns, in request order. */
  columns: string[];
  /** One row per spine row, in the order of the spine keys and event time. */
  rows: Row[];
  sql: string;
  /** Version of each table the rows come from (null: no version recorded). */
  featureVersions: Record<string, number | null>;
}

/** One feature table's part of a training set, ready to render. */
export interface PlannedLookup {
  table: FeatureTable;
  /** The relation, or a subquery of a pinned version. */
  source: string;
  joinKeys: string[];
  /** Spine column the table's timestamp is compared with. */
  eventColumn: string;
  lookback?: Interval;
  columns: { name: string; as: string }[];
}

export interface TrainingSetPlan {
  spine: string;
  spineColumns: string[];
  keys: string[];
  timestamp: string;
  lookups: PlannedLookup[];
}

const SHORT_UNITS: Record<string, string> = { d: 'days', h: 'hours', m: 'minutes', s: 'seconds' };

export function parseLookback(value: string | Interval): Interval {
  if (typeof value !== 'string') return value;
  const short = /^\s*(\d+)\s*([dhms])\s*$/i.exec(value);
  const interval = parseInterval(short ? `${short[1]} ${SHORT_UNITS[short[2].toLowerCase()]}` : value);
  if (!interval) throw new Error(`lookback '${value}' should read like '28 days', '28d' or '12h'`);
  return interval;
}

const INDENT = (text: string, spaces: number) => text.split('\n').map((l) => `${' '.repeat(spaces)}${l}`).join('\n');

/**
 * Point-in-time join in portable SQL (the same on DuckDB and Databricks): for each
 * spine row and feature table, the rows of the same keys that were known at the
 * event time (available at <= event, or < for `strictly_before_event` tables) and
 * not older than the lookback; the latest of them wins (`qualify row_number()`), ties
 * broken by the primary keys. A spine row without such a row gets nulls.
 */
export function trainingSetSql(dialect: Dialect, plan: TrainingSetPlan): string {
  const q = dialect.quote;
  const ts = (expr: string) => `cast(${expr} as timestamp)`;
  const ctes: string[] = [
    `spine as (
    select
        row_number() over (order by ${[...plan.keys, plan.timestamp].map((c) => `s.${q(c)}`).join(', ')}) as stride_spine_row,
        s.*
    from (
${INDENT(plan.spine, 8)}
    ) as s
)`,
  ];
  plan.lookups.forEach((lookup, i) => {
    const available = availableAtSql(lookup.table, q, 'f');
    const event = ts(`spine.${q(lookup.eventColumn)}`);
    const conditions = [
      ...lookup.joinKeys.map((k) => `f.${q(k)} = spine.${q(k)}`),
      `${available} ${lookup.table.spec.strictly_before_event ? '<' : '<='} ${event}`,
      ...(lookup.lookback ? [`${available} >= ${event} - ${intervalSql(lookup.lookback)}`] : []),
    ];
    const tieBreak = lookup.table.spec.primary_keys.filter((k) => !lookup.joinKeys.includes(k)).map((k) => `f.${q(k)} desc`);
    ctes.push(`${q(`lookup_${i + 1}`)} as (
    select
${[`spine.stride_spine_row`, ...lookup.columns.map((c) => `f.${q(c.name)} as ${q(c.as)}`)].map((c) => `        ${c}`).join(',\n')}
    from spine
    inner join ${lookup.source} as f
        on ${conditions.join('\n        and ')}
    qualify row_number() over (
        partition by spine.stride_spine_row
        order by ${[`${available} desc`, ...tieBreak].join(', ')}
    ) = 1
)`);
  });
  const outputs = [...plan.spineColumns.map((c) => `spine.${q(c)}`), ...plan.lookups.flatMap((l, i) => l.columns.map((c) => `${q(`lookup_${i + 1}`)}.${q(c.as)}`))];
  ctes.push(`final as (
    select
${['spine.stride_spine_row', ...outputs].map((c) => `        ${c}`).join(',\n')}
    from spine
${plan.lookups.map((_, i) => `    left join ${q(`lookup_${i + 1}`)}\n        on ${q(`lookup_${i + 1}`)}.stride_spine_row = spine.stride_spine_row`).join('\n')}
)`);
  const names = [...plan.spineColumns, ...plan.lookups.flatMap((l) => l.columns.map((c) => c.as))];
  return `with ${ctes.join(',\n\n')}\n\nselect\n${names.map((n) => `    ${q(n)}`).join(',\n')}\nfrom final\norder by stride_spine_row`;
}

/** Checks a request against the spine and the feature tables and resolves every default. */
export async function planTrainingSet(adapter: Adapter, compiled: CompiledProject, request: TrainingSetRequest): Promise<TrainingSetPlan> {
  if (request.features.length === 0) throw new Error('a training set needs at least one feature table');
  const spine = spineSelect(compiled, request.spine);
  const columns = await spineColumns(adapter, spine);
  const has = (c: string) => columns.includes(c);
  const keys = request.spine.keys ?? ['athlete_id'];
  const timestamp = request.spine.timestamp ?? 'event_timestamp';
  const localTimestamp = request.spine.localTimestamp ?? (has('event_timestamp_local') ? 'event_timestamp_local' : undefined);
  for (const c of [...keys, timestamp, ...(localTimestamp ? [localTimestamp] : [])]) {
    if (!has(c)) throw new Error(`the spine has no column '${c}'; its columns: ${columns.join(', ')}`);
  }
  const taken = new Set(columns);
  const lookups: PlannedLookup[] = [];
  for (const feature of request.features) {
    const table = findFeatureTable(compiled, feature.table);
    const documented = table.columns.map((c) => c.name);
    const keyColumns = [...table.spec.primary_keys, table.spec.timestamp_key];
    const joinKeys = feature.joinKeys ?? keys.filter((k) => table.spec.primary_keys.includes(k));
    if (joinKeys.length === 0) throw new Error(`the spine keys (${keys.join(', ')}) share no primary key with ${table.name} (${table.spec.primary_keys.join(', ')})`);
    for (const k of joinKeys) {
      if (!has(k)) throw new Error(`join key '${k}' of ${table.name} is not a spine column`);
      if (!documented.includes(k)) throw new Error(`join key '${k}' is not a column of ${table.name}`);
    }
    const eventColumn = table.spec.timestamp_zone === 'local' ? localTimestamp : timestamp;
    if (!eventColumn) {
      throw new Error(
        `${table.name} keeps local (athlete wall-clock) time: the spine needs a local event time column (event_timestamp_local, or name one with localTimestamp / --spine-local-timestamp)`,
      );
    }
    const wanted = feature.columns ?? documented.filter((c) => !keyColumns.includes(c));
    const unknown = wanted.filter((c) => !documented.includes(c));
    if (unknown.length > 0) throw new Error(`${table.name} has no column ${unknown.join(', ')}`);
    const out = wanted.map((name) => ({ name, as: `${feature.prefix ?? ''}${name}` }));
    for (const c of out) {
      if (taken.has(c.as)) throw new Error(`column '${c.as}' of ${table.name} is already in the training set: give the table a prefix`);
      taken.add(c.as);
    }
    const source =
      feature.version === undefined ? adapter.dialect.relation(table.relation) : `(\n${INDENT(await versionSelect(adapter, table, feature.version), 8)}\n    )`;
    lookups.push({ table, source, joinKeys, eventColumn, lookback: feature.lookback === undefined ? undefined : parseLookback(feature.lookback), columns: out });
  }
  return { spine, spineColumns: columns, keys, timestamp, lookups };
}

/**
 * Builds a point-in-time training set: the spine's rows with, from each feature
 * table, the latest row known at the spine row's event time. Versions pin a table
 * to an earlier build; `featureVersions` says which version each table came from.
 */
export async function buildTrainingSet(adapter: Adapter, compiled: CompiledProject, request: TrainingSetRequest): Promise<TrainingSet> {
  const plan = await planTrainingSet(adapter, compiled, request);
  const sql = trainingSetSql(adapter.dialect, plan);
  const rows = await adapter.query(sql);
  const featureVersions: Record<string, number | null> = {};
  for (const [i, feature] of request.features.entries()) {
    const key = request.features.filter((f) => f.table === feature.table).length > 1 ? `${feature.table}#${i + 1}` : feature.table;
    featureVersions[key] = feature.version ?? (adapter.dialect.type === 'duckdb' ? (await currentVersion(adapter, feature.table))?.version ?? null : null);
  }
  return { columns: [...plan.spineColumns, ...plan.lookups.flatMap((l) => l.columns.map((c) => c.as))], rows, sql, featureVersions };
}
