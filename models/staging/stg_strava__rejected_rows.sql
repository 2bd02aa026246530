{{ config(materialized='table') }}

{#-
  Every input row that staging did not accept, from both silver tables, with the
  reason and the row exactly as it arrived (a JSON object of its text values), so no
  row is ever dropped silently and each can be traced back and fixed at the source.
-#}

{%- set activity_columns = [
    'athlete_id', 'id', 'name', 'sport_type', 'workout_type', 'start_date',
    'start_date_local', 'timezone', 'distance_km', 'moving_time', 'elapsed_time',
    'total_elevation_gain', 'pace_min_km', 'average_heartrate', 'max_heartrate', 'has_heartrate'
] -%}
{%- set split_columns = [
    'athlete_id', 'activity_id', 'split_id', 'distance_km', 'moving_time', 'elapsed_time',
    'average_heartrate', 'max_heartrate'
] -%}

with

activity_checks as (
    select * from {{ ref('stg_strava__activity_checks') }}
    where not is_accepted
),

split_checks as (
    select * from {{ ref('stg_strava__split_checks') }}
    where not is_accepted
),

rejected_activities as (
    select
        'strava_activities' as source_table,
        athlete_id,
        activity_id,
        cast(null as int) as split_id,
        reason_code,
        failed_rules,
        {{ json_object_text(activity_columns, '_text') }} as raw_values
    from activity_checks
),

rejected_splits as (
    select
        'strava_sub_activity' as source_table,
        athlete_id,
        activity_id,
        split_id,
        reason_code,
        failed_rules,
        {{ json_object_text(split_columns, '_text') }} as raw_values
    from split_checks
),

final as (
    select * from rejected_activities
    union all
    select * from rejected_splits
)

select * from final
