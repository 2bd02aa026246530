select
    athlete_id,
    activity_id as spine_id,
    start_date_local as event_local,
    distance_km as race_km,
    moving_time_min * 60.0 as race_sec
  from `uc_athlete_data`.`feature_store`.`activity_features`
  where is_race and is_run and distance_km > 0 and moving_time_min > 0
