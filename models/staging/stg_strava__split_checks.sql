{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['athlete_id', 'activity_id']
) }}

{#-
  One row per input row of silver.strava_sub_activity, whatever its state: the values
  as text, the values parsed, every validation rule's result and the row's outcome.
  stg_strava__splits keeps the accepted rows, stg_strava__rejected_rows the others.

  The activity rules apply where they make sense for a split (see
  stg_strava__activity_checks): null_key / unparsable key on (athlete_id,
  activity_id, split_id), duplicate, then null_time, non_positive_time,
  moving_exceeds_elapsed, negative_distance, unparsable. Splits have no pace or date
  rule. A last rule, activity_not_accepted, rejects the splits of an activity that was
  rejected or never arrived: they must take no part in any feature, and counting them
  as rejected keeps "input rows = accepted rows + rejected rows" true for splits too.

  Incremental build: as stg_strava__activity_checks, per athlete from the least
  changed activity id on (all splits of an activity are rebuilt together). An
  activity also counts as changed when its acceptance differs from what its stored
  splits were checked against.
-#}

{%- set ingest_time_column = var('ingest_time_column', none) -%}
{%- set contract_columns = [
    'athlete_id', 'activity_id', 'split_id', 'distance_km', 'moving_time', 'elapsed_time',
    'average_heartrate', 'max_heartrate'
] -%}
{#- What source_row_hash covers: every contract column as text, and the ingest time when used. -#}
{%- set source_hash_columns = [] -%}
{%- for column in contract_columns -%}
    {%- set _ = source_hash_columns.push(column ~ '_text') -%}
{%- endfor -%}
{%- if ingest_time_column -%}
    {%- set _ = source_hash_columns.push('ingest_time') -%}
{%- endif -%}

with

source as (
    select * from {{ source('silver', 'strava_sub_activity') }}
),

accepted_activities as (
    select athlete_id, activity_id from {{ ref('stg_strava__activities') }}
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
        {{ parse_integer('trim(activity_id_text)') }} as activity_id,
        {{ row_fingerprint(source_hash_columns) }} as source_row_hash
    from as_text
),
{%- if is_incremental() %}

stored_rows as (
    select
        athlete_id,
        activity_id,
        split_id,
        reason_code,
        failed_rules,
        source_row_hash
    from {{ this }}
),

acceptance_flips as (
    -- activities whose acceptance differs from what their stored splits were checked against
    select distinct
        t.athlete_id,
        t.activity_id
    from stored_rows as t
    left join accepted_activities as a
        on t.athlete_id = a.athlete_id
        and t.activity_id = a.activity_id
    where t.athlete_id is not null
        and t.activity_id is not null
        and t.split_id is not null
        and t.reason_code is distinct from 'duplicate'
        and coalesce(t.failed_rules like '%activity_not_accepted%', false) <> (a.activity_id is null)
),

{{ staging_rebuild_ranges('stg_strava__split_checks', 'acceptance_flips') }}

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
    select
        *,
        {{ parse_number('trim(split_id_text)') }} as split_id_number,
        {{ parse_number('trim(distance_km_text)') }} as distance_km,
        {{ parse_number('trim(moving_time_text)') }} as moving_time_number,
        {{ parse_number('trim(elapsed_time_text)') }} as elapsed_time_number,
        {{ parse_number('trim(average_heartrate_text)') }} as average_heartrate,
        {{ parse_number('trim(max_heartrate_text)') }} as max_heartrate
    from rows_to_check
),

typed as (
    select
        *,
        {{ to_integer('split_id_number', 'trim(split_id_text)', 'int') }} as split_id,
        {{ to_integer('moving_time_number', 'trim(moving_time_text)', 'bigint') }} as moving_time,
        {{ to_integer('elapsed_time_number', 'trim(elapsed_time_text)', 'bigint') }} as elapsed_time
    from parsed
),

parse_outcome as (
    select
        *,
        (athlete_id_text is null or activity_id_text is null or split_id_text is null) as is_key_missing,
        (athlete_id is null or activity_id is null or split_id is null) as is_key_unusable,
        (
{%- for column in contract_columns %}
            {{ 'or ' if not loop.first }}({{ column }}_text is not null and {{ column }} is null)
{%- endfor %}
        ) as has_unparsable_value
    from typed
),

copies_ranked as (
    -- rank 1 is the copy of an (athlete_id, activity_id, split_id) that is kept
    select
        *,
        row_number() over (
            partition by is_key_unusable, athlete_id, activity_id, split_id
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
        copies_ranked.*,
        (moving_time_text is null or elapsed_time_text is null) as fails_null_time,
        coalesce(moving_time <= 0 or elapsed_time <= 0, false) as fails_non_positive_time,
        coalesce(moving_time > elapsed_time + 60, false) as fails_moving_exceeds_elapsed,
        coalesce(distance_km < 0, false) as fails_negative_distance,
        has_unparsable_value as fails_unparsable,
        accepted_activities.activity_id is null as fails_activity_not_accepted
    from copies_ranked
    left join accepted_activities
        on copies_ranked.athlete_id = accepted_activities.athlete_id
        and copies_ranked.activity_id = accepted_activities.activity_id
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
                case when fails_activity_not_accepted then 'activity_not_accepted' end
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
        split_id,
        distance_km,
        moving_time,
        elapsed_time,
        average_heartrate,
        max_heartrate,
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
