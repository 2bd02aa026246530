import type { RelationName } from '../adapters/dialect.ts';
import type { CompiledProject, SourceNode } from '../compile/nodes.ts';
import { featureTables } from '../featurestore/feature-tables.ts';
import type { ColumnDoc, Interval } from '../project/types.ts';

/** A table the online store mirrors: a feature table, or the predictions `stride predict` writes. */
export interface PublishSource {
  /** The online table's name: the feature table's (or athlete_predictions). */
  name: string;
  relation: RelationName;
  /** Online primary key: one row per key value, the latest by the timestamp key. */
  primaryKeys: string[];
  timestampKey: string;
  /** Added to the timestamp to give the moment a row is known, for --as-of. */
  availableAfter?: Interval;
  /** Documented columns, in YAML order: the online table's columns. */
  columns: ColumnDoc[];
  /** The YAML that declares the columns, for messages. */
  file: string;
  /** Feature tables have versions; the predictions table does not. */
  isFeatureTable: boolean;
  /** The command that writes the table, for the message when it does not exist yet. */
  writtenBy: string;
}

/** gold.athlete_predictions: one row per athlete and as-of day; the online store keeps each athlete's latest day. */
export const PREDICTIONS = { source: 'gold', table: 'athlete_predictions' } as const;

export function publishSources(compiled: CompiledProject): PublishSource[] {
  const sources: PublishSource[] = featureTables(compiled).map((t) => ({
    name: t.name,
    relation: t.relation,
    primaryKeys: t.spec.primary_keys,
    timestampKey: t.spec.timestamp_key,
    availableAfter: t.spec.available_after,
    columns: t.columns,
    file: t.node.model.properties?.file ?? t.node.path,
    isFeatureTable: true,
    writtenBy: 'stride build',
  }));
  const predictions = compiled.nodes.get(`source.${PREDICTIONS.source}.${PREDICTIONS.table}`) as SourceNode | undefined;
  if (predictions) {
    sources.push({
      name: PREDICTIONS.table,
      relation: predictions.relation,
      primaryKeys: ['athlete_id'],
      timestampKey: 'as_of_date',
      // The row of day D uses what was known at the end of D.
      availableAfter: { amount: 1, unit: 'day' },
      columns: predictions.source.columns,
      file: predictions.source.file,
      isFeatureTable: false,
      writtenBy: 'stride predict',
    });
  }
  return sources;
}

/** The sources named by --tables (all when none), refusing unknown names. */
export function selectSources(all: PublishSource[], names?: string[]): PublishSource[] {
  if (!names || names.length === 0) return all;
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`not a publishable table: ${unknown.join(', ')}; tables: ${all.map((s) => s.name).join(', ')}`);
  return all.filter((s) => names.includes(s.name));
}
