create or replace table `uc_athlete_data`.`feature_store`.`activity_features` as
with

activities as (
    select * from `uc_athlete_data`.`staging`.`stg_strava__activities`
),

splits as (
    select * from `uc_athlete_data`.`staging`.`stg_strava__splits`
),

athlete_settings as (
    -- optional overrides, one row per athlete; an empty seed means defaults for everyone
    select
        try_cast(athlete_id as bigint) as athlete_id,
        max(try_cast(hr_max as double)) as hr_max,
        max(try_cast(hr_rest as double)) as hr_rest
    from `uc_athlete_data`.`silver`.`athlete_settings`
    group by try_cast(athlete_id as bigint)
),

race_name_patterns as (
    -- a pattern without regex syntax is plain text: a substring test finds its
    -- candidates cheaply (a regex from a column is compiled once per row)
    select
        lower(pattern) as pattern,
        length(translate(pattern, '^$.|?*+()[]{}', '')) = length(pattern)
            and instr(pattern, chr(92)) = 0 as is_plain_text
    from `uc_athlete_data`.`silver`.`race_name_patterns`
    where pattern is not null
),

race_name_exclusions as (
    -- a whole word or phrase: the characters around it (if any) are not a-z or 0-9
    select
        lower(word) as word,
        '(^|[^a-z0-9])' || lower(word) || '([^a-z0-9]|$)' as word_pattern
    from `uc_athlete_data`.`silver`.`race_name_exclusions`
    where word is not null
),

split_fingerprints as (
    -- per activity: its splits' count and source row hashes (bit_xor: their order does
    -- not matter; each mixed once more, so that a change common to all splits cannot cancel out)
    select
        athlete_id,
        activity_id,
        bit_xor(xxhash64(array(source_row_hash is null), source_row_hash)) as splits_hash,
        count(*) as split_count
    from splits
    group by athlete_id, activity_id
),

race_name_patterns_hash as (
    -- is_race reads the set of patterns: duplicates change nothing, so hash the distinct ones
    select coalesce(bit_xor(distinct xxhash64(array(pattern is null), pattern)), 0) as patterns_hash
    from race_name_patterns
),

race_name_exclusions_hash as (
    select coalesce(bit_xor(distinct xxhash64(array(word is null), word)), 0) as exclusions_hash
    from race_name_exclusions
),

project_hash as (
    -- what every row reads: the race-name seeds and the vars, as the literals this build uses
    select
        xxhash64(array(p.patterns_hash is null, e.exclusions_hash is null, 'best_effort_90d' is null, '5.5' is null, '0.65' is null, '60' is null, '190' is null), p.patterns_hash, e.exclusions_hash, 'best_effort_90d', '5.5', '0.65', '60', '190') as project_hash
    from race_name_patterns_hash as p
    cross join race_name_exclusions_hash as e
),

activity_sources as (
    -- every activity with its start in microseconds (the order of every window) and
    -- source_fingerprint: a hash of all its row reads except the other activities (the
    -- project-wide part, its athlete's settings, its splits, its source row); a
    -- row_fingerprint, as many rows share the first parts
    select
        a.*,
        unix_micros(a.start_date) as start_us,
        xxhash64(array(p.project_hash is null, st.hr_max is null, st.hr_rest is null, coalesce(s.splits_hash, 0) is null, coalesce(s.split_count, 0) is null, a.source_row_hash is null), p.project_hash, st.hr_max, st.hr_rest, coalesce(s.splits_hash, 0), coalesce(s.split_count, 0), a.source_row_hash) as source_fingerprint
    from activities as a
    left join split_fingerprints as s
        on a.athlete_id = s.athlete_id
        and a.activity_id = s.activity_id
    left join athlete_settings as st
        on a.athlete_id = st.athlete_id
    cross join project_hash as p
),

activities_in_scope as (
    -- a full build reads every activity; an incremental one each rebuilt athlete's
    -- activities from 365 days (the longest window) before its rebuild start on, so
    -- every window of a rebuilt row sees what it sees in a full build
    select a.*
    from activity_sources as a
),

split_heart_rate as (
    -- fallbacks for an activity without its own heart-rate summary, for the activities in scope
    select
        s.athlete_id,
        s.activity_id,
        cast(sum(cast(s.average_heartrate * s.moving_time as decimal(38, 15))) as double)
            / nullif(sum(case when s.average_heartrate is not null then s.moving_time end), 0) as split_avg_hr,
        max(s.max_heartrate) as split_max_hr
    from splits as s
    inner join activities_in_scope as a
        on s.athlete_id = a.athlete_id
        and s.activity_id = a.activity_id
    group by s.athlete_id, s.activity_id
),

activity_measures as (
    select
        a.athlete_id,
        a.activity_id,
        a.name,
        a.sport_type,
        a.workout_type,
        a.start_date,
        a.start_date_local,
        a.activity_date,
        a.is_run,
        a.distance_km,
        a.moving_time,
        a.start_us,
        a.source_fingerprint,
        case when a.is_run then a.moving_time / 60 / a.distance_km end as pace_min_km,
        a.total_elevation_gain as elevation_gain_m,
        a.moving_time / 60 as moving_time_min,
        a.elapsed_time / 60 as elapsed_time_min,
        a.total_elevation_gain / nullif(a.distance_km, 0) as elevation_per_km,
        coalesce(a.average_heartrate, s.split_avg_hr) as avg_hr,
        coalesce(a.max_heartrate, s.split_max_hr) as max_hr,
        -- Riegel: the distance this run could be stretched to in one hour (runs of 20 min or more)
        case
            when a.is_run and a.moving_time >= 1200
                then a.distance_km * power(3600 / a.moving_time, 1 / cast(1.06 as double))
        end as riegel_one_hour_km
    from activities_in_scope as a
    left join split_heart_rate as s
        on a.athlete_id = s.athlete_id
        and a.activity_id = s.activity_id
),

hr_max_history as (
    -- highest max_hr of any sport in [start_date - 365 days, start_date], this activity included
    select
        *,
        max(max_hr) over (
            partition by athlete_id
            order by start_us
            range between 31536000000000 preceding and current row
        ) as max_hr_365d
    from activity_measures
),

threshold_history as (
    -- runs strictly before this activity: the best one-hour effort of 90 days and the
    -- mean pace of 30 days (an exact sum: the same bits whichever rows the build read)
    select
        *,
        max(riegel_one_hour_km) over (
            partition by athlete_id
            order by start_us
            range between 7776000000000 preceding and 1 preceding
        ) as best_one_hour_km_90d,
        cast(sum(cast(pace_min_km as decimal(38, 15))) over last_30_days as double) / nullif(count(pace_min_km) over last_30_days, 0) as avg_pace_30d
    from hr_max_history
    window last_30_days as (
        partition by athlete_id
        order by start_us
        range between 2592000000000 preceding and 1 preceding
    )
),

longest_run_history as (
    select
        *,
        max(case when is_run then distance_km end) over (
            partition by athlete_id
            order by start_us
            range between 2592000000000 preceding and 1 preceding
        ) as longest_run_30d_km
    from threshold_history
),

rows_to_emit as (
    -- a full build emits every row; an incremental one each rebuilt athlete's rows from
    -- its rebuild start on (the earlier rows it read only fed the windows)
    select h.*
    from longest_run_history as h
),

heart_rate_limits as (
    -- an athlete setting wins; hr_max then falls back to the 365-day history, then the default
    select
        h.*,
        coalesce(s.hr_rest, 60) as hr_rest,
        coalesce(s.hr_max, h.max_hr_365d, 190) as hr_max
    from rows_to_emit as h
    left join athlete_settings as s
        on h.athlete_id = s.athlete_id
),

threshold_pace as (
    select
        *,
        case
            when best_one_hour_km_90d is not null then 60 / best_one_hour_km_90d
            when avg_pace_30d is not null then avg_pace_30d
            else 5.5
        end as threshold_pace_min_km,
        case
            when best_one_hour_km_90d is not null then 'best_effort_90d'
            when avg_pace_30d is not null then 'avg_30d'
            else 'default'
        end as threshold_pace_source
    from heart_rate_limits
),

load_method as (
    select
        *,
        case
            when is_run then 'pace'
            when avg_hr is not null and hr_max > hr_rest then 'hr'
            else 'duration'
        end as tss_method,
        -- heart-rate reserve, clamped to 0..1 (only used when hr_max > hr_rest)
        least(greatest((avg_hr - hr_rest) / nullif(hr_max - hr_rest, 0), 0), 1) as hrr
    from threshold_pace
),

training_load as (
    select
        *,
        case tss_method
            when 'pace' then threshold_pace_min_km / pace_min_km
            when 'hr' then hrr / 0.85
            else cast(0.65 as double)
        end as intensity_factor,
        case tss_method
            when 'pace' then moving_time / 3600 * power(threshold_pace_min_km / pace_min_km, 2) * 100
            -- TRIMP relative to one hour at the lactate threshold (85 % of heart-rate reserve)
            when 'hr' then 100 * (moving_time_min * hrr * 0.64 * exp(1.92 * hrr))
                / (60 * 0.85 * 0.64 * exp(1.92 * 0.85))
            else moving_time / 3600 * power(cast(0.65 as double), 2) * 100
        end as estimated_tss
    from load_method
),

average_zone as (
    select
        *,
        case
            when avg_hr is null or hr_max is null then null
            when avg_hr * 100 >= hr_max * 90 then 5
            when avg_hr * 100 >= hr_max * 80 then 4
            when avg_hr * 100 >= hr_max * 70 then 3
            when avg_hr * 100 >= hr_max * 60 then 2
            else 1
        end as avg_hr_zone
    from training_load
),

split_zones as (
    select
        s.athlete_id,
        s.activity_id,
        s.moving_time,
        case
            when s.average_heartrate is null or l.hr_max is null then null
            when s.average_heartrate * 100 >= l.hr_max * 90 then 5
            when s.average_heartrate * 100 >= l.hr_max * 80 then 4
            when s.average_heartrate * 100 >= l.hr_max * 70 then 3
            when s.average_heartrate * 100 >= l.hr_max * 60 then 2
            else 1
        end as hr_zone
    from splits as s
    inner join heart_rate_limits as l
        on s.athlete_id = l.athlete_id
        and s.activity_id = l.activity_id
    where s.average_heartrate is not null
),

split_zone_seconds as (
    select
        athlete_id,
        activity_id,
        sum(case when hr_zone = 1 then moving_time else 0 end) as zone_1_seconds,
        sum(case when hr_zone = 2 then moving_time else 0 end) as zone_2_seconds,
        sum(case when hr_zone = 3 then moving_time else 0 end) as zone_3_seconds,
        sum(case when hr_zone = 4 then moving_time else 0 end) as zone_4_seconds,
        sum(case when hr_zone = 5 then moving_time else 0 end) as zone_5_seconds,
        sum(moving_time) as heart_rate_seconds
    from split_zones
    group by athlete_id, activity_id
),

heart_rate_zones as (
    -- split time by zone; without split heart rate, all the time goes to the zone of the average
    select
        t.athlete_id,
        t.activity_id,
        case
            when z.heart_rate_seconds > 0 then 100 * z.zone_1_seconds / z.heart_rate_seconds
            when t.avg_hr_zone = 1 then 100
            when t.avg_hr_zone is not null then 0
        end as hr_zone_1_pct,
        case
            when z.heart_rate_seconds > 0 then 100 * z.zone_2_seconds / z.heart_rate_seconds
            when t.avg_hr_zone = 2 then 100
            when t.avg_hr_zone is not null then 0
        end as hr_zone_2_pct,
        case
            when z.heart_rate_seconds > 0 then 100 * z.zone_3_seconds / z.heart_rate_seconds
            when t.avg_hr_zone = 3 then 100
            when t.avg_hr_zone is not null then 0
        end as hr_zone_3_pct,
        case
            when z.heart_rate_seconds > 0 then 100 * z.zone_4_seconds / z.heart_rate_seconds
            when t.avg_hr_zone = 4 then 100
            when t.avg_hr_zone is not null then 0
        end as hr_zone_4_pct,
        case
            when z.heart_rate_seconds > 0 then 100 * z.zone_5_seconds / z.heart_rate_seconds
            when t.avg_hr_zone = 5 then 100
            when t.avg_hr_zone is not null then 0
        end as hr_zone_5_pct
    from average_zone as t
    left join split_zone_seconds as z
        on t.athlete_id = z.athlete_id
        and t.activity_id = z.activity_id
),

race_named_activities as (
    select distinct
        a.athlete_id,
        a.activity_id
    from rows_to_emit as a
    inner join race_name_patterns as p
        on (not p.is_plain_text or contains(lower(a.name), p.pattern))
        and (lower(a.name) rlike p.pattern)
),

training_named_activities as (
    -- "Easy 10k", "LR 10k", "parkrun, not racing": titles that say the run was training
    select distinct
        a.athlete_id,
        a.activity_id
    from rows_to_emit as a
    inner join race_name_exclusions as e
        on contains(lower(a.name), e.word)
        and (lower(a.name) rlike e.word_pattern)
),

final as (
    select
        t.athlete_id,
        t.activity_id,
        t.start_date as event_timestamp,
        t.start_date_local,
        t.activity_date,
        t.sport_type,
        t.is_run,
        t.distance_km,
        t.pace_min_km,
        t.elevation_gain_m,
        t.moving_time_min,
        t.elapsed_time_min,
        t.elevation_per_km,
        t.threshold_pace_min_km,
        t.threshold_pace_source,
        t.intensity_factor,
        t.estimated_tss,
        t.tss_method,
        t.hr_rest,
        t.hr_max,
        t.avg_hr,
        t.max_hr,
        z.hr_zone_1_pct,
        z.hr_zone_2_pct,
        z.hr_zone_3_pct,
        z.hr_zone_4_pct,
        z.hr_zone_5_pct,
        -- metres per minute per beat: higher is fitter
        case when t.is_run then (t.distance_km * 1000 / t.moving_time_min) / t.avg_hr end as efficiency_index,
        case when t.is_run then t.distance_km / t.longest_run_30d_km end as spike_ratio,
        case
            when t.workout_type = 1 then true
            when t.workout_type is not null then false
            when r.activity_id is null then false
            when x.activity_id is not null then false
            else (
                abs(t.distance_km - 5) <= 0.03 * 5 or
                abs(t.distance_km - 10) <= 0.03 * 10 or
                abs(t.distance_km - 21.0975) <= 0.03 * 21.0975 or
                abs(t.distance_km - 42.195) <= 0.03 * 42.195
            )
        end as is_race,
        t.source_fingerprint
    from training_load as t
    inner join heart_rate_zones as z
        on t.athlete_id = z.athlete_id
        and t.activity_id = z.activity_id
    left join race_named_activities as r
        on t.athlete_id = r.athlete_id
        and t.activity_id = r.activity_id
    left join training_named_activities as x
        on t.athlete_id = x.athlete_id
        and t.activity_id = x.activity_id
)

select * from final;
