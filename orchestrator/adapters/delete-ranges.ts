import type { KeyRange } from './dialect.ts';

/**
 * The ranges a delete+insert write replaces, one row per partition of the staged rows:
 * from the least range value on, or the whole partition when a staged row has no range
 * value (null sorts first). Partitions match with `is not distinct from`, so rows
 * without a partition value form a partition of their own.
 */
export function stagedRangesSql(range: KeyRange, staging: string, quote: (id: string) => string): string {
  const keys = range.partitionBy.map(quote);
  const column = quote(range.rangeColumn);
  return `select ${[...keys, `min(${column}) as range_start`, `count(*) > count(${column}) as range_from_first`].join(', ')} from ${staging}${keys.length > 0 ? ` group by ${keys.join(', ')}` : ''}`;
}

/** SQL condition: the row of `alias` lies in the range row `ranges` of stagedRangesSql. */
export function inStagedRangeSql(range: KeyRange, ranges: string, alias: string, quote: (id: string) => string): string {
  const column = quote(range.rangeColumn);
  return [
    ...range.partitionBy.map((k) => `${ranges}.${quote(k)} is not distinct from ${alias}.${quote(k)}`),
    `(${ranges}.range_from_first or ${alias}.${column} >= ${ranges}.range_start)`,
  ].join(' and ');
}

/** Deletes the rows of `target` in the staged ranges (the delete half of delete+insert). */
export function deleteStagedRangesSql(range: KeyRange, target: string, staging: string, quote: (id: string) => string): string {
  return `delete from ${target} as target\nwhere exists (\n  select 1\n  from (${stagedRangesSql(range, staging, quote)}) as changed\n  where ${inStagedRangeSql(range, 'changed', 'target', quote)}\n)`;
}

/** The same delete as a join (DuckDB's DELETE ... USING), which its planner runs as a hash join. */
export function deleteStagedRangesUsingSql(range: KeyRange, target: string, staging: string, quote: (id: string) => string): string {
  return `delete from ${target} as target\nusing (${stagedRangesSql(range, staging, quote)}) as changed\nwhere ${inStagedRangeSql(range, 'changed', 'target', quote)}`;
}
