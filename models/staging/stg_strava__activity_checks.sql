{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['athlete_id', 'activity_id']
) }}

{#-
  One row per input row of silver.strava_activities, whatever its state: the values
  as text, the values parsed, every validation rule's result and the row's outcome.
  stg_strava__activities keeps the accepted rows, stg_strava__rejected_rows the others.

  Rules, in the order that picks the reason code:
    1. null_key (athlete_id, id, start_date or start_date_local missing), or
       unparsable when one of them is present but unreadable: it cannot be matched.
    2. duplicate: among rows with the same (athlete_id, id), all but one. The kept
       row is the last ingested when the project var ingest_time_column names an
       ingest-time column; otherwise (and on equal ingest times) the row whose values
       compare greatest as text, column by column in contract order, null lowest.
       Rows equal in every column are interchangeable: keeping either is the same.
    3. null_time, non_positive_time, moving_exceeds_elapsed, negative_distance,
       unparsable, pace_out_of_range, future_date: the surviving row fails them all
       at once; a rule whose input is missing or unreadable does not fail (the
       missing or unreadable value fails its own rule).
  Rows rejected in step 1 or 2 list only that step's code in failed_rules.

  Incremental build: rows are rebuilt per athlete (rows without a readable athlete id
  are one more partition) from the least changed activity id on, with every copy of
  each rebuilt id, which is all the dedup compares. source_row_hash fingerprints each
  input row. First per athlete, over the athlete's stored id range, then id by id for
  the athletes that differ, the source is compared with the stored rows; ids above the
  stored range are new, and stored rows whose future_date outcome flips with the as-of
  date count as changed. The rebuild starts at the last source id before the first
  change, so the replaced range also covers ids that are gone; a row without a
  readable id rebuilds its athlete whole. Stored rows that such a rebuild cannot
  remove (an athlete's lowest ids or all its rows gone) fail the build and ask for
  --full-refresh. Changing ingest_time_column also needs --full-refresh.
-#}

{%- set ingest_time_column = var('ingest_time_column', none) -%}
{#- Contract column order: the order of the duplicate tie-break. -#}
{%- set contract_columns = [
    'athlete_id', 'id', 'name', 'sport_type', 'workout_type', 'start_date',
    'start_date_local', 'timezone', 'distance_km', 'moving_time', 'elapsed_time',
    'total_elevation_gain', 'pace_min_km', 'average_heartrate', 'max_heartrate', 'has_heartrate'
] -%}
{#- What source_row_hash covers: every contract column as text, and the ingest time when used. -#}
{%- set source_hash_columns = [] -%}
{%- for column in contract_columns -%}
    {%- set _ = source_hash_columns.push(column ~ '_text') -%}
{%- endfor -%}
{%- if ingest_time_column -%}
    {%- set _ = source_hash_columns.push('ingest_time') -%}
{%- endif -%}
{#- Typed columns and the column they parse into (text columns cannot be unparsable). -#}
{%- set typed_columns = {
    'athlete_id': 'athlete_id', 'id': 'activity_id', 'workout_type': 'workout_type',
    'start_date': 'start_date', 'start_date_local': 'start_date_local', 'distance_km': 'distance_km',
    'moving_time': 'moving_time', 'elapsed_time': 'elapsed_time',
    'total_elevation_gain': 'total_elevation_gain', 'pace_min_km': 'pace_min_km',
    'average_heartrate': 'average_heartrate', 'max_heartrate': 'max_heartrate', 'has_heartrate': 'has_heartrate'
} -%}

with

source as (
    select * from {{ source('silver', 'strava_activities') }}
),

as_text as (
    -- every contract column as text, so typed and all-text sources read alike; empty is missing
    select
{%- for column in contract_columns %}
        nullif(cast({{ column }} as string), '') as {{ column }}_text{{ ',' if not loop.last }}
{%- endfor %}
{%- if ingest_time_column %},
        {{ ingest_time_column }} as ingest_time
{%- endif %}
    from source
),

source_keys as (
    -- the key is parsed first: an incremental build finds what changed by key before parsing the rest
    select
        *,
        {{ parse_integer('trim(athlete_id_text)') }} as athlete_id,
        {{ parse_integer('trim(id_text)') }} as activity_id,
        {{ row_fingerprint(source_hash_columns) }} as source_row_hash
    from as_text
),
{%- if is_incremental() %}

stored_rows as (
    select
        athlete_id,
        activity_id,
        activity_date,
        reason_code,
        failed_rules,
        start_date,
        start_date_local,
        source_row_hash
    from {{ this }}
),

as_of_flips as (
    -- rows that went through every rule and whose future_date outcome differs at this as-of date
    select
        athlete_id,
        activity_id
    from stored_rows
    where athlete_id is not null
        and activity_id is not null
        and start_date is not null
        and start_date_local is not null
        and reason_code is distinct from 'duplicate'
        and (activity_date > cast('{{ var('as_of_date') }}' as date))
            <> coalesce(failed_rules like '%future_date%', false)
),

{{ staging_rebuild_ranges('stg_strava__activity_checks', 'as_of_flips') }}

rows_to_check as (
    select k.*
    from source_keys as k
    inner join rebuild_ranges as r
        on k.athlete_id is not distinct from r.athlete_id
    where r.is_from_first
        or k.activity_id >= r.rebuild_from_activity_id
),
{%- else %}

rows_to_check as (
    select * from source_keys
),
{%- endif %}

parsed as (
    -- numbers, booleans and timestamps read strictly from the trimmed text; text columns as they came
    select
        *,
        name_text as name,
        sport_type_text as sport_type,
        {{ parse_number('trim(workout_type_text)') }} as workout_type_number,
        {{ parse_timestamp('start_date_text', 'utc') }} as start_date,
        {{ parse_timestamp('start_date_local_text', 'local') }} as start_date_local,
        timezone_text as timezone,
        {{ parse_number('trim(distance_km_text)') }} as distance_km,
        {{ parse_number('trim(moving_time_text)') }} as moving_time_number,
        {{ parse_number('trim(elapsed_time_text)') }} as elapsed_time_number,
        {{ parse_number('trim(total_elevation_gain_text)') }} as total_elevation_gain,
        {{ parse_number('trim(pace_min_km_text)') }} as pace_min_km,
        {{ parse_number('trim(average_heartrate_text)') }} as average_heartrate,
        {{ parse_number('trim(max_heartrate_text)') }} as max_heartrate,
        {{ parse_boolean('has_heartrate_text') }} as has_heartrate
    from rows_to_check
),

typed as (
    select
        *,
        {{ to_integer('workout_type_number', 'trim(workout_type_text)', 'int') }} as workout_type,
        {{ to_integer('moving_time_number', 'trim(moving_time_text)', 'bigint') }} as moving_time,
        {{ to_integer('elapsed_time_number', 'trim(elapsed_time_text)', 'bigint') }} as elapsed_time
    from parsed
),

parse_outcome as (
    select
        *,
        (athlete_id_text is null or id_text is null or start_date_text is null or start_date_local_text is null)
            as is_key_missing,
        (athlete_id is null or activity_id is null or start_date is null or start_date_local is null)
            as is_key_unusable,
        (
{%- for text_column, typed_column in typed_columns %}
            {{ 'or ' if not loop.first }}({{ text_column }}_text is not null and {{ typed_column }} is null)
{%- endfor %}
        ) as has_unparsable_value,
        coalesce(
            sport_type in ('Run', 'TrailRun', 'VirtualRun') and distance_km > 0 and moving_time > 0,
            false
        ) as is_run
    from typed
),

copies_ranked as (
    -- rank 1 is the copy of an (athlete_id, activity_id) that is kept
    select
        *,
        row_number() over (
            partition by is_key_unusable, athlete_id, activity_id
            order by
{%- if ingest_time_column %}
                ingest_time desc nulls last,
{%- endif %}
{%- for column in contract_columns %}
                {{ column }}_text desc nulls last{{ ',' if not loop.last }}
{%- endfor %}
        ) as copy_rank
    from parse_outcome
),

rule_results as (
    select
        *,
        (moving_time_text is null or elapsed_time_text is null) as fails_null_time,
        coalesce(moving_time <= 0 or elapsed_time <= 0, false) as fails_non_positive_time,
        coalesce(moving_time > elapsed_time + 60, false) as fails_moving_exceeds_elapsed,
        coalesce(distance_km < 0, false) as fails_negative_distance,
        has_unparsable_value as fails_unparsable,
        coalesce(
            is_run and (
                cast(moving_time as double) / 60 / distance_km < 2
                or cast(moving_time as double) / 60 / distance_km > 30
            ),
            false
        ) as fails_pace_out_of_range,
        coalesce(cast(start_date_local as date) > cast('{{ var('as_of_date') }}' as date), false) as fails_future_date
    from copies_ranked
),

outcome as (
    select
        *,
        case
            when is_key_missing then 'null_key'
            when is_key_unusable then 'unparsable'
            when copy_rank > 1 then 'duplicate'
            else nullif(concat_ws(
                ',',
                case when fails_null_time then 'null_time' end,
                case when fails_non_positive_time then 'non_positive_time' end,
                case when fails_moving_exceeds_elapsed then 'moving_exceeds_elapsed' end,
                case when fails_negative_distance then 'negative_distance' end,
                case when fails_unparsable then 'unparsable' end,
                case when fails_pace_out_of_range then 'pace_out_of_range' end,
                case when fails_future_date then 'future_date' end
            ), '')
        end as failed_rules
    from rule_results
),

final as (
    select
{%- for column in contract_columns %}
        {{ column }}_text,
{%- endfor %}
        athlete_id,
        activity_id,
        name,
        sport_type,
        workout_type,
        start_date,
        start_date_local,
        cast(start_date_local as date) as activity_date,
        timezone,
        distance_km,
        moving_time,
        elapsed_time,
        total_elevation_gain,
        pace_min_km,
        average_heartrate,
        max_heartrate,
        has_heartrate,
        is_run,
        failed_rules is null as is_accepted,
        case
            when failed_rules like '%,%' then substr(failed_rules, 1, instr(failed_rules, ',') - 1)
            else failed_rules
        end as reason_code,
        failed_rules,
        source_row_hash
    from outcome
)

select * from final
