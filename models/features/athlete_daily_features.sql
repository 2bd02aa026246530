{{ config(materialized='table') }}

{#-
  One row per athlete per local calendar day, from the athlete's first activity day to
  the run's as-of date, rest days included. A day's row depends on that day's
  activities only, so an incremental rebuild can delete+insert each changed athlete
  from its first changed activity_date.
-#}
{%- set as_of_literal = "date '" ~ var('as_of_date') ~ "'" -%}

with

activities as (
    select * from {{ ref('activity_features') }}
    where activity_date <= {{ as_of_literal }}
),

athlete_first_days as (
    select
        athlete_id,
        min(activity_date) as first_activity_date
    from activities
    group by athlete_id
),

calendar as (
    select
        athlete_id,
        {{ calendar_spine('first_activity_date', as_of_literal) }} as activity_date
    from athlete_first_days
),

daily_totals as (
    select
        athlete_id,
        activity_date,
        count(*) as n_activities,
        sum(case when is_run then 1 else 0 end) as n_runs,
        sum(distance_km) as distance_km,
        sum(case when is_run then distance_km else 0 end) as run_distance_km,
        sum(moving_time_min) as moving_time_min,
        sum(coalesce(elevation_gain_m, 0)) as elevation_gain_m,
        sum(estimated_tss) as daily_tss,
        sum(case when is_run then pace_min_km * distance_km end)
            / nullif(sum(case when is_run then distance_km end), 0) as avg_pace_min_km,
        sum(avg_hr * moving_time_min)
            / nullif(sum(case when avg_hr is not null then moving_time_min end), 0) as avg_hr,
        max(case when is_run then distance_km else 0 end) as longest_run_km,
{%- for zone in range(1, 6) %}
        sum(coalesce(hr_zone_{{ zone }}_pct / 100 * moving_time_min, 0)) as hr_zone_{{ zone }}_min{{ ',' if not loop.last }}
{%- endfor %}
    from activities
    group by athlete_id, activity_date
),

final as (
    select
        c.athlete_id,
        c.activity_date,
        coalesce(t.n_activities, 0) as n_activities,
        coalesce(t.n_runs, 0) as n_runs,
        coalesce(t.distance_km, 0) as distance_km,
        coalesce(t.run_distance_km, 0) as run_distance_km,
        coalesce(t.moving_time_min, 0) as moving_time_min,
        coalesce(t.elevation_gain_m, 0) as elevation_gain_m,
        coalesce(t.daily_tss, 0) as daily_tss,
        t.avg_pace_min_km,
        t.avg_hr,
        coalesce(t.longest_run_km, 0) as longest_run_km,
        coalesce(t.n_activities, 0) = 0 as is_rest_day,
{%- for zone in range(1, 6) %}
        coalesce(t.hr_zone_{{ zone }}_min, 0) as hr_zone_{{ zone }}_min{{ ',' if not loop.last }}
{%- endfor %}
    from calendar as c
    left join daily_totals as t
        on c.athlete_id = t.athlete_id
        and c.activity_date = t.activity_date
)

select * from final
