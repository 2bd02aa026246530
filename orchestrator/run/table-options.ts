import type { TableOptions } from '../adapters/dialect.ts';
import type { ModelNode } from '../compile/nodes.ts';

const list = (v: unknown): string[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * What a table carries besides its rows, read from the model's YAML and config:
 * cluster by `cluster_by` (default: the athlete key when the model documents it),
 * comments from the descriptions, and a time-series primary key when the YAML's
 * `meta.primary_key` ends in (or holds) its `meta.timestamp_key`.
 */
export function tableOptions(node: ModelNode): TableOptions {
  const props = node.model.properties;
  const documented = props?.columns.map((c) => c.name) ?? [];
  const clusterBy = list(node.config.cluster_by) ?? (documented.includes('athlete_id') ? ['athlete_id'] : []);
  const columnComments = Object.fromEntries((props?.columns ?? []).filter((c) => c.description).map((c) => [c.name, c.description!]));
  const primaryKey = list(props?.meta.primary_key) ?? [];
  const timeseriesKey = typeof props?.meta.timestamp_key === 'string' ? props.meta.timestamp_key : undefined;
  const timeSeriesTable = timeseriesKey !== undefined && primaryKey.includes(timeseriesKey);
  return {
    clusterBy,
    comment: props?.description,
    columnComments,
    ...(timeSeriesTable ? { primaryKey, timeseriesKey } : {}),
  };
}
