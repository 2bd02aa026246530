create table if not exists `uc_athlete_data`.`feature_store`.`athlete_access` (
    principal string not null comment 'User name or service principal application id, as current_user() returns it.',
    athlete_id bigint not null comment 'An athlete whose feature rows the principal may read.'
)
comment 'Who may read which athlete in the feature tables (Stride row filter).';

create or replace function `uc_athlete_data`.`feature_store`.`athlete_row_filter`(row_athlete_id bigint)
returns boolean
comment 'Row filter of the Stride feature tables: members of stride_admins see every athlete, other principals the athletes granted in athlete_access.'
return is_account_group_member('stride_admins')
    or exists (
        select 1
        from `uc_athlete_data`.`feature_store`.`athlete_access` as access
        where access.principal = current_user()
            and access.athlete_id = row_athlete_id
    );
