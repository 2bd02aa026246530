with rolling as (
  select
    athlete_id,
    as_of_date,
    daily_tss,
    acwr,
    tsb,
    training_monotony,
    training_strain,
    rest_days_7d,
    ctl_42d,
    atl_7d,
    ramp_rate_7d,
    acwr_uncoupled,
    is_overtraining_risk
  from `uc_athlete_data`.`feature_store`.`athlete_rolling_features`
),
daily_spike as (
  select athlete_id, activity_date, max(spike_ratio) as spike_ratio
  from `uc_athlete_data`.`feature_store`.`activity_features`
  where is_run
  group by athlete_id, activity_date
),
with_spike as (
  select
    r.*,
    max(d.spike_ratio) over (
      partition by r.athlete_id order by r.as_of_date rows between 6 preceding and current row
    ) as spike_ratio_7d
  from rolling as r
  left join daily_spike as d on d.athlete_id = r.athlete_id and d.activity_date = r.as_of_date
),
rest_days as (
  select
    athlete_id,
    as_of_date,
    daily_tss = 0 as is_rest,
    row_number() over (partition by athlete_id order by as_of_date)
      - row_number() over (partition by athlete_id, daily_tss = 0 order by as_of_date) as island
  from rolling
),
breaks as (
  select athlete_id, min(as_of_date) as break_start
  from rest_days
  where is_rest
  group by athlete_id, island
  having count(*) >= 7
),
break_ahead as (
  select s.athlete_id, s.as_of_date, count(b.break_start) as n_breaks_ahead
  from rolling as s
  join breaks as b
    on b.athlete_id = s.athlete_id
    and b.break_start > s.as_of_date
    and b.break_start <= s.as_of_date + interval 14 day
  group by s.athlete_id, s.as_of_date
),
last_days as (
  select athlete_id, max(as_of_date) as last_day
  from rolling
  group by athlete_id
),
final as (
  select
    s.*,
    coalesce(a.n_breaks_ahead, 0) > 0 as proxy_label,
    s.as_of_date + interval 14 day <= l.last_day as label_known
  from with_spike as s
  join last_days as l on l.athlete_id = s.athlete_id
  left join break_ahead as a on a.athlete_id = s.athlete_id and a.as_of_date = s.as_of_date
)
select * from final where as_of_date between date '2026-01-01' and date '2026-11-22' order by athlete_id, as_of_date
