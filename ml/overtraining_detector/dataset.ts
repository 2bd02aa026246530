import type { Adapter, Row } from '../../orchestrator/adapters/adapter.ts';
import type { MlTables } from '../shared/project-tables.ts';

/** Detector inputs, in tensor order. */
export const DETECTOR_FEATURES = [
  'acwr', 'acwr_missing', 'tsb', 'training_monotony', 'training_strain', 'rest_days_7d', 'spike_ratio_7d',
  'ctl_42d', 'atl_7d', 'ramp_rate_7d', 'acwr_uncoupled',
] as const;

/** Label horizon: a break starting within the next 14 days. */
export const HORIZON_DAYS = 14;
/** Proxy label: an unplanned stop is 7 or more consecutive days without any activity. */
export const PROXY_BREAK_DAYS = 7;

/**
 * One row per athlete-day (the end-of-day state of athlete_rolling_features, so a row of
 * day D is known on D + 1), with the highest spike ratio of the last 7 days and the proxy
 * label: a stop of 7+ days without any activity starting in (D, D + 14]. `label_known`
 * is false for the last 14 days of each athlete (their future is not in the data yet).
 */
export function detectorRowsSql(tables: MlTables, from?: string, to?: string): string {
  const range = from && to ? `where as_of_date between date '${from}' and date '${to}'` : '';
  // Portable SQL (DuckDB and Databricks). The rolling table has one row per athlete and
  // calendar day, so "the last 7 days" is the last 7 rows and a run of rest days is an
  // island of consecutive rows (difference of two row numbers).
  return `
with rolling as (
  select
    athlete_id,
    as_of_date,
    daily_tss,
    acwr,
    tsb,
    training_monotony,
    training_strain,
    rest_days_7d,
    ctl_42d,
    atl_7d,
    ramp_rate_7d,
    acwr_uncoupled,
    is_overtraining_risk
  from ${tables.rolling}
),
daily_spike as (
  select athlete_id, activity_date, max(spike_ratio) as spike_ratio
  from ${tables.activity}
  where is_run
  group by athlete_id, activity_date
),
with_spike as (
  select
    r.*,
    max(d.spike_ratio) over (
      partition by r.athlete_id order by r.as_of_date rows between 6 preceding and current row
    ) as spike_ratio_7d
  from rolling as r
  left join daily_spike as d on d.athlete_id = r.athlete_id and d.activity_date = r.as_of_date
),
rest_days as (
  select
    athlete_id,
    as_of_date,
    daily_tss = 0 as is_rest,
    row_number() over (partition by athlete_id order by as_of_date)
      - row_number() over (partition by athlete_id, daily_tss = 0 order by as_of_date) as island
  from rolling
),
breaks as (
  select athlete_id, min(as_of_date) as break_start
  from rest_days
  where is_rest
  group by athlete_id, island
  having count(*) >= ${PROXY_BREAK_DAYS}
),
break_ahead as (
  select s.athlete_id, s.as_of_date, count(b.break_start) as n_breaks_ahead
  from rolling as s
  join breaks as b
    on b.athlete_id = s.athlete_id
    and b.break_start > s.as_of_date
    and b.break_start <= s.as_of_date + interval ${HORIZON_DAYS} day
  group by s.athlete_id, s.as_of_date
),
last_days as (
  select athlete_id, max(as_of_date) as last_day
  from rolling
  group by athlete_id
),
final as (
  select
    s.*,
    coalesce(a.n_breaks_ahead, 0) > 0 as proxy_label,
    s.as_of_date + interval ${HORIZON_DAYS} day <= l.last_day as label_known
  from with_spike as s
  join last_days as l on l.athlete_id = s.athlete_id
  left join break_ahead as a on a.athlete_id = s.athlete_id and a.as_of_date = s.as_of_date
)
select * from final ${range} order by athlete_id, as_of_date`;
}

export async function detectorRows(adapter: Adapter, tables: MlTables, from?: string, to?: string): Promise<Row[]> {
  return adapter.query(detectorRowsSql(tables, from, to));
}

const num = (v: unknown, fallback: number) => (v === null || v === undefined || Number.isNaN(Number(v)) ? fallback : Number(v));

export function detectorVector(row: Row): number[] {
  const acwr = row.acwr === null || row.acwr === undefined ? undefined : Number(row.acwr);
  return [
    acwr ?? 1,
    acwr === undefined ? 1 : 0,
    num(row.tsb, 0),
    Math.min(num(row.training_monotony, 0), 10),
    Math.log1p(Math.max(0, num(row.training_strain, 0))),
    num(row.rest_days_7d, 7),
    Math.min(num(row.spike_ratio_7d, 1), 5),
    num(row.ctl_42d, 0),
    num(row.atl_7d, 0),
    num(row.ramp_rate_7d, 0),
    Math.min(num(row.acwr_uncoupled, 1), 5),
  ];
}
