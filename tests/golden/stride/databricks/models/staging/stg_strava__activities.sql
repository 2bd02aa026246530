create or replace view `uc_athlete_data`.`staging`.`stg_strava__activities` as
with

activity_checks as (
    select * from `uc_athlete_data`.`staging`.`stg_strava__activity_checks`
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
        case when (average_heartrate >= 25 and average_heartrate <= 250) then average_heartrate end as average_heartrate,
        case when (max_heartrate >= 25 and max_heartrate <= 250) then max_heartrate end as max_heartrate,
        has_heartrate,
        is_run,
        source_row_hash
    from activity_checks
),

final as (
    select * from repaired
)

select * from final;
