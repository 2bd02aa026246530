{{ config(materialized='view') }}

{#-
  The accepted activities, typed, with heart-rate repairs applied: an average or
  maximum heart rate outside 25..250 bpm is set to null (stg_strava__validation_warnings
  records each one). has_heartrate is passed on as Strava gave it.

  A view: it only filters and repairs the checked rows, which are built incrementally,
  so a second copy would only cost a rebuild of every row on each run.
-#}

with

activity_checks as (
    select * from {{ ref('stg_strava__activity_checks') }}
    where is_accepted
),

repaired as (
    select
        athlete_id,
        activity_id,
        name,
        sport_type,
        workout_type,
        start_date,
        start_date_local,
        activity_date,
        timezone,
        distance_km,
        moving_time,
        elapsed_time,
        total_elevation_gain,
        case when {{ heart_rate_is_plausible('average_heartrate') }} then average_heartrate end as average_heartrate,
        case when {{ heart_rate_is_plausible('max_heartrate') }} then max_heartrate end as max_heartrate,
        has_heartrate,
        is_run,
        source_row_hash
    from activity_checks
),

final as (
    select * from repaired
)

select * from final
