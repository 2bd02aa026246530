{#- Accepted splits that break a validation rule or a repair, or whose activity is not accepted. -#}

with

splits as (
    select * from {{ ref('stg_strava__splits') }}
),

activities as (
    select athlete_id, activity_id from {{ ref('stg_strava__activities') }}
),

checks as (
    select
        splits.athlete_id,
        splits.activity_id,
        splits.split_id,
        case
            when splits.athlete_id is null or splits.activity_id is null or splits.split_id is null then 'null_key'
            when splits.moving_time is null or splits.elapsed_time is null then 'null_time'
            when splits.moving_time <= 0 or splits.elapsed_time <= 0 then 'non_positive_time'
            when splits.moving_time > splits.elapsed_time + 60 then 'moving_exceeds_elapsed'
            when splits.distance_km < 0 then 'negative_distance'
            when activities.activity_id is null then 'activity_not_accepted'
            when not {{ heart_rate_is_plausible('splits.average_heartrate') }} or not {{ heart_rate_is_plausible('splits.max_heartrate') }}
                then 'hr_out_of_range'
        end as broken_rule
    from splits
    left join activities
        on splits.athlete_id = activities.athlete_id
        and splits.activity_id = activities.activity_id
)

select * from checks
where broken_rule is not null
