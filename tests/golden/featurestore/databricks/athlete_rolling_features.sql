alter table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` alter column `athlete_id` set not null;

alter table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` alter column `feature_available_at` set not null;

alter table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` drop primary key if exists;

alter table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` add constraint `athlete_rolling_features_pk` primary key (`athlete_id`, `feature_available_at` timeseries);

alter table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` set tags ('stride.feature_table' = 'true', 'stride.primary_keys' = 'athlete_id', 'stride.timestamp_key' = 'feature_available_at', 'stride.timestamp_zone' = 'local', 'stride.owner' = 'stride-features', 'stride.grain' = 'athlete_day');

alter table `uc_athlete_data`.`feature_store`.`athlete_rolling_features` set row filter `uc_athlete_data`.`feature_store`.`athlete_row_filter` on (`athlete_id`);
