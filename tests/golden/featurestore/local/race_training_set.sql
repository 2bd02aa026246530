with spine as (
    select
        row_number() over (order by s."athlete_id", s."event_timestamp") as stride_spine_row,
        s.*
    from (
        select athlete_id, race_id, event_timestamp, event_timestamp_local, race_minutes from "ml"."race_spine"
    ) as s
),

"lookup_1" as (
    select
        spine.stride_spine_row,
        f."ctl_42d" as "ctl_42d",
        f."tsb" as "tsb"
    from spine
    inner join "feature_store"."athlete_rolling_features" as f
        on f."athlete_id" = spine."athlete_id"
        and cast(f."feature_available_at" as timestamp) <= cast(spine."event_timestamp_local" as timestamp)
        and cast(f."feature_available_at" as timestamp) >= cast(spine."event_timestamp_local" as timestamp) - interval 28 day
    qualify row_number() over (
        partition by spine.stride_spine_row
        order by cast(f."feature_available_at" as timestamp) desc
    ) = 1
),

"lookup_2" as (
    select
        spine.stride_spine_row,
        f."weekly_tss" as "last_week_tss"
    from spine
    inner join "feature_store"."athlete_weekly_features" as f
        on f."athlete_id" = spine."athlete_id"
        and cast(f."week_start" as timestamp) + interval 7 day <= cast(spine."event_timestamp_local" as timestamp)
    qualify row_number() over (
        partition by spine.stride_spine_row
        order by cast(f."week_start" as timestamp) + interval 7 day desc
    ) = 1
),

"lookup_3" as (
    select
        spine.stride_spine_row,
        f."estimated_tss" as "last_activity_tss"
    from spine
    inner join "feature_store"."activity_features" as f
        on f."athlete_id" = spine."athlete_id"
        and cast(f."event_timestamp" as timestamp) < cast(spine."event_timestamp" as timestamp)
    qualify row_number() over (
        partition by spine.stride_spine_row
        order by cast(f."event_timestamp" as timestamp) desc, f."activity_id" desc
    ) = 1
),

final as (
    select
        spine.stride_spine_row,
        spine."athlete_id",
        spine."race_id",
        spine."event_timestamp",
        spine."event_timestamp_local",
        spine."race_minutes",
        "lookup_1"."ctl_42d",
        "lookup_1"."tsb",
        "lookup_2"."last_week_tss",
        "lookup_3"."last_activity_tss"
    from spine
    left join "lookup_1"
        on "lookup_1".stride_spine_row = spine.stride_spine_row
    left join "lookup_2"
        on "lookup_2".stride_spine_row = spine.stride_spine_row
    left join "lookup_3"
        on "lookup_3".stride_spine_row = spine.stride_spine_row
)

select
    "athlete_id",
    "race_id",
    "event_timestamp",
    "event_timestamp_local",
    "race_minutes",
    "ctl_42d",
    "tsb",
    "last_week_tss",
    "last_activity_tss"
from final
order by stride_spine_row
