{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['athlete_id', 'activity_date']
) }}

{#-
  One row per athlete per local calendar day, from the athlete's first activity day to
  the run's as-of date, rest days included. A day's row depends on that day's
  activities only.

  Incremental build: day_fingerprint is the bit_xor of a hash of each of the day's
  activities (every activity_features column that the daily, weekly and rolling
  features read), 0 on rest days. First per athlete, then day by day for the athletes
  that differ, the new fingerprints are compared with the stored ones; each athlete
  with a changed day, or whose calendar has to grow to the new as-of date (or shrink
  back to it), is rebuilt from its first changed day, and the runner deletes that
  athlete's rows from that day on and inserts the new ones. A stored day before the
  athlete's (new) first activity day cannot be deleted that way: the query then fails
  and asks for --full-refresh.
-#}
{%- set as_of_literal = "date '" ~ var('as_of_date') ~ "'" -%}
{%- set fingerprint_columns = [
    'activity_id', 'activity_date', 'is_run', 'distance_km', 'pace_min_km', 'moving_time_min',
    'elevation_gain_m', 'estimated_tss', 'avg_hr',
    'hr_zone_1_pct', 'hr_zone_2_pct', 'hr_zone_3_pct', 'hr_zone_4_pct', 'hr_zone_5_pct'
] -%}

with

activities as (
    select * from {{ ref('activity_features') }}
    where activity_date <= {{ as_of_literal }}
),

{%- if is_incremental() %}

activity_hashes as (
    select
        athlete_id,
        activity_date,
        {{ row_fingerprint(fingerprint_columns) }} as activity_hash
    from {{ ref('activity_features') }}
    where activity_date <= {{ as_of_literal }}
),

stored_athletes as (
    select
        athlete_id,
        min(activity_date) as first_stored_date,
        max(activity_date) as last_stored_date,
        bit_xor(day_fingerprint) as stored_fingerprint
    from {{ this }}
    group by athlete_id
),

athlete_fingerprints as (
    -- per athlete: the first activity day, and the fingerprint of its activities up to
    -- its last stored day (later days are new calendar days anyway)
    select
        h.athlete_id,
        min(h.activity_date) as first_activity_date,
        coalesce(bit_xor(case when h.activity_date <= s.last_stored_date then h.activity_hash end), 0) as fingerprint
    from activity_hashes as h
    left join stored_athletes as s
        on h.athlete_id = s.athlete_id
    group by h.athlete_id
),

athletes_to_compare as (
    -- new, removed, or with a changed stored period: only these are compared day by day
    select coalesce(f.athlete_id, s.athlete_id) as athlete_id
    from athlete_fingerprints as f
    full outer join stored_athletes as s
        on f.athlete_id = s.athlete_id
    where f.fingerprint is distinct from s.stored_fingerprint
),

activity_day_fingerprints as (
    -- the new version of each day with activities
    select
        h.athlete_id,
        h.activity_date,
        bit_xor(h.activity_hash) as day_fingerprint
    from activity_hashes as h
    inner join athletes_to_compare as c
        on h.athlete_id = c.athlete_id
    group by h.athlete_id, h.activity_date
),

stored_activity_days as (
    select
        t.athlete_id,
        t.activity_date,
        t.day_fingerprint
    from {{ this }} as t
    inner join athletes_to_compare as c
        on t.athlete_id = c.athlete_id
    where not t.is_rest_day
),

changed_days as (
    -- days whose activities were added, removed or changed since the stored build
    select
        coalesce(n.athlete_id, s.athlete_id) as athlete_id,
        coalesce(n.activity_date, s.activity_date) as activity_date
    from activity_day_fingerprints as n
    full outer join stored_activity_days as s
        on n.athlete_id = s.athlete_id
        and n.activity_date = s.activity_date
    where n.day_fingerprint is distinct from s.day_fingerprint
),

change_points as (
    select
        athlete_id,
        activity_date as changed_from
    from changed_days
    union all
    -- the calendar grows to a later as-of date, or is cut back to an earlier one
    select
        athlete_id,
        least({{ date_add('last_stored_date', 1) }}, {{ as_of_literal }}) as changed_from
    from stored_athletes
    where last_stored_date <> {{ as_of_literal }}
),

first_changes as (
    select
        athlete_id,
        min(changed_from) as first_changed_date
    from change_points
    group by athlete_id
),

changed_athletes as (
    -- stored days before the first activity day could not be deleted: fail instead
    select
        c.athlete_id,
        case
            when f.athlete_id is null or s.first_stored_date < f.first_activity_date
                then cast({{ full_refresh_required('athlete_daily_features', 'c.athlete_id') }} as date)
            else c.first_changed_date
        end as first_changed_date
    from first_changes as c
    left join athlete_fingerprints as f
        on c.athlete_id = f.athlete_id
    left join stored_athletes as s
        on c.athlete_id = s.athlete_id
),
{%- endif %}

build_ranges as (
    -- the first day each athlete's rows are built from: the first activity day in a full build
{%- if is_incremental() %}
    select
        athlete_id,
        first_changed_date as build_from_date
    from changed_athletes
{%- else %}
    select
        athlete_id,
        min(activity_date) as build_from_date
    from activities
    group by athlete_id
{%- endif %}
),

calendar as (
    select
        athlete_id,
        {{ calendar_spine('build_from_date', as_of_literal) }} as activity_date
    from build_ranges
),

activities_to_build as (
    select a.*
    from activities as a
{%- if is_incremental() %}
    inner join build_ranges as r
        on a.athlete_id = r.athlete_id
        and a.activity_date >= r.build_from_date
{%- endif %}
),

daily_totals as (
    select
        athlete_id,
        activity_date,
        count(*) as n_activities,
        count(case when is_run then 1 end) as n_runs,
        {{ exact_sum("distance_km") }} as distance_km,
        {{ exact_sum("case when is_run then distance_km else 0 end") }} as run_distance_km,
        {{ exact_sum("moving_time_min") }} as moving_time_min,
        {{ exact_sum("coalesce(elevation_gain_m, 0)") }} as elevation_gain_m,
        {{ exact_sum("estimated_tss") }} as daily_tss,
        {{ exact_sum("case when is_run then pace_min_km * distance_km end") }}
            / nullif({{ exact_sum("case when is_run then distance_km end") }}, 0) as avg_pace_min_km,
        {{ exact_sum("avg_hr * moving_time_min") }}
            / nullif({{ exact_sum("case when avg_hr is not null then moving_time_min end") }}, 0) as avg_hr,
        max(case when is_run then distance_km else 0 end) as longest_run_km,
{%- for zone in range(1, 6) %}
        {{ exact_sum('coalesce(hr_zone_' ~ zone ~ '_pct / 100 * moving_time_min, 0)') }} as hr_zone_{{ zone }}_min,
{%- endfor %}
        bit_xor({{ row_fingerprint(fingerprint_columns) }}) as day_fingerprint
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
{%- for zone in range(1, 6) %}
        coalesce(t.hr_zone_{{ zone }}_min, 0) as hr_zone_{{ zone }}_min,
{%- endfor %}
        -- 0 on rest days
        coalesce(t.day_fingerprint, 0) as day_fingerprint
    from calendar as c
    left join daily_totals as t
        on c.athlete_id = t.athlete_id
        and c.activity_date = t.activity_date
)

select * from final
