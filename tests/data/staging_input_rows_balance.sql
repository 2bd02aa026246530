{#- Input rows = accepted rows + rejected rows, for each silver table: staging never drops or invents a row. -#}

with

activity_input as (
    select count(*) as n_rows from {{ source('silver', 'strava_activities') }}
),

split_input as (
    select count(*) as n_rows from {{ source('silver', 'strava_sub_activity') }}
),

accepted_activities as (
    select count(*) as n_rows from {{ ref('stg_strava__activities') }}
),

accepted_splits as (
    select count(*) as n_rows from {{ ref('stg_strava__splits') }}
),

rejected as (
    select
        sum(case when source_table = 'strava_activities' then 1 else 0 end) as n_activities,
        sum(case when source_table = 'strava_sub_activity' then 1 else 0 end) as n_splits
    from {{ ref('stg_strava__rejected_rows') }}
),

balance as (
    select
        'strava_activities' as source_table,
        activity_input.n_rows as input_rows,
        accepted_activities.n_rows as accepted_rows,
        coalesce(rejected.n_activities, 0) as rejected_rows
    from activity_input
    cross join accepted_activities
    cross join rejected
    union all
    select
        'strava_sub_activity' as source_table,
        split_input.n_rows as input_rows,
        accepted_splits.n_rows as accepted_rows,
        coalesce(rejected.n_splits, 0) as rejected_rows
    from split_input
    cross join accepted_splits
    cross join rejected
)

select * from balance
where input_rows <> accepted_rows + rejected_rows
