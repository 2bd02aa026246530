// Section 6: one row per athlete per day, describing the athlete at the end of
// as_of_date. "Last N days" are [as_of_date - N + 1, as_of_date]; days before the
// first activity are zero load (and zero runs) in every window.
import { formatDay, parseDay, requireDay } from './dates.ts';
import { decayConstants, ema } from './load-model.ts';
import { byKeys, groupBy } from './sort.ts';
import { mean, monotony, slope, strain, sum } from './stats.ts';
import type { ActivityFeatureRow, DailyFeatureRow, RollingFeatureRow } from './types.ts';
import { type ReferenceVars, resolveVars } from './vars.ts';

export const ACWR_MIN_HISTORY_DAYS = 28;
export const WARMUP_DAYS = 84;
export const OVERTRAINING_ACWR = 1.5;
export const BEST_PACE_MIN_KM = 3;

interface RunPoint {
  day: number;
  pace: number;
  distance: number;
}

/** Values for the days [day - n + 1, day]. */
function lastDays<T>(byDay: (day: number) => T, day: number, n: number): T[] {
  const out: T[] = [];
  for (let d = day - n + 1; d <= day; d++) out.push(byDay(d));
  return out;
}

function athleteRows(
  athleteId: number,
  loadsByDay: ReadonlyMap<number, number>,
  runsByDay: ReadonlyMap<number, RunPoint[]>,
  first: number,
  asOf: number,
  vars: ReferenceVars,
): RollingFeatureRow[] {
  const { k42, k7 } = decayConstants(vars.load_model);
  const loadOf = (day: number) => (day >= first ? (loadsByDay.get(day) ?? 0) : 0);
  const runsOf = (day: number) => runsByDay.get(day) ?? [];
  const days: number[] = [];
  for (let day = first; day <= asOf; day++) days.push(day);
  const loads = days.map(loadOf);
  const ctl = ema(loads, k42);
  const atl = ema(loads, k7);
  const ctlAt = (day: number) => (day >= first ? ctl[day - first]! : 0);
  const atlAt = (day: number) => (day >= first ? atl[day - first]! : 0);

  return days.map((day, i) => {
    const last7 = lastDays(loadOf, day, 7);
    const previous21 = lastDays(loadOf, day - 7, 21);
    const runs30 = lastDays(runsOf, day, 30).flat();
    const days_of_history = i + 1;
    const ctl_42d = ctl[i]!;
    const atl_7d = atl[i]!;
    const acwr = days_of_history < ACWR_MIN_HISTORY_DAYS || ctl_42d < vars.acwr_min_ctl ? null : atl_7d / ctl_42d;
    const denominator = sum(previous21) / 21;
    const blocksWithTwoRuns = [0, 1, 2, 3].filter(
      (block) => lastDays(runsOf, day - 7 * block, 7).flat().length >= 2,
    ).length;
    const longEnough = runs30.filter((run) => run.distance >= BEST_PACE_MIN_KM).map((run) => run.pace);
    return {
      athlete_id: athleteId,
      as_of_date: formatDay(day),
      feature_available_at: `${formatDay(day + 1)} 00:00:00`,
      daily_tss: loads[i]!,
      ctl_42d,
      atl_7d,
      tsb: ctlAt(day - 1) - atlAt(day - 1),
      acwr,
      acwr_uncoupled: denominator === 0 ? null : sum(last7) / 7 / denominator,
      ramp_rate_7d: ctl_42d - ctlAt(day - 7),
      training_monotony: monotony(last7),
      training_strain: strain(last7),
      rest_days_7d: last7.filter((load) => load === 0).length,
      pace_trend_30d: slope(runs30.map((run) => ({ x: run.day, y: run.pace }))),
      best_pace_30d: longEnough.length > 0 ? Math.min(...longEnough) : null,
      avg_distance_30d: mean(runs30.map((run) => run.distance)),
      consistency_score: blocksWithTwoRuns / 4,
      days_of_history,
      is_warmup: days_of_history < WARMUP_DAYS,
      is_overtraining_risk: acwr !== null && acwr > OVERTRAINING_ACWR,
    };
  });
}

export function rollingFeatures(
  dailyRows: readonly DailyFeatureRow[],
  activityRows: readonly ActivityFeatureRow[],
  asOfDate: string,
  vars: Partial<ReferenceVars> = {},
): RollingFeatureRow[] {
  const asOf = requireDay(asOfDate);
  const resolved = resolveVars(vars);
  const runsOfAthlete = groupBy(
    activityRows.filter((a) => a.is_run),
    (a) => a.athlete_id,
  );
  const rows: RollingFeatureRow[] = [];
  for (const [athleteId, days] of groupBy(dailyRows, (d) => d.athlete_id)) {
    const loadsByDay = new Map(days.map((d) => [parseDay(d.activity_date)!, d.daily_tss]));
    const first = Math.min(...loadsByDay.keys());
    const runsByDay = groupBy(
      (runsOfAthlete.get(athleteId) ?? []).map((a) => ({
        day: parseDay(a.activity_date)!,
        pace: a.pace_min_km!,
        distance: a.distance_km!,
      })),
      (run) => run.day,
    );
    rows.push(...athleteRows(athleteId, loadsByDay, runsByDay, first, asOf, resolved));
  }
  return rows.sort(byKeys<RollingFeatureRow>('athlete_id', 'as_of_date'));
}
