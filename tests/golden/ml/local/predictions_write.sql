create schema if not exists "gold";

create table if not exists "gold"."athlete_predictions" ("athlete_id" bigint, "as_of_date" date, "predicted_5k_sec" double, "predicted_5k_sec_p10" double, "predicted_5k_sec_p90" double, "predicted_10k_sec" double, "predicted_10k_sec_p10" double, "predicted_10k_sec_p90" double, "predicted_21k_sec" double, "predicted_21k_sec_p10" double, "predicted_21k_sec_p90" double, "predicted_42k_sec" double, "predicted_42k_sec_p10" double, "predicted_42k_sec_p90" double, "prediction_source" varchar, "is_riegel_fallback" boolean, "n_runs_to_date" bigint, "baseline_method" varchar, "baseline_5k_sec" double, "baseline_10k_sec" double, "baseline_21k_sec" double, "baseline_42k_sec" double, "overtraining_probability" double, "is_overtraining_risk_rule" boolean, "is_overtraining_risk" boolean, "time_estimator_version" varchar, "overtraining_detector_version" varchar, "predicted_at" timestamp);

-- replace;

delete from "gold"."athlete_predictions" where as_of_date between date '2026-11-22' and date '2026-11-22';

insert into "gold"."athlete_predictions" ("athlete_id", "as_of_date", "predicted_5k_sec", "predicted_5k_sec_p10", "predicted_5k_sec_p90", "predicted_10k_sec", "predicted_10k_sec_p10", "predicted_10k_sec_p90", "predicted_21k_sec", "predicted_21k_sec_p10", "predicted_21k_sec_p90", "predicted_42k_sec", "predicted_42k_sec_p10", "predicted_42k_sec_p90", "prediction_source", "is_riegel_fallback", "n_runs_to_date", "baseline_method", "baseline_5k_sec", "baseline_10k_sec", "baseline_21k_sec", "baseline_42k_sec", "overtraining_probability", "is_overtraining_risk_rule", "is_overtraining_risk", "time_estimator_version", "overtraining_detector_version", "predicted_at") values (7, cast('2026-11-22' as date), null, null, null, 2512.5, null, null, null, null, null, null, null, null, 'model ''v3''', false, 120, null, null, null, null, null, null, null, null, null, null, cast('2026-11-23 04:00:00' as timestamp));

-- cleanup
