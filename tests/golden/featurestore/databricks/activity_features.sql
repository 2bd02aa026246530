alter table `uc_athlete_data`.`feature_store`.`activity_features` alter column `athlete_id` set not null;

alter table `uc_athlete_data`.`feature_store`.`activity_features` alter column `activity_id` set not null;

alter table `uc_athlete_data`.`feature_store`.`activity_features` alter column `event_timestamp` set not null;

alter table `uc_athlete_data`.`feature_store`.`activity_features` drop primary key if exists;

alter table `uc_athlete_data`.`feature_store`.`activity_features` add constraint `activity_features_pk` primary key (`athlete_id`, `activity_id`, `event_timestamp` timeseries);

alter table `uc_athlete_data`.`feature_store`.`activity_features` set tags ('stride.feature_table' = 'true', 'stride.primary_keys' = 'athlete_id,activity_id', 'stride.timestamp_key' = 'event_timestamp', 'stride.timestamp_zone' = 'utc', 'stride.owner' = 'stride-features', 'stride.grain' = 'activity');

alter table `uc_athlete_data`.`feature_store`.`activity_features` set row filter `uc_athlete_data`.`feature_store`.`athlete_row_filter` on (`athlete_id`);
