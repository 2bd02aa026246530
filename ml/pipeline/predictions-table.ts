import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import type { Dialect } from '../../orchestrator/adapters/dialect.ts';
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

/** The statements that replace the rows of [from, to]: `prepare` and `cleanup` run outside the atomic `replace`. */
export interface PredictionWritePlan {
  prepare: string[];
  /** DuckDB: one transaction. Databricks: a single `insert ... replace where`, atomic on Delta. */
  replace: string[];
  cleanup: string[];
}

const BATCH_ROWS = 500;

export function predictionWritePlan(dialect: Dialect, tables: MlTables, from: string, to: string, rows: PredictionRow[]): PredictionWritePlan {
  const q = tables.quote;
  const rel = tables.predictionsName;
  const sqlType = (t: string) => (t === 'varchar' ? dialect.stringType : t);
  const columnsDdl = PREDICTION_COLUMNS.map(([c, t]) => `${q(c)} ${sqlType(t)}`).join(', ');
  const names = PREDICTION_COLUMNS.map(([c]) => q(c)).join(', ');
  const inRange = `as_of_date between date '${from}' and date '${to}'`;
  const inserts = (into: string) => {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const values = rows.slice(i, i + BATCH_ROWS).map((r) => `(${PREDICTION_COLUMNS.map(([c, t]) => literal(r[c] ?? null, t)).join(', ')})`);
      out.push(`insert into ${into} (${names}) values ${values.join(',\n')}`);
    }
    return out;
  };
  const createSchema = dialect.createSchema(rel.catalog, rel.schema);
  if (dialect.type !== 'databricks') {
    return {
      prepare: [createSchema, `create table if not exists ${tables.predictions} (${columnsDdl})`],
      replace: [`delete from ${tables.predictions} where ${inRange}`, ...inserts(tables.predictions)],
      cleanup: [],
    };
  }
  // A SQL warehouse has no multi-statement transaction: the rows are staged first, then
  // swapped in by one Delta statement, so a failure leaves the previous predictions.
  const staging = dialect.relation({ ...rel, name: `${rel.name}__stride_staging` });
  return {
    prepare: [
      createSchema,
      `create table if not exists ${tables.predictions} (${columnsDdl}) cluster by (athlete_id)`,
      `create or replace table ${staging} (${columnsDdl})`,
      ...inserts(staging),
    ],
    replace: [`insert into ${tables.predictions} replace where ${inRange} select ${names} from ${staging}`],
    cleanup: [`drop table if exists ${staging}`],
  };
}

/**
 * Replaces the rows of [from, to] atomically, so a backfill re-run gives the same table
 * and a failure leaves the previous predictions in place.
 */
export async function writePredictions(adapter: Adapter, tables: MlTables, from: string, to: string, rows: PredictionRow[]): Promise<number> {
  const plan = predictionWritePlan(adapter.dialect, tables, from, to, rows);
  try {
    for (const statement of plan.prepare) await adapter.execute(statement);
    await adapter.transaction(async (tx) => {
      for (const statement of plan.replace) await tx.execute(statement);
    });
  } finally {
    for (const statement of plan.cleanup) await adapter.execute(statement);
  }
  return rows.length;
}
