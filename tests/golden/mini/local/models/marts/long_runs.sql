select * from "staging"."stg_runs" where distance_km >= 10;
