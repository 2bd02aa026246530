{{ config(materialized='table') }}

{#-
  One row per value that staging repaired in an accepted row: today only heart rates
  outside 25..250 bpm, which are set to null. Rejected rows get no warnings: they
  are not used at all.
-#}

{%- set heart_rate_columns = ['average_heartrate', 'max_heartrate'] -%}

with

activity_checks as (
    select * from {{ ref('stg_strava__activity_checks') }}
    where is_accepted
),

split_checks as (
    select * from {{ ref('stg_strava__split_checks') }}
    where is_accepted
),

activity_repairs as (
{%- for column in heart_rate_columns %}
    {{ 'union all' if not loop.first }}
    select
        'strava_activities' as source_table,
        athlete_id,
        activity_id,
        cast(null as int) as split_id,
        '{{ column }}' as column_name,
        {{ column }} as original_value,
        'set_null' as action,
        'hr_out_of_range' as rule
    from activity_checks
    where not {{ heart_rate_is_plausible(column) }}
{%- endfor %}
),

split_repairs as (
{%- for column in heart_rate_columns %}
    {{ 'union all' if not loop.first }}
    select
        'strava_sub_activity' as source_table,
        athlete_id,
        activity_id,
        split_id,
        '{{ column }}' as column_name,
        {{ column }} as original_value,
        'set_null' as action,
        'hr_out_of_range' as rule
    from split_checks
    where not {{ heart_rate_is_plausible(column) }}
{%- endfor %}
),

final as (
    select * from activity_repairs
    union all
    select * from split_repairs
)

select * from final
