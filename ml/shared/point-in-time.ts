import type { Adapter, Row } from '../../orchestrator/adapters/adapter.ts';
import { BEST_EFFORT_DAYS, MIN_EFFORT_KM } from '../baselines/best-effort.ts';
import { RIEGEL_EXPONENT } from './distances.ts';
import { buildTrainingSet } from '../../orchestrator/featurestore/training-set.ts';
import type { MlProject, MlTables } from './project-tables.ts';

/** Rolling features the models read (section 6 of the feature contract). */
export const ROLLING_COLUMNS = [
  'ctl_42d', 'atl_7d', 'tsb', 'acwr', 'acwr_uncoupled', 'ramp_rate_7d', 'training_monotony', 'training_strain',
  'rest_days_7d', 'pace_trend_30d', 'best_pace_30d', 'avg_distance_30d', 'consistency_score', 'days_of_history',
  'is_overtraining_risk',
] as const;

/** Prefix of the rolling columns inside the training set, stripped again in the rows returned. */
const PREFIX = 'rf__';

/**
 * Point-in-time features for a spine of events (`athlete_id, spine_id, event_local`):
 * - through the feature store's training-set API (orchestrator/featurestore/training-set.ts):
 *   the latest athlete_rolling_features row with `feature_available_at <= event_local`
 *   (local midnight after its day, so an event on day D sees day D - 1: the contract's rule);
 * - from the run history, which is not a latest-row lookup: the best effort of the 90 days
 *   before the event (among runs of at least 3 km that started in [event - 90 days, event),
 *   the lowest Riegel 10 km equivalent) and the number of runs that started before it.
 * Local wall-clock times are compared throughout, as the contract does for athlete-day rows.
 */
export interface PointInTimeRows {
  rows: Row[];
  /** Version of each feature table the rows come from (null: none recorded). */
  featureVersions: Record<string, number | null>;
}

export async function pointInTimeFeatures(adapter: Adapter, project: Pick<MlProject, 'tables' | 'compiled'>, spineSql: string): Promise<PointInTimeRows> {
  const set = await buildTrainingSet(adapter, project.compiled, {
    spine: { sql: spineSql, keys: ['athlete_id'], timestamp: 'event_local', localTimestamp: 'event_local' },
    features: [{ table: 'athlete_rolling_features', columns: ['as_of_date', ...ROLLING_COLUMNS], prefix: PREFIX }],
  });
  const history = new Map((await adapter.query(runHistorySql(project.tables, spineSql))).map((r) => [String(r.spine_id), r]));
  const rows = set.rows.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === `${PREFIX}as_of_date`) out.features_as_of = v;
      else out[k.startsWith(PREFIX) ? k.slice(PREFIX.length) : k] = v;
    }
    const h = history.get(String(r.spine_id));
    out.effort_km = h?.effort_km ?? null;
    out.effort_sec = h?.effort_sec ?? null;
    out.n_runs_before = Number(h?.n_runs_before ?? 0);
    return out;
  });
  return { rows, featureVersions: set.featureVersions };
}

/**
 * Best effort of the 90 days before each spine event and the count of earlier runs.
 * Portable SQL (DuckDB and Databricks): the count is a running sum over runs and events
 * merged in time order, with an event sorted before a run of the same instant, so only
 * runs that started strictly before the event count.
 */
export function runHistorySql(tables: MlTables, spineSql: string): string {
  return `
with spine as (
  ${spineSql}
),
runs as (
  select
    athlete_id,
    start_date_local,
    distance_km,
    moving_time_min * 60.0 as time_sec
  from ${tables.activity}
  where is_run and distance_km > 0 and moving_time_min > 0
),
timeline as (
  select athlete_id, start_date_local as happened_at, 1 as run_flag, cast(null as bigint) as spine_id
  from runs
  union all
  select athlete_id, event_local as happened_at, 0 as run_flag, spine_id
  from spine
),
run_counts as (
  select
    spine_id,
    sum(run_flag) over (
      partition by athlete_id
      order by happened_at, run_flag
      rows between unbounded preceding and current row
    ) as n_runs_before
  from timeline
),
ranked_efforts as (
  select
    s.spine_id,
    r.distance_km as effort_km,
    r.time_sec as effort_sec,
    row_number() over (
      partition by s.spine_id
      order by r.time_sec * power(10.0 / r.distance_km, ${RIEGEL_EXPONENT}), r.start_date_local desc
    ) as effort_rank
  from spine as s
  join runs as r
    on r.athlete_id = s.athlete_id
    and r.start_date_local < s.event_local
    and r.start_date_local >= s.event_local - interval ${BEST_EFFORT_DAYS} day
    and r.distance_km >= ${MIN_EFFORT_KM}
),
final as (
  select
    s.spine_id,
    e.effort_km,
    e.effort_sec,
    coalesce(c.n_runs_before, 0) as n_runs_before
  from spine as s
  left join ranked_efforts as e on e.spine_id = s.spine_id and e.effort_rank = 1
  left join run_counts as c on c.spine_id = s.spine_id
)
select * from final`;
}

/** The race spine: every run flagged `is_race`, with its local start as event time. */
export function raceSpineSql(tables: MlTables): string {
  return `select
    athlete_id,
    activity_id as spine_id,
    start_date_local as event_local,
    distance_km as race_km,
    moving_time_min * 60.0 as race_sec
  from ${tables.activity}
  where is_race and is_run and distance_km > 0 and moving_time_min > 0`;
}

/**
 * The prediction spine: one row per athlete and as-of day in [from, to] on which the
 * athlete has a rolling row; the event is local midnight after the day (the row of the
 * day itself is then the latest available).
 */
export function daySpineSql(tables: MlTables, from: string, to: string): string {
  return `select
    athlete_id,
    row_number() over (order by athlete_id, as_of_date) as spine_id,
    as_of_date,
    cast(as_of_date as timestamp) + interval 1 day as event_local
  from ${tables.rolling}
  where as_of_date between date '${from}' and date '${to}'`;
}
