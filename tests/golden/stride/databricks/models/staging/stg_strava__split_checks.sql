create or replace table `uc_athlete_data`.`staging`.`stg_strava__split_checks` as
with

source as (
    select * from `uc_athlete_data`.`silver`.`strava_sub_activity`
),

accepted_activities as (
    select athlete_id, activity_id from `uc_athlete_data`.`staging`.`stg_strava__activities`
),

as_text as (
    -- every contract column as text, so typed and all-text sources read alike; empty is missing
    select
        nullif(cast(athlete_id as string), '') as athlete_id_text,
        nullif(cast(activity_id as string), '') as activity_id_text,
        nullif(cast(split_id as string), '') as split_id_text,
        nullif(cast(distance_km as string), '') as distance_km_text,
        nullif(cast(moving_time as string), '') as moving_time_text,
        nullif(cast(elapsed_time as string), '') as elapsed_time_text,
        nullif(cast(average_heartrate as string), '') as average_heartrate_text,
        nullif(cast(max_heartrate as string), '') as max_heartrate_text
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
            when cast(try_cast(trim(activity_id_text) as bigint) as string) = trim(activity_id_text)
                then try_cast(trim(activity_id_text) as bigint)
            else case
            when case
            when (trim(activity_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(activity_id_text) as double) - try_cast(trim(activity_id_text) as double))
                then try_cast(trim(activity_id_text) as double)
        end = round(case
            when (trim(activity_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(activity_id_text) as double) - try_cast(trim(activity_id_text) as double))
                then try_cast(trim(activity_id_text) as double)
        end)
                and case
            when (trim(activity_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(activity_id_text) as double) - try_cast(trim(activity_id_text) as double))
                then try_cast(trim(activity_id_text) as double)
        end >= -9.223372036854775808e18
                and case
            when (trim(activity_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(activity_id_text) as double) - try_cast(trim(activity_id_text) as double))
                then try_cast(trim(activity_id_text) as double)
        end < 9.223372036854775808e18
                then coalesce(try_cast(trim(activity_id_text) as bigint), try_cast(case
            when (trim(activity_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(activity_id_text) as double) - try_cast(trim(activity_id_text) as double))
                then try_cast(trim(activity_id_text) as double)
        end as bigint))
        end
        end as activity_id,
        xxhash64(array(athlete_id_text is null, activity_id_text is null, split_id_text is null, distance_km_text is null, moving_time_text is null, elapsed_time_text is null, average_heartrate_text is null, max_heartrate_text is null), athlete_id_text, activity_id_text, split_id_text, distance_km_text, moving_time_text, elapsed_time_text, average_heartrate_text, max_heartrate_text) as source_row_hash
    from as_text
),

rows_to_check as (
    select * from source_keys
),

parsed as (
    select
        *,
        case
            when (trim(split_id_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(split_id_text) as double) - try_cast(trim(split_id_text) as double))
                then try_cast(trim(split_id_text) as double)
        end as split_id_number,
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
            when (trim(average_heartrate_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(average_heartrate_text) as double) - try_cast(trim(average_heartrate_text) as double))
                then try_cast(trim(average_heartrate_text) as double)
        end as average_heartrate,
        case
            when (trim(max_heartrate_text) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$')
                and not isnan(try_cast(trim(max_heartrate_text) as double) - try_cast(trim(max_heartrate_text) as double))
                then try_cast(trim(max_heartrate_text) as double)
        end as max_heartrate
    from rows_to_check
),

typed as (
    select
        *,
        case
            when split_id_number = round(split_id_number)
                and split_id_number >= -2147483648
                and split_id_number < 2147483648
                then coalesce(try_cast(trim(split_id_text) as int), try_cast(split_id_number as int))
        end as split_id,
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
        (athlete_id_text is null or activity_id_text is null or split_id_text is null) as is_key_missing,
        (athlete_id is null or activity_id is null or split_id is null) as is_key_unusable,
        (
            (athlete_id_text is not null and athlete_id is null)
            or (activity_id_text is not null and activity_id is null)
            or (split_id_text is not null and split_id is null)
            or (distance_km_text is not null and distance_km is null)
            or (moving_time_text is not null and moving_time is null)
            or (elapsed_time_text is not null and elapsed_time is null)
            or (average_heartrate_text is not null and average_heartrate is null)
            or (max_heartrate_text is not null and max_heartrate is null)
        ) as has_unparsable_value
    from typed
),

copies_ranked as (
    -- rank 1 is the copy of an (athlete_id, activity_id, split_id) that is kept
    select
        *,
        row_number() over (
            partition by is_key_unusable, athlete_id, activity_id, split_id
            order by
                athlete_id_text desc nulls last,
                activity_id_text desc nulls last,
                split_id_text desc nulls last,
                distance_km_text desc nulls last,
                moving_time_text desc nulls last,
                elapsed_time_text desc nulls last,
                average_heartrate_text desc nulls last,
                max_heartrate_text desc nulls last
        ) as copy_rank
    from parse_outcome
),

rule_results as (
    select
        copies_ranked.*,
        (moving_time_text is null or elapsed_time_text is null) as fails_null_time,
        coalesce(moving_time <= 0 or elapsed_time <= 0, false) as fails_non_positive_time,
        coalesce(moving_time > elapsed_time + 60, false) as fails_moving_exceeds_elapsed,
        coalesce(distance_km < 0, false) as fails_negative_distance,
        has_unparsable_value as fails_unparsable,
        accepted_activities.activity_id is null as fails_activity_not_accepted
    from copies_ranked
    left join accepted_activities
        on copies_ranked.athlete_id = accepted_activities.athlete_id
        and copies_ranked.activity_id = accepted_activities.activity_id
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
                case when fails_activity_not_accepted then 'activity_not_accepted' end
            ), '')
        end as failed_rules
    from rule_results
),

final as (
    select
        athlete_id_text,
        activity_id_text,
        split_id_text,
        distance_km_text,
        moving_time_text,
        elapsed_time_text,
        average_heartrate_text,
        max_heartrate_text,
        athlete_id,
        activity_id,
        split_id,
        distance_km,
        moving_time,
        elapsed_time,
        average_heartrate,
        max_heartrate,
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
