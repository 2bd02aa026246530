create or replace table `uc_athlete_data`.`staging`.`stg_strava__validation_warnings` as
with

activity_checks as (
    select * from `uc_athlete_data`.`staging`.`stg_strava__activity_checks`
    where is_accepted
),

split_checks as (
    select * from `uc_athlete_data`.`staging`.`stg_strava__split_checks`
    where is_accepted
),

activity_repairs as (
    
    select
        'strava_activities' as source_table,
        athlete_id,
        activity_id,
        cast(null as int) as split_id,
        'average_heartrate' as column_name,
        average_heartrate as original_value,
        'set_null' as action,
        'hr_out_of_range' as rule
    from activity_checks
    where not (average_heartrate >= 25 and average_heartrate <= 250)
    union all
    select
        'strava_activities' as source_table,
        athlete_id,
        activity_id,
        cast(null as int) as split_id,
        'max_heartrate' as column_name,
        max_heartrate as original_value,
        'set_null' as action,
        'hr_out_of_range' as rule
    from activity_checks
    where not (max_heartrate >= 25 and max_heartrate <= 250)
),

split_repairs as (
    
    select
        'strava_sub_activity' as source_table,
        athlete_id,
        activity_id,
        split_id,
        'average_heartrate' as column_name,
        average_heartrate as original_value,
        'set_null' as action,
        'hr_out_of_range' as rule
    from split_checks
    where not (average_heartrate >= 25 and average_heartrate <= 250)
    union all
    select
        'strava_sub_activity' as source_table,
        athlete_id,
        activity_id,
        split_id,
        'max_heartrate' as column_name,
        max_heartrate as original_value,
        'set_null' as action,
        'hr_out_of_range' as rule
    from split_checks
    where not (max_heartrate >= 25 and max_heartrate <= 250)
),

final as (
    select * from activity_repairs
    union all
    select * from split_repairs
)

select * from final;
