// Section 5: one row per athlete per ISO week, from the week of the first activity
// day to the week of the as-of date. Days before the first activity are rest days
// with zero load; the current week holds only the days up to the as-of date, and
// its monotony and strain use those days only.
import { formatDay, isoWeekStart, parseDay, requireDay } from './dates.ts';
import { weightedMean } from './daily-features.ts';
import { byKeys, groupBy } from './sort.ts';
import { monotony, strain, sum } from './stats.ts';
import type { DailyFeatureRow, WeeklyFeatureRow } from './types.ts';

const zoneMinutes = (d: DailyFeatureRow) => [d.hr_zone_1_min, d.hr_zone_2_min, d.hr_zone_3_min, d.hr_zone_4_min, d.hr_zone_5_min];

/** A day before the athlete's first activity. */
function emptyDay(athleteId: number, day: number): DailyFeatureRow {
  return {
    athlete_id: athleteId,
    activity_date: formatDay(day),
    n_activities: 0,
    n_runs: 0,
    distance_km: 0,
    run_distance_km: 0,
    moving_time_min: 0,
    elevation_gain_m: 0,
    daily_tss: 0,
    avg_pace_min_km: null,
    avg_hr: null,
    longest_run_km: 0,
    is_rest_day: true,
    hr_zone_1_min: 0,
    hr_zone_2_min: 0,
    hr_zone_3_min: 0,
    hr_zone_4_min: 0,
    hr_zone_5_min: 0,
  };
}

/** Share of zone minutes; null when there are none. */
const zoneShare = (minutes: number, total: number) => (total > 0 ? (minutes / total) * 100 : null);

function weekRow(athleteId: number, weekStart: number, days: readonly DailyFeatureRow[], previousDistance: number | null): WeeklyFeatureRow {
  const loads = days.map((d) => d.daily_tss);
  const zones = [0, 1, 2, 3, 4].map((k) => sum(days.map((d) => zoneMinutes(d)[k]!)));
  const zoneTotal = sum(zones);
  const distance = sum(days.map((d) => d.distance_km));
  return {
    athlete_id: athleteId,
    week_start: formatDay(weekStart),
    days_in_week: days.length,
    n_runs: sum(days.map((d) => d.n_runs)),
    n_activities: sum(days.map((d) => d.n_activities)),
    distance_km: distance,
    run_distance_km: sum(days.map((d) => d.run_distance_km)),
    moving_time_min: sum(days.map((d) => d.moving_time_min)),
    weekly_tss: sum(loads),
    longest_run_km: Math.max(...days.map((d) => d.longest_run_km)),
    avg_pace_min_km: weightedMean(
      days.filter((d) => d.avg_pace_min_km !== null).map((d) => ({ value: d.avg_pace_min_km!, weight: d.run_distance_km })),
    ),
    rest_days: days.filter((d) => d.n_activities === 0).length,
    distance_change_pct:
      previousDistance === null || previousDistance === 0 ? null : ((distance - previousDistance) / previousDistance) * 100,
    pct_time_z1_z2: zoneShare(zones[0]! + zones[1]!, zoneTotal),
    pct_time_z4_z5: zoneShare(zones[3]! + zones[4]!, zoneTotal),
    weekly_monotony: monotony(loads),
    weekly_strain: strain(loads),
  };
}

export function weeklyFeatures(dailyRows: readonly DailyFeatureRow[], asOfDate: string): WeeklyFeatureRow[] {
  const asOf = requireDay(asOfDate);
  const rows: WeeklyFeatureRow[] = [];
  for (const [athleteId, days] of groupBy(dailyRows, (d) => d.athlete_id)) {
    const byDay = new Map(days.map((d) => [parseDay(d.activity_date)!, d]));
    const first = Math.min(...byDay.keys());
    let previousDistance: number | null = null;
    for (let week = isoWeekStart(first); week <= asOf; week += 7) {
      const weekDays: DailyFeatureRow[] = [];
      for (let day = week; day < week + 7 && day <= asOf; day++) weekDays.push(byDay.get(day) ?? emptyDay(athleteId, day));
      const row = weekRow(athleteId, week, weekDays, previousDistance);
      rows.push(row);
      previousDistance = row.distance_km;
    }
  }
  return rows.sort(byKeys<WeeklyFeatureRow>('athlete_id', 'week_start'));
}
