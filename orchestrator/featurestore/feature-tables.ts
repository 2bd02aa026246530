import type { RelationName } from '../adapters/dialect.ts';
import type { CompiledProject, ModelNode } from '../compile/nodes.ts';
import type { ColumnDoc, FeatureTableSpec, Interval } from '../project/types.ts';

/** A model that declares `feature_table:` in its YAML. */
export interface FeatureTable {
  name: string;
  node: ModelNode;
  spec: FeatureTableSpec;
  relation: RelationName;
  /** Documented columns, in YAML order. */
  columns: ColumnDoc[];
}

const asFeatureTable = (node: ModelNode): FeatureTable => ({
  name: node.name,
  node,
  spec: node.model.properties!.feature_table!,
  relation: node.relation,
  columns: node.model.properties!.columns,
});

/** Every feature table of the project, by name. */
export function featureTables(compiled: CompiledProject): FeatureTable[] {
  return [...compiled.nodes.values()]
    .filter((n): n is ModelNode => n.kind === 'model' && !!n.model.properties?.feature_table)
    .map(asFeatureTable)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function findFeatureTable(compiled: CompiledProject, name: string): FeatureTable {
  const tables = featureTables(compiled);
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`'${name}' is not a feature table; feature tables: ${tables.map((t) => t.name).join(', ') || 'none'}`);
  return table;
}

/** Row identity of a feature table: its primary keys and its timestamp key. */
export const rowKey = (table: FeatureTable) => [...table.spec.primary_keys, table.spec.timestamp_key];

/** `interval 7 day`: the same text on DuckDB and Databricks. */
export const intervalSql = (i: Interval) => `interval ${i.amount} ${i.unit}`;

/** The moment a row becomes known, as SQL over alias `f`. */
export function availableAtSql(table: FeatureTable, quote: (id: string) => string, alias = 'f'): string {
  const column = `${alias}.${quote(table.spec.timestamp_key)}`;
  const after = table.spec.available_after;
  return after ? `cast(${column} as timestamp) + ${intervalSql(after)}` : `cast(${column} as timestamp)`;
}
