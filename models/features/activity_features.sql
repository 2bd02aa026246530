{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['athlete_id', 'event_timestamp']
) }}

{#-
  One row per accepted activity. Every point-in-time window looks only at the same
  athlete's activities, ordered by the UTC start in microseconds, so "the N days
  before" is exactly [start_date - N days, start_date).

  Incremental build: a row depends on its own inputs (its staging row, its splits, its
  athlete's settings, the race-name seeds and the vars), hashed into
  source_fingerprint, and on the athlete's activities of the 365 days before it. First
  per athlete, then activity by activity for the athletes that differ, the new
  fingerprints are compared with the stored ones; each athlete with a changed, added
  or removed activity is rebuilt from its first changed start, reading the 365 days
  before it, and the runner deletes that athlete's rows from the least rebuilt start on
  and inserts the new ones. When the activity at the first changed start is gone, the
  rebuild starts at the athlete's last activity before it (re-emitted unchanged), so
  the delete reaches the old row; with no activity before it, the athlete is rebuilt
  whole, and stored rows before its (new) first activity cannot be deleted that way:
  the query then fails and asks for --full-refresh.
-#}
{%- set day_us = 86400 * 1000000 -%}
{#- the longest window: a rebuilt row reads the activities of the 365 days before it -#}
{%- set lookback_us = 365 * day_us -%}
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

split_fingerprints as (
    -- per activity: its splits' count and source row hashes (bit_xor: their order does
    -- not matter; each mixed once more, so that a change common to all splits cannot cancel out)
    select
        athlete_id,
        activity_id,
        bit_xor({{ row_fingerprint(['source_row_hash']) }}) as splits_hash,
        count(*) as split_count
    from splits
    group by athlete_id, activity_id
),

race_name_patterns_hash as (
    -- is_race reads the set of patterns: duplicates change nothing, so hash the distinct ones
    select coalesce(bit_xor(distinct {{ row_hash(['pattern']) }}), 0) as patterns_hash
    from race_name_patterns
),

race_name_exclusions_hash as (
    select coalesce(bit_xor(distinct {{ row_hash(['word']) }}), 0) as exclusions_hash
    from race_name_exclusions
),

project_hash as (
    -- what every row reads: the race-name seeds and the vars, as the literals this build uses
    select
        {{ row_hash([
            'p.patterns_hash',
            'e.exclusions_hash',
            "'" ~ threshold_method ~ "'",
            "'" ~ var('default_threshold_pace_min_km') ~ "'",
            "'" ~ var('default_intensity_factor') ~ "'",
            "'" ~ var('default_hr_rest') ~ "'",
            "'" ~ var('default_hr_max') ~ "'"
        ]) }} as project_hash
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
        {{ epoch_us('a.start_date') }} as start_us,
        {{ row_fingerprint([
            'p.project_hash',
            'st.hr_max',
            'st.hr_rest',
            'coalesce(s.splits_hash, 0)',
            'coalesce(s.split_count, 0)',
            'a.source_row_hash'
        ]) }} as source_fingerprint
    from activities as a
    left join split_fingerprints as s
        on a.athlete_id = s.athlete_id
        and a.activity_id = s.activity_id
    left join athlete_settings as st
        on a.athlete_id = st.athlete_id
    cross join project_hash as p
),

{%- if is_incremental() %}

stored_rows as (
    select
        athlete_id,
        activity_id,
        {{ epoch_us('event_timestamp') }} as start_us,
        source_fingerprint
    from {{ this }}
),

stored_athletes as (
    select
        athlete_id,
        min(start_us) as first_stored_us,
        max(start_us) as last_stored_us,
        bit_xor(source_fingerprint) as stored_fingerprint,
        count(*) as stored_count
    from stored_rows
    group by athlete_id
),

athlete_fingerprints as (
    -- per athlete: the first start, and the fingerprint and count of its activities up
    -- to its last stored start (later ones are new anyway)
    select
        a.athlete_id,
        min(a.start_us) as first_start_us,
        coalesce(bit_xor(case when a.start_us <= s.last_stored_us then a.source_fingerprint end), 0) as fingerprint,
        count(case when a.start_us <= s.last_stored_us then 1 end) as activity_count
    from activity_sources as a
    left join stored_athletes as s
        on a.athlete_id = s.athlete_id
    group by a.athlete_id
),

athletes_to_compare as (
    -- new, removed, or with a changed stored range: only these are compared activity by activity
    select coalesce(f.athlete_id, s.athlete_id) as athlete_id
    from athlete_fingerprints as f
    full outer join stored_athletes as s
        on f.athlete_id = s.athlete_id
    where f.fingerprint is distinct from s.stored_fingerprint
        or f.activity_count is distinct from s.stored_count
),

new_activities_to_compare as (
    select
        a.athlete_id,
        a.activity_id,
        a.start_us,
        a.source_fingerprint
    from activity_sources as a
    inner join athletes_to_compare as c
        on a.athlete_id = c.athlete_id
),

stored_activities_to_compare as (
    select t.*
    from stored_rows as t
    inner join athletes_to_compare as c
        on t.athlete_id = c.athlete_id
),

changed_activities as (
    -- activities added, removed or changed since the stored build (a moved start
    -- changes the fingerprint too), with their new and stored starts
    select
        coalesce(n.athlete_id, s.athlete_id) as athlete_id,
        n.start_us as new_start_us,
        s.start_us as stored_start_us
    from new_activities_to_compare as n
    full outer join stored_activities_to_compare as s
        on n.athlete_id = s.athlete_id
        and n.activity_id = s.activity_id
    where n.source_fingerprint is distinct from s.source_fingerprint
),

change_points as (
    -- a row differs from the old or the new start of a changed activity on ...
    select
        athlete_id,
        new_start_us as changed_from_us
    from changed_activities
    where new_start_us is not null
    union all
    select
        athlete_id,
        stored_start_us as changed_from_us
    from changed_activities
    where stored_start_us is not null
    union all
    -- ... and every athlete's activities after its last stored start are new
    select
        a.athlete_id,
        a.start_us as changed_from_us
    from activity_sources as a
    inner join stored_athletes as s
        on a.athlete_id = s.athlete_id
    where a.start_us > s.last_stored_us
),

first_changes as (
    select
        athlete_id,
        min(changed_from_us) as first_changed_us
    from change_points
    group by athlete_id
),

rebuild_starts as (
    -- the runner deletes an athlete's rows from its least rebuilt start on, so the
    -- rebuild starts at an activity that still exists: the last one at or before the
    -- first change (when the activity there is gone, the one before it, re-emitted
    -- unchanged); null when there is none
    select
        c.athlete_id,
        max(a.start_us) as rebuild_from_us
    from first_changes as c
    left join activity_sources as a
        on c.athlete_id = a.athlete_id
        and a.start_us <= c.first_changed_us
    group by c.athlete_id
),

rebuild_scopes as (
    -- without an activity at or before the first change the athlete is rebuilt whole;
    -- stored rows before its first activity (it lost its first activity, or all of
    -- them) could not be deleted from there: fail instead
    select
        r.athlete_id,
        case
            when r.rebuild_from_us is not null then r.rebuild_from_us
            when f.athlete_id is null or s.first_stored_us < f.first_start_us
                then cast({{ full_refresh_required('activity_features', 'r.athlete_id') }} as bigint)
            else f.first_start_us
        end as rebuild_from_us
    from rebuild_starts as r
    left join athlete_fingerprints as f
        on r.athlete_id = f.athlete_id
    left join stored_athletes as s
        on r.athlete_id = s.athlete_id
),
{%- endif %}

activities_in_scope as (
    -- a full build reads every activity; an incremental one each rebuilt athlete's
    -- activities from 365 days (the longest window) before its rebuild start on, so
    -- every window of a rebuilt row sees what it sees in a full build
    select a.*
    from activity_sources as a
{%- if is_incremental() %}
    inner join rebuild_scopes as r
        on a.athlete_id = r.athlete_id
        and a.start_us >= r.rebuild_from_us - {{ lookback_us }}
{%- endif %}
),

split_heart_rate as (
    -- fallbacks for an activity without its own heart-rate summary, for the activities in scope
    select
        s.athlete_id,
        s.activity_id,
        {{ exact_sum('s.average_heartrate * s.moving_time') }}
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
            range between {{ 365 * day_us }} preceding and current row
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
            range between {{ 90 * day_us }} preceding and 1 preceding
        ) as best_one_hour_km_90d,
        {{ exact_window_avg('pace_min_km', 'last_30_days') }} as avg_pace_30d
    from hr_max_history
    window last_30_days as (
        partition by athlete_id
        order by start_us
        range between {{ 30 * day_us }} preceding and 1 preceding
    )
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

rows_to_emit as (
    -- a full build emits every row; an incremental one each rebuilt athlete's rows from
    -- its rebuild start on (the earlier rows it read only fed the windows)
    select h.*
    from longest_run_history as h
{%- if is_incremental() %}
    inner join rebuild_scopes as r
        on h.athlete_id = r.athlete_id
        and h.start_us >= r.rebuild_from_us
{%- endif %}
),

heart_rate_limits as (
    -- an athlete setting wins; hr_max then falls back to the 365-day history, then the default
    select
        h.*,
        coalesce(s.hr_rest, {{ var('default_hr_rest') }}) as hr_rest,
        coalesce(s.hr_max, h.max_hr_365d, {{ var('default_hr_max') }}) as hr_max
    from rows_to_emit as h
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
    from rows_to_emit as a
    inner join race_name_patterns as p
        on (not p.is_plain_text or contains(lower(a.name), p.pattern))
        and {{ regex_match('lower(a.name)', 'p.pattern') }}
),

training_named_activities as (
    -- "Easy 10k", "LR 10k", "parkrun, not racing": titles that say the run was training
    select distinct
        a.athlete_id,
        a.activity_id
    from rows_to_emit as a
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

select * from final
