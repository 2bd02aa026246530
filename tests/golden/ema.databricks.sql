-- golden: ema() rendered for Databricks SQL (load_model trainingpeaks)
select
    athlete_id,
    day_number,
    (
        (1 / cast(42 as double)) * exp((day_number % 8200) * ln(1 - 1 / cast(42 as double))) * sum(daily_tss * exp(-(day_number % 8200) * ln(1 - 1 / cast(42 as double)))) over (
            partition by athlete_id, day_number - (day_number % 8200)
            order by day_number
            range between unbounded preceding and current row
        )
        + (1 / cast(42 as double)) * exp((8200 + (day_number % 8200)) * ln(1 - 1 / cast(42 as double))) * coalesce(sum(daily_tss * exp(-(day_number % 8200) * ln(1 - 1 / cast(42 as double)))) over (
            partition by athlete_id
            order by day_number - (day_number % 8200)
            range between 8200 preceding and 8200 preceding
        ), 0)
    ) as ctl_42d,
    (
        (1 / cast(7 as double)) * exp((day_number % 1200) * ln(1 - 1 / cast(7 as double))) * sum(daily_tss * exp(-(day_number % 1200) * ln(1 - 1 / cast(7 as double)))) over (
            partition by athlete_id, day_number - (day_number % 1200)
            order by day_number
            range between unbounded preceding and current row
        )
        + (1 / cast(7 as double)) * exp((1200 + (day_number % 1200)) * ln(1 - 1 / cast(7 as double))) * coalesce(sum(daily_tss * exp(-(day_number % 1200) * ln(1 - 1 / cast(7 as double)))) over (
            partition by athlete_id
            order by day_number - (day_number % 1200)
            range between 1200 preceding and 1200 preceding
        ), 0)
    ) as atl_7d
from daily_load
