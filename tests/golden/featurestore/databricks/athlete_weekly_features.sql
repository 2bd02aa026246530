alter table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` alter column `athlete_id` set not null;

alter table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` alter column `week_start` set not null;

alter table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` drop primary key if exists;

alter table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` add constraint `athlete_weekly_features_pk` primary key (`athlete_id`, `week_start` timeseries);

alter table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` set tags ('stride.feature_table' = 'true', 'stride.primary_keys' = 'athlete_id', 'stride.timestamp_key' = 'week_start', 'stride.timestamp_zone' = 'local', 'stride.owner' = 'stride-features', 'stride.grain' = 'athlete_week');

alter table `uc_athlete_data`.`feature_store`.`athlete_weekly_features` set row filter `uc_athlete_data`.`feature_store`.`athlete_row_filter` on (`athlete_id`);
