create or replace table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` as
with

daily as (
    select * from `uc_athlete_data`.`feature_store`.`athlete_daily_features`
),

runs as (
    select * from `uc_athlete_data`.`feature_store`.`activity_features`
    where is_run
        and activity_date <= date '2026-11-22'
),

athlete_first_days as (
    select
        athlete_id,
        min(activity_date) as first_activity_date
    from daily
    group by athlete_id
),

build_ranges as (
    -- the first day built per athlete (the first activity day in a full build) and the
    -- first calendar day read, padding_days earlier
    select
        athlete_id,
        first_activity_date,
        first_activity_date as build_from_date,
        date_add(first_activity_date, cast(-27 as int)) as read_from_date
    from athlete_first_days
),

calendar as (
    select
        athlete_id,
        first_activity_date,
        build_from_date,
        read_from_date,
        explode(sequence(cast(read_from_date as date), cast(date '2026-11-22' as date), interval 1 day)) as as_of_date
    from build_ranges
),

daily_load as (
    select
        c.athlete_id,
        c.as_of_date,
        c.build_from_date,
        -- 0 on the first activity day, negative before it
        datediff(c.as_of_date, c.first_activity_date) as day_number,
        coalesce(d.daily_tss, 0) as daily_tss,
        coalesce(d.n_runs, 0) as n_runs,
        coalesce(d.day_fingerprint, 0) as day_fingerprint
    from calendar as c
    left join daily as d
        on c.athlete_id = d.athlete_id
        and c.as_of_date = d.activity_date
),

chronic_load as (
    select
        *,
        (
        (1 / cast(42 as double)) * exp((day_number % 8200) * ln(1 - 1 / cast(42 as double))) * sum(daily_tss * exp(-(day_number % 8200) * ln(1 - 1 / cast(42 as double)))) over (
            partition by athlete_id, day_number - (day_number % 8200)
            order by day_number
            range between unbounded preceding and current row
        )
        + (1 / cast(42 as double)) * exp((8200 + (day_number % 8200)) * ln(1 - 1 / cast(42 as double))) * coalesce(sum(daily_tss * exp(-(day_number % 8200) * ln(1 - 1 / cast(42 as double)))) over (
            partition by athlete_id
            order by day_number - (day_number % 8200)
            range between 8200 preceding and 8200 preceding
        ), 0)
    ) as ctl_42d
    from daily_load
),

acute_load as (
    select
        *,
        (
        (1 / cast(7 as double)) * exp((day_number % 1200) * ln(1 - 1 / cast(7 as double))) * sum(daily_tss * exp(-(day_number % 1200) * ln(1 - 1 / cast(7 as double)))) over (
            partition by athlete_id, day_number - (day_number % 1200)
            order by day_number
            range between unbounded preceding and current row
        )
        + (1 / cast(7 as double)) * exp((1200 + (day_number % 1200)) * ln(1 - 1 / cast(7 as double))) * coalesce(sum(daily_tss * exp(-(day_number % 1200) * ln(1 - 1 / cast(7 as double)))) over (
            partition by athlete_id
            order by day_number - (day_number % 1200)
            range between 1200 preceding and 1200 preceding
        ), 0)
    ) as atl_7d
    from chronic_load
),

fitness_history as (
    -- the look-back days carry CTL and ATL too, so yesterday and a week ago always exist
    select
        *,
        lag(ctl_42d, 1) over (partition by athlete_id order by as_of_date) as ctl_yesterday,
        lag(atl_7d, 1) over (partition by athlete_id order by as_of_date) as atl_yesterday,
        lag(ctl_42d, 7) over (partition by athlete_id order by as_of_date) as ctl_7d_ago
    from acute_load
),

load_7d as (
    select
        *,
        sum(daily_tss) over last_7_days as load_7d,
        avg(daily_tss) over last_7_days as mean_load_7d,
        stddev_pop(daily_tss) over last_7_days as sd_load_7d,
        sum(case when daily_tss = 0 then 1 else 0 end) over last_7_days as rest_days_7d
    from fitness_history
    window last_7_days as (partition by athlete_id order by as_of_date rows between 6 preceding and current row)
),

load_21d_before as (
    select
        *,
        sum(daily_tss) over (
            partition by athlete_id order by as_of_date rows between 27 preceding and 7 preceding
        ) as load_21d_before_7d
    from load_7d
),

run_blocks as (
    -- runs in each of the last four 7-day blocks
    select
        *,
        sum(n_runs) over (partition by athlete_id order by as_of_date rows between 6 preceding and current row) as runs_block_1,
        sum(n_runs) over (partition by athlete_id order by as_of_date rows between 13 preceding and 7 preceding) as runs_block_2,
        sum(n_runs) over (partition by athlete_id order by as_of_date rows between 20 preceding and 14 preceding) as runs_block_3,
        sum(n_runs) over (partition by athlete_id order by as_of_date rows between 27 preceding and 21 preceding) as runs_block_4
    from load_21d_before
),

runs_read as (
    select r.*
    from runs as r
),

run_points as (
    -- one point per run, plus one reader row per day built (no pace) that collects the 30-day windows
    select
        athlete_id,
        activity_date as as_of_date,
        datediff(activity_date, date '1970-01-01') as epoch_day,
        pace_min_km,
        distance_km,
        false as is_reader
    from runs_read
    union all
    select
        athlete_id,
        as_of_date,
        datediff(as_of_date, date '1970-01-01') as epoch_day,
        null as pace_min_km,
        null as distance_km,
        true as is_reader
    from daily_load
    where day_number >= 0
        and as_of_date >= build_from_date
),

run_windows as (
    -- a range frame over days: a reader row sees every run of its own day and of the 29 days before
    select
        *,
        cast(
        count(pace_min_km) over last_30_days * sum(cast(pace_min_km as decimal(38, 15)) * epoch_day) over last_30_days
        - sum(case when pace_min_km is not null then epoch_day end) over last_30_days * sum(cast(pace_min_km as decimal(38, 15))) over last_30_days
        as double
    ) / nullif(
        cast(
            count(pace_min_km) over last_30_days * sum(case when pace_min_km is not null then epoch_day * epoch_day end) over last_30_days
            - sum(case when pace_min_km is not null then epoch_day end) over last_30_days * sum(case when pace_min_km is not null then epoch_day end) over last_30_days
            as double
        ),
        0
    ) as pace_slope_30d,
        count(pace_min_km) over last_30_days as runs_30d,
        min(case when pace_min_km is not null then epoch_day end) over last_30_days as first_run_day_30d,
        max(case when pace_min_km is not null then epoch_day end) over last_30_days as last_run_day_30d,
        min(case when distance_km >= 3 then pace_min_km end) over last_30_days as best_pace_30d,
        cast(sum(cast(distance_km as decimal(38, 15))) over last_30_days as double) / nullif(count(distance_km) over last_30_days, 0) as avg_distance_30d
    from run_points
    window last_30_days as (partition by athlete_id order by epoch_day range between 29 preceding and current row)
),

run_trends as (
    select
        athlete_id,
        as_of_date,
        case
            when runs_30d >= 3 and first_run_day_30d < last_run_day_30d then pace_slope_30d
        end as pace_trend_30d,
        best_pace_30d,
        avg_distance_30d
    from run_windows
    where is_reader
),

rolling_features as (
    select
        l.athlete_id,
        l.as_of_date,
        -- local midnight starting the next day, in the athlete's wall-clock time
        cast(date_add(l.as_of_date, cast(1 as int)) as timestamp) as feature_available_at,
        l.daily_tss,
        l.ctl_42d,
        l.atl_7d,
        coalesce(l.ctl_yesterday - l.atl_yesterday, 0) as tsb,
        case
            when l.day_number + 1 >= 28 and l.ctl_42d >= 10 then l.atl_7d / l.ctl_42d
        end as acwr,
        (l.load_7d / 7) / nullif(l.load_21d_before_7d / 21, 0) as acwr_uncoupled,
        l.ctl_42d - l.ctl_7d_ago as ramp_rate_7d,
        case
            when l.mean_load_7d = 0 then null
            when l.sd_load_7d = 0 then 10
            else least(l.mean_load_7d / l.sd_load_7d, 10)
        end as training_monotony,
        l.rest_days_7d,
        r.pace_trend_30d,
        r.best_pace_30d,
        r.avg_distance_30d,
        (
            case when l.runs_block_1 >= 2 then 1 else 0 end
            + case when l.runs_block_2 >= 2 then 1 else 0 end
            + case when l.runs_block_3 >= 2 then 1 else 0 end
            + case when l.runs_block_4 >= 2 then 1 else 0 end
        ) / 4 as consistency_score,
        l.day_number + 1 as days_of_history,
        l.load_7d,
        l.day_fingerprint
    from run_blocks as l
    inner join run_trends as r
        on l.athlete_id = r.athlete_id
        and l.as_of_date = r.as_of_date
    where l.day_number >= 0
        and l.as_of_date >= l.build_from_date
),

final as (
    select
        athlete_id,
        as_of_date,
        feature_available_at,
        daily_tss,
        ctl_42d,
        atl_7d,
        tsb,
        acwr,
        acwr_uncoupled,
        ramp_rate_7d,
        training_monotony,
        load_7d * training_monotony as training_strain,
        rest_days_7d,
        pace_trend_30d,
        best_pace_30d,
        avg_distance_30d,
        consistency_score,
        days_of_history,
        days_of_history < 84 as is_warmup,
        -- the rule flag: false, never null, while acwr is undefined
        coalesce(acwr > 1.5, false) as is_overtraining_risk,
        day_fingerprint
    from rolling_features
)

select * from final;
