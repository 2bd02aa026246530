{{ config(materialized='table') }}

{#-
  One row per accepted activity. Every point-in-time window looks only at the same
  athlete's activities, ordered by the UTC start in microseconds, so "the N days
  before" is exactly [start_date - N days, start_date). To make this incremental,
  rebuild per athlete from the first changed start_date: the windows need the 365 days
  before it as input.
-#}
{%- set day_us = 86400 * 1000000 -%}
{%- set threshold_method = var('threshold_pace_method', 'best_effort_90d') -%}
{%- set standard_race_km = [5, 10, 21.0975, 42.195] -%}

with

activities as (
    select * from {{ ref('stg_strava__activities') }}
),

splits as (
    select * from {{ ref('stg_strava__splits') }}
),

athlete_settings as (
    -- optional overrides, one row per athlete; an empty seed means defaults for everyone
    select
        try_cast(athlete_id as bigint) as athlete_id,
        max(try_cast(hr_max as double)) as hr_max,
        max(try_cast(hr_rest as double)) as hr_rest
    from {{ ref('athlete_settings') }}
    group by try_cast(athlete_id as bigint)
),

race_name_patterns as (
    -- a pattern without regex syntax is plain text: a substring test finds its
    -- candidates cheaply (a regex from a column is compiled once per row)
    select
        lower(pattern) as pattern,
        length(translate(pattern, '^$.|?*+()[]{}', '')) = length(pattern)
            and instr(pattern, chr(92)) = 0 as is_plain_text
    from {{ ref('race_name_patterns') }}
    where pattern is not null
),

race_name_exclusions as (
    -- a whole word or phrase: the characters around it (if any) are not a-z or 0-9
    select
        lower(word) as word,
        '(^|[^a-z0-9])' || lower(word) || '([^a-z0-9]|$)' as word_pattern
    from {{ ref('race_name_exclusions') }}
    where word is not null
),

split_heart_rate as (
    -- fallbacks for an activity without its own heart-rate summary
    select
        athlete_id,
        activity_id,
        {{ exact_sum('average_heartrate * moving_time') }}
            / nullif(sum(case when average_heartrate is not null then moving_time end), 0) as split_avg_hr,
        max(max_heartrate) as split_max_hr
    from splits
    group by athlete_id, activity_id
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
        {{ epoch_us('a.start_date') }} as start_us,
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
    from activities as a
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
            range between {{ 365 * day_us }} preceding and current row
        ) as max_hr_365d
    from activity_measures
),

threshold_history as (
    -- runs strictly before this activity: the best one-hour effort of 90 days and the mean pace of 30 days
    select
        *,
        max(riegel_one_hour_km) over (
            partition by athlete_id
            order by start_us
            range between {{ 90 * day_us }} preceding and 1 preceding
        ) as best_one_hour_km_90d,
        avg(pace_min_km) over (
            partition by athlete_id
            order by start_us
            range between {{ 30 * day_us }} preceding and 1 preceding
        ) as avg_pace_30d
    from hr_max_history
),

longest_run_history as (
    select
        *,
        max(case when is_run then distance_km end) over (
            partition by athlete_id
            order by start_us
            range between {{ 30 * day_us }} preceding and 1 preceding
        ) as longest_run_30d_km
    from threshold_history
),

heart_rate_limits as (
    -- an athlete setting wins; hr_max then falls back to the 365-day history, then the default
    select
        h.*,
        coalesce(s.hr_rest, {{ var('default_hr_rest') }}) as hr_rest,
        coalesce(s.hr_max, h.max_hr_365d, {{ var('default_hr_max') }}) as hr_max
    from longest_run_history as h
    left join athlete_settings as s
        on h.athlete_id = s.athlete_id
),

threshold_pace as (
    select
        *,
{%- if threshold_method == 'best_effort_90d' %}
        case
            when best_one_hour_km_90d is not null then 60 / best_one_hour_km_90d
            when avg_pace_30d is not null then avg_pace_30d
            else {{ var('default_threshold_pace_min_km') }}
        end as threshold_pace_min_km,
        case
            when best_one_hour_km_90d is not null then 'best_effort_90d'
            when avg_pace_30d is not null then 'avg_30d'
            else 'default'
        end as threshold_pace_source
{%- elif threshold_method == 'avg_30d' %}
        coalesce(avg_pace_30d, {{ var('default_threshold_pace_min_km') }}) as threshold_pace_min_km,
        case when avg_pace_30d is not null then 'avg_30d' else 'default' end as threshold_pace_source
{%- else %}
        cast('threshold_pace_method must be best_effort_90d or avg_30d, not {{ threshold_method }}' as double) as threshold_pace_min_km,
        'invalid' as threshold_pace_source
{%- endif %}
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
            else cast({{ var('default_intensity_factor') }} as double)
        end as intensity_factor,
        case tss_method
            when 'pace' then moving_time / 3600 * power(threshold_pace_min_km / pace_min_km, 2) * 100
            -- TRIMP relative to one hour at the lactate threshold (85 % of heart-rate reserve)
            when 'hr' then 100 * (moving_time_min * hrr * 0.64 * exp(1.92 * hrr))
                / (60 * 0.85 * 0.64 * exp(1.92 * 0.85))
            else moving_time / 3600 * power(cast({{ var('default_intensity_factor') }} as double), 2) * 100
        end as estimated_tss
    from load_method
),

average_zone as (
    select
        *,
        {{ hr_zone('avg_hr', 'hr_max') }} as avg_hr_zone
    from training_load
),

split_zones as (
    select
        s.athlete_id,
        s.activity_id,
        s.moving_time,
        {{ hr_zone('s.average_heartrate', 'l.hr_max') }} as hr_zone
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
{%- for zone in range(1, 6) %}
        sum(case when hr_zone = {{ zone }} then moving_time else 0 end) as zone_{{ zone }}_seconds,
{%- endfor %}
        sum(moving_time) as heart_rate_seconds
    from split_zones
    group by athlete_id, activity_id
),

heart_rate_zones as (
    -- split time by zone; without split heart rate, all the time goes to the zone of the average
    select
        t.athlete_id,
        t.activity_id,
{%- for zone in range(1, 6) %}
        case
            when z.heart_rate_seconds > 0 then 100 * z.zone_{{ zone }}_seconds / z.heart_rate_seconds
            when t.avg_hr_zone = {{ zone }} then 100
            when t.avg_hr_zone is not null then 0
        end as hr_zone_{{ zone }}_pct{{ ',' if not loop.last }}
{%- endfor %}
    from average_zone as t
    left join split_zone_seconds as z
        on t.athlete_id = z.athlete_id
        and t.activity_id = z.activity_id
),

race_named_activities as (
    select distinct
        a.athlete_id,
        a.activity_id
    from activities as a
    inner join race_name_patterns as p
        on (not p.is_plain_text or contains(lower(a.name), p.pattern))
        and {{ regex_match('lower(a.name)', 'p.pattern') }}
),

training_named_activities as (
    -- "Easy 10k", "LR 10k", "parkrun, not racing": titles that say the run was training
    select distinct
        a.athlete_id,
        a.activity_id
    from activities as a
    inner join race_name_exclusions as e
        on contains(lower(a.name), e.word)
        and {{ regex_match('lower(a.name)', 'e.word_pattern') }}
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
{%- for zone in range(1, 6) %}
        z.hr_zone_{{ zone }}_pct,
{%- endfor %}
        -- metres per minute per beat: higher is fitter
        case when t.is_run then (t.distance_km * 1000 / t.moving_time_min) / t.avg_hr end as efficiency_index,
        case when t.is_run then t.distance_km / t.longest_run_30d_km end as spike_ratio,
        case
            when t.workout_type = 1 then true
            when t.workout_type is not null then false
            when r.activity_id is null then false
            when x.activity_id is not null then false
            else (
{%- for km in standard_race_km %}
                abs(t.distance_km - {{ km }}) <= 0.03 * {{ km }}{{ ' or' if not loop.last }}
{%- endfor %}
            )
        end as is_race
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

select * from final
