alter table `uc_athlete_data`.`feature_store`.`athlete_daily_features` alter column `athlete_id` set not null;

alter table `uc_athlete_data`.`feature_store`.`athlete_daily_features` alter column `activity_date` set not null;

alter table `uc_athlete_data`.`feature_store`.`athlete_daily_features` drop primary key if exists;

alter table `uc_athlete_data`.`feature_store`.`athlete_daily_features` add constraint `athlete_daily_features_pk` primary key (`athlete_id`, `activity_date` timeseries);

alter table `uc_athlete_data`.`feature_store`.`athlete_daily_features` set tags ('stride.feature_table' = 'true', 'stride.primary_keys' = 'athlete_id', 'stride.timestamp_key' = 'activity_date', 'stride.timestamp_zone' = 'local', 'stride.owner' = 'stride-features', 'stride.grain' = 'athlete_day');

alter table `uc_athlete_data`.`feature_store`.`athlete_daily_features` set row filter `uc_athlete_data`.`feature_store`.`athlete_row_filter` on (`athlete_id`);
