import type { Adapter, Row } from '../adapters/adapter.ts';
import type { CompiledProject } from '../compile/nodes.ts';
import { availableAtSql, featureTables, findFeatureTable, type FeatureTable } from './feature-tables.ts';

export interface AthleteReadOptions {
  /** The athlete to read; a whole number (text or number). Required unless allAthletes. */
  athleteId?: string | number | bigint;
  /** Every athlete: must be asked for explicitly. */
  allAthletes?: boolean;
  /** Rows known by the end of this day (YYYY-MM-DD); default every row. */
  asOf?: string;
  /** Only these feature tables; default all. */
  tables?: string[];
  /** Only the latest row per athlete and primary key (default true). */
  latest?: boolean;
}

export class AthleteIdError extends Error {}

/** Athlete ids are whole numbers; anything else (quotes, SQL, spaces) is refused before any SQL is written. */
export function athleteIdValue(id: string | number | bigint): bigint {
  const text = typeof id === 'string' ? id.trim() : String(id);
  if (!/^\d{1,19}$/.test(text)) throw new AthleteIdError(`athlete id must be a whole number, not ${JSON.stringify(String(id))}`);
  const value = BigInt(text);
  if (value > 9223372036854775807n) throw new AthleteIdError(`athlete id ${text} is out of range`);
  return value;
}

/** The day after `date`, as a timestamp literal value for binding: the end of `date`. */
function endOfDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Error(`--as-of must be a date YYYY-MM-DD, not '${date}'`);
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);
  return `${next.toISOString().slice(0, 10)} 00:00:00`;
}

/** The SELECT of one table's rows for one athlete, with the id and the day as bound parameters. */
export function athleteReadSql(compiled: CompiledProject, table: FeatureTable, options: { all: boolean; asOf: boolean; latest: boolean }): string {
  const { dialect } = compiled;
  const q = dialect.quote;
  if (!table.columns.some((c) => c.name === 'athlete_id')) throw new Error(`${table.name} has no athlete_id column`);
  const where = [
    ...(options.all ? [] : [`f.${q('athlete_id')} = ${dialect.parameter('athlete_id')}`]),
    ...(options.asOf ? [`${availableAtSql(table, q, 'f')} <= cast(${dialect.parameter('as_of_end')} as timestamp)`] : []),
  ];
  const ts = `f.${q(table.spec.timestamp_key)}`;
  const order = [...table.spec.primary_keys.map((k) => `f.${q(k)}`), ts];
  return [
    `select f.*`,
    `from ${dialect.relation(table.relation)} as f`,
    ...(where.length ? [`where ${where.join('\n    and ')}`] : []),
    ...(options.latest ? [`qualify row_number() over (partition by f.${q('athlete_id')} order by ${[ts, ...order.slice(0, -1)].map((c) => `${c} desc`).join(', ')}) = 1`] : []),
    `order by ${order.join(', ')}`,
  ].join('\n');
}

/**
 * Feature rows of one athlete, per table. The id is checked to be a whole number
 * and bound as a parameter, never written into the SQL; reading every athlete
 * needs `allAthletes: true`.
 */
export async function athleteFeatures(adapter: Adapter, compiled: CompiledProject, options: AthleteReadOptions): Promise<Record<string, Row[]>> {
  if (options.allAthletes && options.athleteId !== undefined) throw new AthleteIdError('pass an athlete id or allAthletes, not both');
  if (!options.allAthletes && options.athleteId === undefined) throw new AthleteIdError('reading features needs an athlete id (or allAthletes: true for every athlete)');
  const params: Record<string, unknown> = {};
  if (!options.allAthletes) params.athlete_id = athleteIdValue(options.athleteId!);
  if (options.asOf !== undefined) params.as_of_end = endOfDay(options.asOf);
  const tables = options.tables ? options.tables.map((t) => findFeatureTable(compiled, t)) : featureTables(compiled);
  const out: Record<string, Row[]> = {};
  for (const table of tables) {
    const sql = athleteReadSql(compiled, table, { all: !!options.allAthletes, asOf: options.asOf !== undefined, latest: options.latest ?? true });
    out[table.name] = await adapter.query(sql, params);
  }
  return out;
}
