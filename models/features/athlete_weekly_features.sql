{{ config(materialized='table') }}

{#-
  One row per athlete per ISO week (Monday start), from the week of the first activity
  to the week of the as-of date. Days of the first week before the first activity count
  as rest days (zero load), so that week has 7 days; the current week stops at the
  as-of date. An incremental rebuild can delete+insert each changed athlete from the
  week before its first changed day (distance_change_pct reads the previous week).
-#}
{%- set as_of_literal = "date '" ~ var('as_of_date') ~ "'" -%}

with

daily as (
    select * from {{ ref('athlete_daily_features') }}
),

athlete_first_weeks as (
    select
        athlete_id,
        {{ week_start('min(activity_date)') }} as first_week_start
    from daily
    group by athlete_id
),

calendar as (
    select
        athlete_id,
        {{ calendar_spine('first_week_start', as_of_literal) }} as activity_date
    from athlete_first_weeks
),

week_days as (
    select
        c.athlete_id,
        {{ week_start('c.activity_date') }} as week_start,
        c.activity_date,
        coalesce(d.n_runs, 0) as n_runs,
        coalesce(d.n_activities, 0) as n_activities,
        coalesce(d.distance_km, 0) as distance_km,
        coalesce(d.run_distance_km, 0) as run_distance_km,
        coalesce(d.moving_time_min, 0) as moving_time_min,
        coalesce(d.daily_tss, 0) as daily_tss,
        coalesce(d.longest_run_km, 0) as longest_run_km,
        d.avg_pace_min_km,
{%- for zone in range(1, 6) %}
        coalesce(d.hr_zone_{{ zone }}_min, 0) as hr_zone_{{ zone }}_min{{ ',' if not loop.last }}
{%- endfor %}
    from calendar as c
    left join daily as d
        on c.athlete_id = d.athlete_id
        and c.activity_date = d.activity_date
),

weekly_totals as (
    select
        athlete_id,
        week_start,
        count(*) as days_in_week,
        sum(n_runs) as n_runs,
        sum(n_activities) as n_activities,
        sum(distance_km) as distance_km,
        sum(run_distance_km) as run_distance_km,
        sum(moving_time_min) as moving_time_min,
        sum(daily_tss) as weekly_tss,
        max(longest_run_km) as longest_run_km,
        -- each day's pace is already distance-weighted over its runs
        sum(avg_pace_min_km * run_distance_km)
            / nullif(sum(case when avg_pace_min_km is not null then run_distance_km end), 0) as avg_pace_min_km,
        sum(case when n_activities = 0 then 1 else 0 end) as rest_days,
        sum(hr_zone_1_min + hr_zone_2_min) as z1_z2_min,
        sum(hr_zone_4_min + hr_zone_5_min) as z4_z5_min,
        sum(hr_zone_1_min + hr_zone_2_min + hr_zone_3_min + hr_zone_4_min + hr_zone_5_min) as heart_rate_min,
        avg(daily_tss) as mean_daily_tss,
        stddev_pop(daily_tss) as sd_daily_tss
    from week_days
    group by athlete_id, week_start
),

previous_weeks as (
    select
        *,
        lag(distance_km) over (partition by athlete_id order by week_start) as previous_distance_km
    from weekly_totals
),

weekly_monotony as (
    -- Foster monotony over the week's days: mean / population SD, capped at 10
    select
        *,
        case
            when mean_daily_tss = 0 then null
            when sd_daily_tss = 0 then 10
            else least(mean_daily_tss / sd_daily_tss, 10)
        end as weekly_monotony
    from previous_weeks
),

final as (
    select
        athlete_id,
        week_start,
        days_in_week,
        n_runs,
        n_activities,
        distance_km,
        run_distance_km,
        moving_time_min,
        weekly_tss,
        longest_run_km,
        avg_pace_min_km,
        rest_days,
        (distance_km - previous_distance_km) / nullif(previous_distance_km, 0) * 100 as distance_change_pct,
        z1_z2_min / nullif(heart_rate_min, 0) * 100 as pct_time_z1_z2,
        z4_z5_min / nullif(heart_rate_min, 0) * 100 as pct_time_z4_z5,
        weekly_monotony,
        weekly_tss * weekly_monotony as weekly_strain
    from weekly_monotony
)

select * from final
