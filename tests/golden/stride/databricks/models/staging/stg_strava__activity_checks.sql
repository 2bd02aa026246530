create or replace table `uc_athlete_data`.`staging`.`stg_strava__activity_checks` as
with

source as (
    select * from `uc_athlete_data`.`silver`.`strava_activities`
),

as_text as (
    -- every contract column as text, so typed and all-text sources read alike; empty is missing
    select
        nullif(cast(athlete_id as string), '') as athlete_id_text,
        nullif(cast(id as string), '') as id_text,
        nullif(cast(name as string), '') as name_text,
        nullif(cast(sport_type as string), '') as sport_type_text,
        nullif(cast(workout_type as string), '') as workout_type_text,
        nullif(cast(start_date as string), '') as start_date_text,
        nullif(cast(start_date_local as string), '') as start_date_local_text,
        nullif(cast(timezone as string), '') as timezone_text,
        nullif(cast(distance_km as string), '') as distance_km_text,
        nullif(cast(moving_time as string), '') as moving_time_text,
        nullif(cast(elapsed_time as string), '') as elapsed_time_text,
        nullif(cast(total_elevation_gain as string), '') as total_elevation_gain_text,
        nullif(cast(pace_min_km as string), '') as pace_min_km_text,
        nullif(cast(average_heartrate as string), '') as average_heartrate_text,
        nullif(cast(max_heartrate as string), '') as max_heartrate_text,
        nullif(cast(has_heartrate as string), '') as has_heartrate_text
    from source
),

source_keys as (
    -- the key is parsed first: an incremental build finds what changed by key before parsing the rest
    select
        *,
        case
            when cast(try_cast(trim(athlete_id_text) as bigint) as string) = trim(athlete_id_text)
                then try_cast(trim(athlete_id_text) as bigint)
            else case
            when case
            when (trim(athlete_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(athlete_id_text) as double) - try_cast(trim(athlete_id_text) as double))
                then try_cast(trim(athlete_id_text) as double)
        end = round(case
            when (trim(athlete_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(athlete_id_text) as double) - try_cast(trim(athlete_id_text) as double))
                then try_cast(trim(athlete_id_text) as double)
        end)
                and case
            when (trim(athlete_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(athlete_id_text) as double) - try_cast(trim(athlete_id_text) as double))
                then try_cast(trim(athlete_id_text) as double)
        end >= -9.223372036854775808e18
                and case
            when (trim(athlete_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(athlete_id_text) as double) - try_cast(trim(athlete_id_text) as double))
                then try_cast(trim(athlete_id_text) as double)
        end < 9.223372036854775808e18
                then coalesce(try_cast(trim(athlete_id_text) as bigint), try_cast(case
            when (trim(athlete_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(athlete_id_text) as double) - try_cast(trim(athlete_id_text) as double))
                then try_cast(trim(athlete_id_text) as double)
        end as bigint))
        end
        end as athlete_id,
        case
            when cast(try_cast(trim(id_text) as bigint) as string) = trim(id_text)
                then try_cast(trim(id_text) as bigint)
            else case
            when case
            when (trim(id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(id_text) as double) - try_cast(trim(id_text) as double))
                then try_cast(trim(id_text) as double)
        end = round(case
            when (trim(id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(id_text) as double) - try_cast(trim(id_text) as double))
                then try_cast(trim(id_text) as double)
        end)
                and case
            when (trim(id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(id_text) as double) - try_cast(trim(id_text) as double))
                then try_cast(trim(id_text) as double)
        end >= -9.223372036854775808e18
                and case
            when (trim(id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(id_text) as double) - try_cast(trim(id_text) as double))
                then try_cast(trim(id_text) as double)
        end < 9.223372036854775808e18
                then coalesce(try_cast(trim(id_text) as bigint), try_cast(case
            when (trim(id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(id_text) as double) - try_cast(trim(id_text) as double))
                then try_cast(trim(id_text) as double)
        end as bigint))
        end
        end as activity_id,
        xxhash64(array(athlete_id_text is null, id_text is null, name_text is null, sport_type_text is null, workout_type_text is null, start_date_text is null, start_date_local_text is null, timezone_text is null, distance_km_text is null, moving_time_text is null, elapsed_time_text is null, total_elevation_gain_text is null, pace_min_km_text is null, average_heartrate_text is null, max_heartrate_text is null, has_heartrate_text is null), athlete_id_text, id_text, name_text, sport_type_text, workout_type_text, start_date_text, start_date_local_text, timezone_text, distance_km_text, moving_time_text, elapsed_time_text, total_elevation_gain_text, pace_min_km_text, average_heartrate_text, max_heartrate_text, has_heartrate_text) as source_row_hash
    from as_text
),

rows_to_check as (
    select * from source_keys
),

parsed as (
    -- numbers, booleans and timestamps read strictly from the trimmed text; text columns as they came
    select
        *,
        name_text as name,
        sport_type_text as sport_type,
        case
            when (trim(workout_type_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(workout_type_text) as double) - try_cast(trim(workout_type_text) as double))
                then try_cast(trim(workout_type_text) as double)
        end as workout_type_number,
        case
        when not (trim(cast(start_date_text as string)) rlike '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)?$') then null
        when (substr(trim(cast(start_date_text as string)), 11) rlike '(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)$')
            then to_utc_timestamp(try_cast(regexp_replace(trim(cast(start_date_text as string)), ' ?UTC$', 'Z') as timestamp), current_timezone())
        else try_cast(regexp_replace(substr(trim(cast(start_date_text as string)), 1, 10) || regexp_replace(substr(trim(cast(start_date_text as string)), 11), '(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)$', ''), 'T', ' ') as timestamp)
    end as start_date,
        case
        when not (trim(cast(start_date_local_text as string)) rlike '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)?$') then null
        else try_cast(regexp_replace(substr(trim(cast(start_date_local_text as string)), 1, 10) || regexp_replace(substr(trim(cast(start_date_local_text as string)), 11), '(Z|UTC| UTC|[+-][0-9]{2}(:?[0-9]{2})?)$', ''), 'T', ' ') as timestamp)
    end as start_date_local,
        timezone_text as timezone,
        case
            when (trim(distance_km_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(distance_km_text) as double) - try_cast(trim(distance_km_text) as double))
                then try_cast(trim(distance_km_text) as double)
        end as distance_km,
        case
            when (trim(moving_time_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(moving_time_text) as double) - try_cast(trim(moving_time_text) as double))
                then try_cast(trim(moving_time_text) as double)
        end as moving_time_number,
        case
            when (trim(elapsed_time_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(elapsed_time_text) as double) - try_cast(trim(elapsed_time_text) as double))
                then try_cast(trim(elapsed_time_text) as double)
        end as elapsed_time_number,
        case
            when (trim(total_elevation_gain_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(total_elevation_gain_text) as double) - try_cast(trim(total_elevation_gain_text) as double))
                then try_cast(trim(total_elevation_gain_text) as double)
        end as total_elevation_gain,
        case
            when (trim(pace_min_km_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(pace_min_km_text) as double) - try_cast(trim(pace_min_km_text) as double))
                then try_cast(trim(pace_min_km_text) as double)
        end as pace_min_km,
        case
            when (trim(average_heartrate_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(average_heartrate_text) as double) - try_cast(trim(average_heartrate_text) as double))
                then try_cast(trim(average_heartrate_text) as double)
        end as average_heartrate,
        case
            when (trim(max_heartrate_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(max_heartrate_text) as double) - try_cast(trim(max_heartrate_text) as double))
                then try_cast(trim(max_heartrate_text) as double)
        end as max_heartrate,
        case
        when lower(trim(cast(has_heartrate_text as string))) in ('true', 't', 'yes', 'y', '1') then true
        when lower(trim(cast(has_heartrate_text as string))) in ('false', 'f', 'no', 'n', '0') then false
    end as has_heartrate
    from rows_to_check
),

typed as (
    select
        *,
        case
            when workout_type_number = round(workout_type_number)
                and workout_type_number >= -2147483648
                and workout_type_number < 2147483648
                then coalesce(try_cast(trim(workout_type_text) as int), try_cast(workout_type_number as int))
        end as workout_type,
        case
            when moving_time_number = round(moving_time_number)
                and moving_time_number >= -9.223372036854775808e18
                and moving_time_number < 9.223372036854775808e18
                then coalesce(try_cast(trim(moving_time_text) as bigint), try_cast(moving_time_number as bigint))
        end as moving_time,
        case
            when elapsed_time_number = round(elapsed_time_number)
                and elapsed_time_number >= -9.223372036854775808e18
                and elapsed_time_number < 9.223372036854775808e18
                then coalesce(try_cast(trim(elapsed_time_text) as bigint), try_cast(elapsed_time_number as bigint))
        end as elapsed_time
    from parsed
),

parse_outcome as (
    select
        *,
        (athlete_id_text is null or id_text is null or start_date_text is null or start_date_local_text is null)
            as is_key_missing,
        (athlete_id is null or activity_id is null or start_date is null or start_date_local is null)
            as is_key_unusable,
        (
            (athlete_id_text is not null and athlete_id is null)
            or (id_text is not null and activity_id is null)
            or (workout_type_text is not null and workout_type is null)
            or (start_date_text is not null and start_date is null)
            or (start_date_local_text is not null and start_date_local is null)
            or (distance_km_text is not null and distance_km is null)
            or (moving_time_text is not null and moving_time is null)
            or (elapsed_time_text is not null and elapsed_time is null)
            or (total_elevation_gain_text is not null and total_elevation_gain is null)
            or (pace_min_km_text is not null and pace_min_km is null)
            or (average_heartrate_text is not null and average_heartrate is null)
            or (max_heartrate_text is not null and max_heartrate is null)
            or (has_heartrate_text is not null and has_heartrate is null)
        ) as has_unparsable_value,
        coalesce(
            sport_type in ('Run', 'TrailRun', 'VirtualRun') and distance_km > 0 and moving_time > 0,
            false
        ) as is_run
    from typed
),

copies_ranked as (
    -- rank 1 is the copy of an (athlete_id, activity_id) that is kept
    select
        *,
        row_number() over (
            partition by is_key_unusable, athlete_id, activity_id
            order by
                athlete_id_text desc nulls last,
                id_text desc nulls last,
                name_text desc nulls last,
                sport_type_text desc nulls last,
                workout_type_text desc nulls last,
                start_date_text desc nulls last,
                start_date_local_text desc nulls last,
                timezone_text desc nulls last,
                distance_km_text desc nulls last,
                moving_time_text desc nulls last,
                elapsed_time_text desc nulls last,
                total_elevation_gain_text desc nulls last,
                pace_min_km_text desc nulls last,
                average_heartrate_text desc nulls last,
                max_heartrate_text desc nulls last,
                has_heartrate_text desc nulls last
        ) as copy_rank
    from parse_outcome
),

rule_results as (
    select
        *,
        (moving_time_text is null or elapsed_time_text is null) as fails_null_time,
        coalesce(moving_time <= 0 or elapsed_time <= 0, false) as fails_non_positive_time,
        coalesce(moving_time > elapsed_time + 60, false) as fails_moving_exceeds_elapsed,
        coalesce(distance_km < 0, false) as fails_negative_distance,
        has_unparsable_value as fails_unparsable,
        coalesce(
            is_run and (
                cast(moving_time as double) / 60 / distance_km < 2
                or cast(moving_time as double) / 60 / distance_km > 30
            ),
            false
        ) as fails_pace_out_of_range,
        coalesce(cast(start_date_local as date) > cast('2026-11-22' as date), false) as fails_future_date
    from copies_ranked
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
                case when fails_pace_out_of_range then 'pace_out_of_range' end,
                case when fails_future_date then 'future_date' end
            ), '')
        end as failed_rules
    from rule_results
),

final as (
    select
        athlete_id_text,
        id_text,
        name_text,
        sport_type_text,
        workout_type_text,
        start_date_text,
        start_date_local_text,
        timezone_text,
        distance_km_text,
        moving_time_text,
        elapsed_time_text,
        total_elevation_gain_text,
        pace_min_km_text,
        average_heartrate_text,
        max_heartrate_text,
        has_heartrate_text,
        athlete_id,
        activity_id,
        name,
        sport_type,
        workout_type,
        start_date,
        start_date_local,
        cast(start_date_local as date) as activity_date,
        timezone,
        distance_km,
        moving_time,
        elapsed_time,
        total_elevation_gain,
        pace_min_km,
        average_heartrate,
        max_heartrate,
        has_heartrate,
        is_run,
        failed_rules is null as is_accepted,
        case
            when failed_rules like '%,%' then substr(failed_rules, 1, instr(failed_rules, ',') - 1)
            else failed_rules
        end as reason_code,
        failed_rules,
        source_row_hash
    from outcome
)

select * from final;
