drop table if exists "marts"."athlete_totals__stride_tmp";

create table "marts"."athlete_totals__stride_tmp" as (
with runs as (
    select * from "staging"."stg_runs"
),

long_runs as (
    select athlete_id, count(*) as n_long_runs from (
select * from "staging"."stg_runs" where distance_km >= 10
) group by athlete_id
),

final as (
    select
        runs.athlete_id,
        sum(runs.distance_km) as total_km,
        count(*) as n_runs,
        coalesce(max(long_runs.n_long_runs), 0) as n_long_runs
    from runs
    left join long_runs on long_runs.athlete_id = runs.athlete_id
    
    group by runs.athlete_id
)

select *, (select max(run_date) from runs) as last_run from final
);

drop table if exists "marts"."athlete_totals";

alter table "marts"."athlete_totals__stride_tmp" rename to "athlete_totals";
