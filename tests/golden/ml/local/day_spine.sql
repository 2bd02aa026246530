select
    athlete_id,
    row_number() over (order by athlete_id, as_of_date) as spine_id,
    as_of_date,
    cast(as_of_date as timestamp) + interval 1 day as event_local
  from "feature_store"."athlete_rolling_features"
  where as_of_date between date '2026-11-01' and date '2026-11-22'
