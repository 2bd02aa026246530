create or replace view "staging"."stg_strava__splits" as (
with

split_checks as (
    select * from "staging"."stg_strava__split_checks"
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
        case when (average_heartrate >= 25 and average_heartrate <= 250) then average_heartrate end as average_heartrate,
        case when (max_heartrate >= 25 and max_heartrate <= 250) then max_heartrate end as max_heartrate,
        source_row_hash
    from split_checks
),

final as (
    select * from repaired
)

select * from final
);
