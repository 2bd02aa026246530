// Section 4: a dense calendar per athlete, from the first activity day to the
// as-of date. Sums are 0 on days without data, averages null. longest_run_km is a
// maximum, not an average: it is 0 on days without a run (like a sum), so weekly
// maxima need no null handling.
import { formatDay, parseDay, requireDay } from './dates.ts';
import { byKeys, groupBy } from './sort.ts';
import type { ActivityFeatureRow, DailyFeatureRow } from './types.ts';

const ZONE_PCT_COLUMNS = ['hr_zone_1_pct', 'hr_zone_2_pct', 'hr_zone_3_pct', 'hr_zone_4_pct', 'hr_zone_5_pct'] as const;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** sum(value * weight) / sum(weight) over the pairs; null when there are none. */
export function weightedMean(pairs: readonly { value: number; weight: number }[]): number | null {
  if (pairs.length === 0) return null;
  return sum(pairs.map((p) => p.value * p.weight)) / sum(pairs.map((p) => p.weight));
}

function dayRow(athleteId: number, date: string, acts: readonly ActivityFeatureRow[]): DailyFeatureRow {
  const runs = acts.filter((a) => a.is_run);
  const zoneMinutes = ZONE_PCT_COLUMNS.map((column) =>
    sum(acts.map((a) => (a[column] === null ? 0 : (a[column]! / 100) * a.moving_time_min))),
  );
  return {
    athlete_id: athleteId,
    activity_date: date,
    n_activities: acts.length,
    n_runs: runs.length,
    distance_km: sum(acts.map((a) => a.distance_km ?? 0)),
    run_distance_km: sum(runs.map((a) => a.distance_km!)),
    moving_time_min: sum(acts.map((a) => a.moving_time_min)),
    elevation_gain_m: sum(acts.map((a) => a.elevation_gain_m ?? 0)),
    daily_tss: sum(acts.map((a) => a.estimated_tss)),
    avg_pace_min_km: weightedMean(runs.map((a) => ({ value: a.pace_min_km!, weight: a.distance_km! }))),
    avg_hr: weightedMean(
      acts.filter((a) => a.avg_hr !== null).map((a) => ({ value: a.avg_hr!, weight: a.moving_time_min })),
    ),
    longest_run_km: runs.length > 0 ? Math.max(...runs.map((a) => a.distance_km!)) : 0,
    is_rest_day: acts.length === 0,
    hr_zone_1_min: zoneMinutes[0]!,
    hr_zone_2_min: zoneMinutes[1]!,
    hr_zone_3_min: zoneMinutes[2]!,
    hr_zone_4_min: zoneMinutes[3]!,
    hr_zone_5_min: zoneMinutes[4]!,
  };
}

export function dailyFeatures(activityRows: readonly ActivityFeatureRow[], asOfDate: string): DailyFeatureRow[] {
  const asOf = requireDay(asOfDate);
  const rows: DailyFeatureRow[] = [];
  for (const [athleteId, acts] of groupBy(activityRows, (a) => a.athlete_id)) {
    const byDay = groupBy(acts, (a) => parseDay(a.activity_date)!);
    const first = Math.min(...byDay.keys());
    for (let day = first; day <= asOf; day++) rows.push(dayRow(athleteId, formatDay(day), byDay.get(day) ?? []));
  }
  return rows.sort(byKeys<DailyFeatureRow>('athlete_id', 'activity_date'));
}
