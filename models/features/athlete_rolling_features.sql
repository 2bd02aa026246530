{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['athlete_id', 'as_of_date']
) }}

{#-
  One row per athlete per day: the athlete at the end of as_of_date. "Last N days"
  include as_of_date. Each athlete's rows are built from a first day on (the first
  activity day in a full build). The daily calendar starts 27 days before it (the
  longest look-back of the load windows: the 21 days before the last 7; ramp_rate needs
  7, tsb 1), days before the first activity counting as zero load, and the 30-day run
  windows read the runs of the 29 days before it; the rows before the first day built
  are dropped at the end.

  Incremental build: day_fingerprint (from athlete_daily_features) is compared with
  the stored one, first per athlete, then day by day for the athletes that differ.
  Each athlete with a new, changed or removed day is rebuilt from its first changed
  day, and the runner deletes its rows from that day on and inserts the new ones. CTL
  and ATL carry the whole history, so they restart from the stored values of the day
  before the first day read (0 before the first activity): by linearity
  E_n = E_seed * (1-k)^(n - seed_day) + the EMA of the days read from 0. Stored days
  before the athlete's first activity day fail the build with a request for
  --full-refresh.
-#}
{%- set as_of_literal = "date '" ~ var('as_of_date') ~ "'" -%}
{%- set padding_days = 27 -%}
{%- set run_look_back_days = 29 -%}

with

daily as (
    select * from {{ ref('athlete_daily_features') }}
),

runs as (
    select * from {{ ref('activity_features') }}
    where is_run
        and activity_date <= {{ as_of_literal }}
),

{%- if is_incremental() %}

stored_athletes as (
    select
        athlete_id,
        min(as_of_date) as first_stored_date,
        max(as_of_date) as last_stored_date,
        bit_xor(day_fingerprint) as stored_fingerprint
    from {{ this }}
    group by athlete_id
),

athlete_fingerprints as (
    -- per athlete: the first activity day, and the fingerprint of its days up to its
    -- last stored day (later days are new calendar days anyway). The change detection
    -- reads the table itself, not the daily CTE: a CTE read more than once is
    -- materialized whole.
    select
        d.athlete_id,
        min(d.activity_date) as first_activity_date,
        coalesce(bit_xor(case when d.activity_date <= s.last_stored_date then d.day_fingerprint end), 0) as fingerprint
    from {{ ref('athlete_daily_features') }} as d
    left join stored_athletes as s
        on d.athlete_id = s.athlete_id
    group by d.athlete_id
),

athletes_to_compare as (
    -- new, removed, or with a changed stored period: only these are compared day by day
    select coalesce(f.athlete_id, s.athlete_id) as athlete_id
    from athlete_fingerprints as f
    full outer join stored_athletes as s
        on f.athlete_id = s.athlete_id
    where f.fingerprint is distinct from s.stored_fingerprint
),

new_days as (
    select
        d.athlete_id,
        d.activity_date,
        d.day_fingerprint
    from {{ ref('athlete_daily_features') }} as d
    inner join athletes_to_compare as c
        on d.athlete_id = c.athlete_id
),

stored_days as (
    select
        t.athlete_id,
        t.as_of_date,
        t.day_fingerprint
    from {{ this }} as t
    inner join athletes_to_compare as c
        on t.athlete_id = c.athlete_id
),

changed_days as (
    -- days added, removed or changed since the stored build
    select
        coalesce(n.athlete_id, s.athlete_id) as athlete_id,
        coalesce(n.activity_date, s.as_of_date) as as_of_date
    from new_days as n
    full outer join stored_days as s
        on n.athlete_id = s.athlete_id
        and n.activity_date = s.as_of_date
    where n.day_fingerprint is distinct from s.day_fingerprint
),

change_points as (
    select
        athlete_id,
        as_of_date as changed_from
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
                then cast({{ full_refresh_required('athlete_rolling_features', 'c.athlete_id') }} as date)
            else c.first_changed_date
        end as first_changed_date
    from first_changes as c
    left join athlete_fingerprints as f
        on c.athlete_id = f.athlete_id
    left join stored_athletes as s
        on c.athlete_id = s.athlete_id
),
{%- else %}

athlete_first_days as (
    select
        athlete_id,
        min(activity_date) as first_activity_date
    from daily
    group by athlete_id
),
{%- endif %}

build_ranges as (
    -- the first day built per athlete (the first activity day in a full build) and the
    -- first calendar day read, padding_days earlier
{%- if is_incremental() %}
    select
        c.athlete_id,
        f.first_activity_date,
        c.first_changed_date as build_from_date,
        {{ date_add('c.first_changed_date', -padding_days) }} as read_from_date
    from changed_athletes as c
    -- a left join, so that an athlete without activities still reaches the failing check
    left join athlete_fingerprints as f
        on c.athlete_id = f.athlete_id
{%- else %}
    select
        athlete_id,
        first_activity_date,
        first_activity_date as build_from_date,
        {{ date_add('first_activity_date', -padding_days) }} as read_from_date
    from athlete_first_days
{%- endif %}
),

calendar as (
    select
        athlete_id,
        first_activity_date,
        build_from_date,
        read_from_date,
        {{ calendar_spine('read_from_date', as_of_literal) }} as as_of_date
    from build_ranges
),
{%- if is_incremental() %}

load_seeds as (
    -- CTL and ATL at the end of the day before the first day read: stored, as that day
    -- did not change (no stored row before the first activity: 0). At most one row per
    -- athlete; grouped so that the engine knows it (its row estimate sizes the windows).
    select
        r.athlete_id,
        coalesce(max(s.ctl_42d), 0) as ctl_seed,
        coalesce(max(s.atl_7d), 0) as atl_seed
    from build_ranges as r
    left join {{ this }} as s
        on r.athlete_id = s.athlete_id
        and s.as_of_date = {{ date_add('r.read_from_date', -1) }}
    group by r.athlete_id
),
{%- endif %}

daily_load as (
    select
        c.athlete_id,
        c.as_of_date,
        c.build_from_date,
        -- 0 on the first activity day, negative before it
        {{ date_diff_days('c.first_activity_date', 'c.as_of_date') }} as day_number,
{%- if is_incremental() %}
        {{ date_diff_days('c.first_activity_date', 'c.read_from_date') }} - 1 as seed_day_number,
        e.ctl_seed,
        e.atl_seed,
{%- endif %}
        coalesce(d.daily_tss, 0) as daily_tss,
        coalesce(d.n_runs, 0) as n_runs,
        coalesce(d.day_fingerprint, 0) as day_fingerprint
    from calendar as c
    left join daily as d
        on c.athlete_id = d.athlete_id
        and c.as_of_date = d.activity_date
{%- if is_incremental() %}
    inner join load_seeds as e
        on c.athlete_id = e.athlete_id
{%- endif %}
),

chronic_load as (
    select
        *,
{%- if is_incremental() %}
        {{ ema('daily_tss', 'day_number', 42, seed='ctl_seed', seed_day='seed_day_number') }} as ctl_42d
{%- else %}
        {{ ema('daily_tss', 'day_number', 42) }} as ctl_42d
{%- endif %}
    from daily_load
),

acute_load as (
    select
        *,
{%- if is_incremental() %}
        {{ ema('daily_tss', 'day_number', 7, seed='atl_seed', seed_day='seed_day_number') }} as atl_7d
{%- else %}
        {{ ema('daily_tss', 'day_number', 7) }} as atl_7d
{%- endif %}
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
{%- if is_incremental() %}
    inner join build_ranges as b
        on r.athlete_id = b.athlete_id
        and r.activity_date >= {{ date_add('b.build_from_date', -run_look_back_days) }}
{%- endif %}
),

run_points as (
    -- one point per run, plus one reader row per day built (no pace) that collects the 30-day windows
    select
        athlete_id,
        activity_date as as_of_date,
        {{ date_diff_days("date '1970-01-01'", 'activity_date') }} as epoch_day,
        pace_min_km,
        distance_km,
        false as is_reader
    from runs_read
    union all
    select
        athlete_id,
        as_of_date,
        {{ date_diff_days("date '1970-01-01'", 'as_of_date') }} as epoch_day,
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
        {{ exact_window_slope('pace_min_km', 'epoch_day', 'last_30_days') }} as pace_slope_30d,
        count(pace_min_km) over last_30_days as runs_30d,
        min(case when pace_min_km is not null then epoch_day end) over last_30_days as first_run_day_30d,
        max(case when pace_min_km is not null then epoch_day end) over last_30_days as last_run_day_30d,
        min(case when distance_km >= 3 then pace_min_km end) over last_30_days as best_pace_30d,
        {{ exact_window_avg('distance_km', 'last_30_days') }} as avg_distance_30d
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
        cast({{ date_add('l.as_of_date', 1) }} as timestamp) as feature_available_at,
        l.daily_tss,
        l.ctl_42d,
        l.atl_7d,
        coalesce(l.ctl_yesterday - l.atl_yesterday, 0) as tsb,
        case
            when l.day_number + 1 >= 28 and l.ctl_42d >= {{ var('acwr_min_ctl') }} then l.atl_7d / l.ctl_42d
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

select * from final
