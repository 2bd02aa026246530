select * from `uc_athlete_data`.`staging`.`stg_runs` where distance_km >= 10;
