create or replace table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` as
with

daily as (
    select * from `uc_athlete_data`.`feature_store`.`athlete_daily_features`
),

athlete_first_weeks as (
    select
        athlete_id,
        trunc(min(activity_date), 'WEEK') as first_week_start
    from daily
    group by athlete_id
),

build_ranges as (
    -- the first week emitted per athlete, and the first day read: the week before it
    -- feeds distance_change_pct (a full build starts at the first week)
    select
        athlete_id,
        first_week_start as build_from_week,
        first_week_start as read_from_date
    from athlete_first_weeks
),

calendar as (
    select
        athlete_id,
        explode(sequence(cast(read_from_date as date), cast(date '2026-11-22' as date), interval 1 day)) as activity_date
    from build_ranges
),

week_days as (
    select
        c.athlete_id,
        trunc(c.activity_date, 'WEEK') as week_start,
        c.activity_date,
        coalesce(d.n_runs, 0) as n_runs,
        coalesce(d.n_activities, 0) as n_activities,
        coalesce(d.distance_km, 0) as distance_km,
        coalesce(d.run_distance_km, 0) as run_distance_km,
        coalesce(d.moving_time_min, 0) as moving_time_min,
        coalesce(d.daily_tss, 0) as daily_tss,
        coalesce(d.longest_run_km, 0) as longest_run_km,
        d.avg_pace_min_km,
        coalesce(d.hr_zone_1_min, 0) as hr_zone_1_min,
        coalesce(d.hr_zone_2_min, 0) as hr_zone_2_min,
        coalesce(d.hr_zone_3_min, 0) as hr_zone_3_min,
        coalesce(d.hr_zone_4_min, 0) as hr_zone_4_min,
        coalesce(d.hr_zone_5_min, 0) as hr_zone_5_min,
        -- days before the first activity are rest days: fingerprint 0
        coalesce(d.day_fingerprint, 0) as day_fingerprint
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
        cast(sum(cast(distance_km as decimal(38, 15))) as double) as distance_km,
        cast(sum(cast(run_distance_km as decimal(38, 15))) as double) as run_distance_km,
        cast(sum(cast(moving_time_min as decimal(38, 15))) as double) as moving_time_min,
        cast(sum(cast(daily_tss as decimal(38, 15))) as double) as weekly_tss,
        max(longest_run_km) as longest_run_km,
        -- each day's pace is already distance-weighted over its runs
        cast(sum(cast(avg_pace_min_km * run_distance_km as decimal(38, 15))) as double)
            / nullif(cast(sum(cast(case when avg_pace_min_km is not null then run_distance_km end as decimal(38, 15))) as double), 0) as avg_pace_min_km,
        sum(case when n_activities = 0 then 1 else 0 end) as rest_days,
        cast(sum(cast(hr_zone_1_min + hr_zone_2_min as decimal(38, 15))) as double) as z1_z2_min,
        cast(sum(cast(hr_zone_4_min + hr_zone_5_min as decimal(38, 15))) as double) as z4_z5_min,
        cast(sum(cast(hr_zone_1_min + hr_zone_2_min + hr_zone_3_min + hr_zone_4_min + hr_zone_5_min as decimal(38, 15))) as double) as heart_rate_min,
        -- exact sums (not avg / stddev_pop, whose parallel partial states can differ in the last bit)
        cast(sum(cast(daily_tss as decimal(38, 15))) as double) / count(*) as mean_daily_tss,
        cast(sum(cast(daily_tss * daily_tss as decimal(38, 15))) as double) / count(*) as mean_square_daily_tss,
        bit_xor(day_fingerprint) as week_fingerprint
    from week_days
    group by athlete_id, week_start
),

previous_weeks as (
    select
        *,
        lag(distance_km) over (partition by athlete_id order by week_start) as previous_distance_km
    from weekly_totals
),

weekly_spread as (
    -- population SD from the exact mean and mean square; where rounding could matter
    -- (a spread under 1e-6 of the mean) the monotony is capped at 10 anyway
    select
        *,
        sqrt(greatest(mean_square_daily_tss - mean_daily_tss * mean_daily_tss, 0)) as sd_daily_tss
    from previous_weeks
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
    from weekly_spread
),

final as (
    select
        w.athlete_id,
        w.week_start,
        w.days_in_week,
        w.n_runs,
        w.n_activities,
        w.distance_km,
        w.run_distance_km,
        w.moving_time_min,
        w.weekly_tss,
        w.longest_run_km,
        w.avg_pace_min_km,
        w.rest_days,
        (w.distance_km - w.previous_distance_km) / nullif(w.previous_distance_km, 0) * 100 as distance_change_pct,
        w.z1_z2_min / nullif(w.heart_rate_min, 0) * 100 as pct_time_z1_z2,
        w.z4_z5_min / nullif(w.heart_rate_min, 0) * 100 as pct_time_z4_z5,
        w.weekly_monotony,
        w.weekly_tss * w.weekly_monotony as weekly_strain,
        w.week_fingerprint
    from weekly_monotony as w
    -- the week before the first rebuilt one was read only for distance_change_pct
    inner join build_ranges as r
        on w.athlete_id = r.athlete_id
        and w.week_start >= r.build_from_week
)

select * from final;
