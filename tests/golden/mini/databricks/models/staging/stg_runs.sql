create or replace view `uc_athlete_data`.`staging`.`stg_runs` as
select
    athlete_id,
    run_id,
    cast(run_date as date) as run_date,
    distance_km,
    (distance_km * 0.621371192) as distance_miles
from `uc_athlete_data`.`raw`.`runs`
where distance_km > 0;
