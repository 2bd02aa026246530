{#- Accepted activities that break a validation rule or a repair: each row names the broken rule. -#}

with

activities as (
    select * from {{ ref('stg_strava__activities') }}
),

checks as (
    select
        athlete_id,
        activity_id,
        case
            when athlete_id is null or activity_id is null or start_date is null or start_date_local is null
                then 'null_key'
            when moving_time is null or elapsed_time is null then 'null_time'
            when moving_time <= 0 or elapsed_time <= 0 then 'non_positive_time'
            when moving_time > elapsed_time + 60 then 'moving_exceeds_elapsed'
            when distance_km < 0 then 'negative_distance'
            when is_run and (cast(moving_time as double) / 60 / distance_km < 2 or cast(moving_time as double) / 60 / distance_km > 30)
                then 'pace_out_of_range'
            when activity_date > cast('{{ var('as_of_date') }}' as date) then 'future_date'
            when not {{ heart_rate_is_plausible('average_heartrate') }} or not {{ heart_rate_is_plausible('max_heartrate') }}
                then 'hr_out_of_range'
            when is_run <> coalesce(sport_type in ('Run', 'TrailRun', 'VirtualRun') and distance_km > 0 and moving_time > 0, false)
                then 'is_run'
            when activity_date <> cast(start_date_local as date) then 'activity_date'
        end as broken_rule
    from activities
)

select * from checks
where broken_rule is not null
