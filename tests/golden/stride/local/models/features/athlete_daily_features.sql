drop table if exists "feature_store"."athlete_daily_features__stride_tmp";

create table "feature_store"."athlete_daily_features__stride_tmp" as (
with

activities as (
    select * from "feature_store"."activity_features"
    where activity_date <= date '2026-11-22'
),

build_ranges as (
    -- the first day each athlete's rows are built from: the first activity day in a full build
    select
        athlete_id,
        min(activity_date) as build_from_date
    from activities
    group by athlete_id
),

calendar as (
    select
        athlete_id,
        cast(unnest(generate_series(cast(build_from_date as date), cast(date '2026-11-22' as date), interval 1 day)) as date) as activity_date
    from build_ranges
),

activities_to_build as (
    select a.*
    from activities as a
),

daily_totals as (
    select
        athlete_id,
        activity_date,
        count(*) as n_activities,
        count(case when is_run then 1 end) as n_runs,
        cast(sum(cast(distance_km as decimal(38, 15))) as double) as distance_km,
        cast(sum(cast(case when is_run then distance_km else 0 end as decimal(38, 15))) as double) as run_distance_km,
        cast(sum(cast(moving_time_min as decimal(38, 15))) as double) as moving_time_min,
        cast(sum(cast(coalesce(elevation_gain_m, 0) as decimal(38, 15))) as double) as elevation_gain_m,
        cast(sum(cast(estimated_tss as decimal(38, 15))) as double) as daily_tss,
        cast(sum(cast(case when is_run then pace_min_km * distance_km end as decimal(38, 15))) as double)
            / nullif(cast(sum(cast(case when is_run then distance_km end as decimal(38, 15))) as double), 0) as avg_pace_min_km,
        cast(sum(cast(avg_hr * moving_time_min as decimal(38, 15))) as double)
            / nullif(cast(sum(cast(case when avg_hr is not null then moving_time_min end as decimal(38, 15))) as double), 0) as avg_hr,
        max(case when is_run then distance_km else 0 end) as longest_run_km,
        cast(sum(cast(coalesce(hr_zone_1_pct / 100 * moving_time_min, 0) as decimal(38, 15))) as double) as hr_zone_1_min,
        cast(sum(cast(coalesce(hr_zone_2_pct / 100 * moving_time_min, 0) as decimal(38, 15))) as double) as hr_zone_2_min,
        cast(sum(cast(coalesce(hr_zone_3_pct / 100 * moving_time_min, 0) as decimal(38, 15))) as double) as hr_zone_3_min,
        cast(sum(cast(coalesce(hr_zone_4_pct / 100 * moving_time_min, 0) as decimal(38, 15))) as double) as hr_zone_4_min,
        cast(sum(cast(coalesce(hr_zone_5_pct / 100 * moving_time_min, 0) as decimal(38, 15))) as double) as hr_zone_5_min,
        bit_xor(cast(hash(hash(activity_id, activity_date, is_run, distance_km, pace_min_km, moving_time_min, elevation_gain_m, estimated_tss, avg_hr, hr_zone_1_pct, hr_zone_2_pct, hr_zone_3_pct, hr_zone_4_pct, hr_zone_5_pct)) >> 1 as bigint)) as day_fingerprint
    from activities_to_build
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
        coalesce(t.hr_zone_1_min, 0) as hr_zone_1_min,
        coalesce(t.hr_zone_2_min, 0) as hr_zone_2_min,
        coalesce(t.hr_zone_3_min, 0) as hr_zone_3_min,
        coalesce(t.hr_zone_4_min, 0) as hr_zone_4_min,
        coalesce(t.hr_zone_5_min, 0) as hr_zone_5_min,
        -- 0 on rest days
        coalesce(t.day_fingerprint, 0) as day_fingerprint
    from calendar as c
    left join daily_totals as t
        on c.athlete_id = t.athlete_id
        and c.activity_date = t.activity_date
)

select * from final
);

drop table if exists "feature_store"."athlete_daily_features";

alter table "feature_store"."athlete_daily_features__stride_tmp" rename to "athlete_daily_features";
