create or replace view "staging"."stg_runs" as (
select
    athlete_id,
    run_id,
    cast(run_date as date) as run_date,
    distance_km,
    (distance_km / 1.609344) as distance_miles
from "raw"."runs"
where distance_km > 0
);
