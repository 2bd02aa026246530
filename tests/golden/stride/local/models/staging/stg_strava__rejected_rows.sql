drop table if exists "staging"."stg_strava__rejected_rows__stride_tmp";

create table "staging"."stg_strava__rejected_rows__stride_tmp" as (
with

activity_checks as (
    select * from "staging"."stg_strava__activity_checks"
    where not is_accepted
),

split_checks as (
    select * from "staging"."stg_strava__split_checks"
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
        cast(json_object('athlete_id', athlete_id_text, 'id', id_text, 'name', name_text, 'sport_type', sport_type_text, 'workout_type', workout_type_text, 'start_date', start_date_text, 'start_date_local', start_date_local_text, 'timezone', timezone_text, 'distance_km', distance_km_text, 'moving_time', moving_time_text, 'elapsed_time', elapsed_time_text, 'total_elevation_gain', total_elevation_gain_text, 'pace_min_km', pace_min_km_text, 'average_heartrate', average_heartrate_text, 'max_heartrate', max_heartrate_text, 'has_heartrate', has_heartrate_text) as varchar) as raw_values
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
        cast(json_object('athlete_id', athlete_id_text, 'activity_id', activity_id_text, 'split_id', split_id_text, 'distance_km', distance_km_text, 'moving_time', moving_time_text, 'elapsed_time', elapsed_time_text, 'average_heartrate', average_heartrate_text, 'max_heartrate', max_heartrate_text) as varchar) as raw_values
    from split_checks
),

final as (
    select * from rejected_activities
    union all
    select * from rejected_splits
)

select * from final
);

drop table if exists "staging"."stg_strava__rejected_rows";

alter table "staging"."stg_strava__rejected_rows__stride_tmp" rename to "stg_strava__rejected_rows";
