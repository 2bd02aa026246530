with spine as (
  select
    athlete_id,
    activity_id as spine_id,
    start_date_local as event_local,
    distance_km as race_km,
    moving_time_min * 60.0 as race_sec
  from "feature_store"."activity_features"
  where is_race and is_run and distance_km > 0 and moving_time_min > 0
),
runs as (
  select
    athlete_id,
    start_date_local,
    distance_km,
    moving_time_min * 60.0 as time_sec
  from "feature_store"."activity_features"
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
      order by r.time_sec * power(10.0 / r.distance_km, 1.06), r.start_date_local desc
    ) as effort_rank
  from spine as s
  join runs as r
    on r.athlete_id = s.athlete_id
    and r.start_date_local < s.event_local
    and r.start_date_local >= s.event_local - interval 90 day
    and r.distance_km >= 3
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
select * from final
