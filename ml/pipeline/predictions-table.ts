import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import { DISTANCE_KEYS } from '../shared/distances.ts';
import type { MlTables } from '../shared/project-tables.ts';

/** Columns of gold.athlete_predictions (feature contract section 7), in table order with their SQL types. */
export const PREDICTION_COLUMNS: [string, string][] = [
  ['athlete_id', 'bigint'],
  ['as_of_date', 'date'],
  ...DISTANCE_KEYS.flatMap((d): [string, string][] => [
    [`predicted_${d}_sec`, 'double'],
    [`predicted_${d}_sec_p10`, 'double'],
    [`predicted_${d}_sec_p90`, 'double'],
  ]),
  ['prediction_source', 'varchar'],
  ['is_riegel_fallback', 'boolean'],
  ['n_runs_to_date', 'bigint'],
  ['baseline_method', 'varchar'],
  ...DISTANCE_KEYS.map((d): [string, string] => [`baseline_${d}_sec`, 'double']),
  ['overtraining_probability', 'double'],
  ['is_overtraining_risk_rule', 'boolean'],
  ['is_overtraining_risk', 'boolean'],
  ['time_estimator_version', 'varchar'],
  ['overtraining_detector_version', 'varchar'],
  ['predicted_at', 'timestamp'],
];

export type PredictionRow = Record<string, string | number | boolean | null>;

function literal(v: string | number | boolean | null, type: string): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'null';
  if (type === 'boolean') return v ? 'true' : 'false';
  if (type === 'double' || type === 'bigint') return String(v);
  const text = `'${String(v).replace(/'/g, "''")}'`;
  return type === 'varchar' ? text : `cast(${text} as ${type})`;
}

/**
 * Replaces the rows of [from, to] in one transaction, so a backfill re-run gives the same
 * table and a failure leaves the previous predictions in place.
 */
export async function writePredictions(adapter: Adapter, tables: MlTables, from: string, to: string, rows: PredictionRow[]): Promise<number> {
  const q = tables.quote;
  const rel = tables.predictionsName;
  await adapter.execute(`create schema if not exists ${rel.catalog ? `${q(rel.catalog)}.` : ''}${q(rel.schema)}`);
  await adapter.execute(`create table if not exists ${tables.predictions} (${PREDICTION_COLUMNS.map(([c, t]) => `${q(c)} ${t}`).join(', ')})`);
  const names = PREDICTION_COLUMNS.map(([c]) => q(c)).join(', ');
  await adapter.transaction(async (tx) => {
    await tx.execute(`delete from ${tables.predictions} where as_of_date between date '${from}' and date '${to}'`);
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => `(${PREDICTION_COLUMNS.map(([c, t]) => literal(r[c] ?? null, t)).join(', ')})`);
      await tx.execute(`insert into ${tables.predictions} (${names}) values ${values.join(',\n')}`);
    }
  });
  return rows.length;
}
