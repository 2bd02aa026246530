{{ config(materialized='view') }}

{#-
  The accepted splits of accepted activities, typed, with heart-rate repairs applied
  (values outside 25..250 bpm set to null, each one recorded in
  stg_strava__validation_warnings).

  A view: it only filters and repairs the checked rows, which are built incrementally,
  so a second copy would only cost a rebuild of every row on each run.
-#}

with

split_checks as (
    select * from {{ ref('stg_strava__split_checks') }}
    where is_accepted
),

repaired as (
    select
        athlete_id,
        activity_id,
        split_id,
        distance_km,
        moving_time,
        elapsed_time,
        case when {{ heart_rate_is_plausible('average_heartrate') }} then average_heartrate end as average_heartrate,
        case when {{ heart_rate_is_plausible('max_heartrate') }} then max_heartrate end as max_heartrate,
        source_row_hash
    from split_checks
),

final as (
    select * from repaired
)

select * from final
