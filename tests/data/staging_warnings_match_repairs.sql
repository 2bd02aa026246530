{#-
  Every repair warning points at an accepted row whose value is now null, and every
  accepted row whose silver heart rate was out of range has its warning.
-#}

with

warnings as (
    select * from {{ ref('stg_strava__validation_warnings') }}
),

activity_checks as (
    select * from {{ ref('stg_strava__activity_checks') }}
    where is_accepted
),

split_checks as (
    select * from {{ ref('stg_strava__split_checks') }}
    where is_accepted
),

activities as (
    select * from {{ ref('stg_strava__activities') }}
),

splits as (
    select * from {{ ref('stg_strava__splits') }}
),

repaired_values as (
    -- every out-of-range heart rate of an accepted row, from silver's point of view
{%- for column in ['average_heartrate', 'max_heartrate'] %}
    {{ 'union all' if not loop.first }}
    select 'strava_activities' as source_table, athlete_id, activity_id, cast(null as int) as split_id, '{{ column }}' as column_name
    from activity_checks
    where not {{ heart_rate_is_plausible(column) }}
    union all
    select 'strava_sub_activity' as source_table, athlete_id, activity_id, split_id, '{{ column }}' as column_name
    from split_checks
    where not {{ heart_rate_is_plausible(column) }}
{%- endfor %}
),

missing_warnings as (
    select repaired_values.*, 'no warning for a repaired value' as problem
    from repaired_values
    left join warnings
        on repaired_values.source_table = warnings.source_table
        and repaired_values.athlete_id = warnings.athlete_id
        and repaired_values.activity_id = warnings.activity_id
        and coalesce(repaired_values.split_id, -1) = coalesce(warnings.split_id, -1)
        and repaired_values.column_name = warnings.column_name
    where warnings.column_name is null
),

value_kept as (
    -- a warned value must be null in the staged table
    select warnings.source_table, warnings.athlete_id, warnings.activity_id, warnings.split_id, warnings.column_name,
        'warned value not set to null' as problem
    from warnings
    left join activities
        on warnings.source_table = 'strava_activities'
        and warnings.athlete_id = activities.athlete_id
        and warnings.activity_id = activities.activity_id
    left join splits
        on warnings.source_table = 'strava_sub_activity'
        and warnings.athlete_id = splits.athlete_id
        and warnings.activity_id = splits.activity_id
        and warnings.split_id = splits.split_id
    where (activities.activity_id is null and splits.activity_id is null)
        or (warnings.column_name = 'average_heartrate' and coalesce(activities.average_heartrate, splits.average_heartrate) is not null)
        or (warnings.column_name = 'max_heartrate' and coalesce(activities.max_heartrate, splits.max_heartrate) is not null)
)

select * from missing_warnings
union all
select * from value_kept
