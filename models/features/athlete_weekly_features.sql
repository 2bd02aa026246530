{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['athlete_id', 'week_start']
) }}

{#-
  One row per athlete per ISO week (Monday start), from the week of the first activity
  to the week of the as-of date. Days of the first week before the first activity count
  as rest days (zero load), so that week has 7 days; the current week stops at the
  as-of date.

  Incremental build: a week's row depends on its days and, through
  distance_change_pct, on the week before. week_fingerprint (bit_xor of the days'
  day_fingerprint) and days_in_week are compared with the freshly built daily rows,
  first per athlete, then week by week for the athletes that differ; each athlete with
  a different, new or removed week is rebuilt from its first changed week, reading the
  week before it for distance_change_pct. Stored weeks before the athlete's first
  week fail the build with a request for --full-refresh.
-#}
{%- set as_of_literal = "date '" ~ var('as_of_date') ~ "'" -%}

with

daily as (
    select * from {{ ref('athlete_daily_features') }}
),

{%- if is_incremental() %}

stored_athletes as (
    select
        athlete_id,
        min(week_start) as first_stored_week,
        max({{ date_add('week_start', 'days_in_week - 1') }}) as last_stored_date,
        bit_xor(week_fingerprint) as stored_fingerprint
    from {{ this }}
    group by athlete_id
),

athlete_fingerprints as (
    -- per athlete: the first week, and the fingerprint of its days up to its last
    -- stored day (later days are new calendar days anyway). The change detection reads
    -- the table itself, not the daily CTE: a CTE read more than once is materialized whole.
    select
        d.athlete_id,
        {{ week_start('min(d.activity_date)') }} as first_week_start,
        coalesce(bit_xor(case when d.activity_date <= s.last_stored_date then d.day_fingerprint end), 0) as fingerprint
    from {{ ref('athlete_daily_features') }} as d
    left join stored_athletes as s
        on d.athlete_id = s.athlete_id
    group by d.athlete_id
),

athletes_to_compare as (
    -- new, removed, or with a changed stored period: only these are compared week by week
    select coalesce(f.athlete_id, s.athlete_id) as athlete_id
    from athlete_fingerprints as f
    full outer join stored_athletes as s
        on f.athlete_id = s.athlete_id
    where f.fingerprint is distinct from s.stored_fingerprint
),

new_week_days as (
    select
        d.athlete_id,
        {{ week_start('d.activity_date') }} as week_start,
        d.activity_date,
        d.day_fingerprint
    from {{ ref('athlete_daily_features') }} as d
    inner join athletes_to_compare as c
        on d.athlete_id = c.athlete_id
),

new_weeks as (
    -- the new version of each week: its days' fingerprints and how far it reaches
    select
        athlete_id,
        week_start,
        bit_xor(day_fingerprint) as week_fingerprint,
        {{ date_diff_days('week_start', 'max(activity_date)') }} + 1 as days_in_week
    from new_week_days
    group by athlete_id, week_start
),

stored_weeks as (
    select
        t.athlete_id,
        t.week_start,
        t.week_fingerprint,
        t.days_in_week
    from {{ this }} as t
    inner join athletes_to_compare as c
        on t.athlete_id = c.athlete_id
),

changed_weeks as (
    -- weeks added, removed or changed since the stored build
    select
        coalesce(n.athlete_id, s.athlete_id) as athlete_id,
        coalesce(n.week_start, s.week_start) as week_start
    from new_weeks as n
    full outer join stored_weeks as s
        on n.athlete_id = s.athlete_id
        and n.week_start = s.week_start
    where n.week_fingerprint is distinct from s.week_fingerprint
        or n.days_in_week is distinct from s.days_in_week
),

change_points as (
    select
        athlete_id,
        week_start as changed_from
    from changed_weeks
    union all
    -- the calendar grows to a later as-of date, or is cut back to an earlier one
    select
        athlete_id,
        {{ week_start('least(' ~ date_add('last_stored_date', 1) ~ ', ' ~ as_of_literal ~ ')') }} as changed_from
    from stored_athletes
    where last_stored_date <> {{ as_of_literal }}
),

first_changes as (
    select
        athlete_id,
        min(changed_from) as first_changed_week
    from change_points
    group by athlete_id
),

changed_athletes as (
    -- stored weeks before the first week could not be deleted: fail instead
    select
        c.athlete_id,
        case
            when f.athlete_id is null or s.first_stored_week < f.first_week_start
                then cast({{ full_refresh_required('athlete_weekly_features', 'c.athlete_id') }} as date)
            else c.first_changed_week
        end as first_changed_week
    from first_changes as c
    left join athlete_fingerprints as f
        on c.athlete_id = f.athlete_id
    left join stored_athletes as s
        on c.athlete_id = s.athlete_id
),
{%- else %}

athlete_first_weeks as (
    select
        athlete_id,
        {{ week_start('min(activity_date)') }} as first_week_start
    from daily
    group by athlete_id
),
{%- endif %}

build_ranges as (
    -- the first week emitted per athlete, and the first day read: the week before it
    -- feeds distance_change_pct (a full build starts at the first week)
{%- if is_incremental() %}
    select
        c.athlete_id,
        c.first_changed_week as build_from_week,
        greatest(f.first_week_start, {{ date_add('c.first_changed_week', -7) }}) as read_from_date
    from changed_athletes as c
    -- a left join, so that an athlete without activities still reaches the failing check
    left join athlete_fingerprints as f
        on c.athlete_id = f.athlete_id
{%- else %}
    select
        athlete_id,
        first_week_start as build_from_week,
        first_week_start as read_from_date
    from athlete_first_weeks
{%- endif %}
),

calendar as (
    select
        athlete_id,
        {{ calendar_spine('read_from_date', as_of_literal) }} as activity_date
    from build_ranges
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
        coalesce(d.hr_zone_{{ zone }}_min, 0) as hr_zone_{{ zone }}_min,
{%- endfor %}
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
        {{ exact_sum("distance_km") }} as distance_km,
        {{ exact_sum("run_distance_km") }} as run_distance_km,
        {{ exact_sum("moving_time_min") }} as moving_time_min,
        {{ exact_sum("daily_tss") }} as weekly_tss,
        max(longest_run_km) as longest_run_km,
        -- each day's pace is already distance-weighted over its runs
        {{ exact_sum("avg_pace_min_km * run_distance_km") }}
            / nullif({{ exact_sum("case when avg_pace_min_km is not null then run_distance_km end") }}, 0) as avg_pace_min_km,
        sum(case when n_activities = 0 then 1 else 0 end) as rest_days,
        {{ exact_sum("hr_zone_1_min + hr_zone_2_min") }} as z1_z2_min,
        {{ exact_sum("hr_zone_4_min + hr_zone_5_min") }} as z4_z5_min,
        {{ exact_sum("hr_zone_1_min + hr_zone_2_min + hr_zone_3_min + hr_zone_4_min + hr_zone_5_min") }} as heart_rate_min,
        -- exact sums (not avg / stddev_pop, whose parallel partial states can differ in the last bit)
        {{ exact_sum('daily_tss') }} / count(*) as mean_daily_tss,
        {{ exact_sum('daily_tss * daily_tss') }} / count(*) as mean_square_daily_tss,
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

select * from final
