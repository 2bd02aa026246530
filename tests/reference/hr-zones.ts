// Heart-rate zones by % of hr_max (section 3). Lower bounds inclusive:
// z1 < 60 %, z2 [60, 70), z3 [70, 80), z4 [80, 90), z5 >= 90 %. The comparison is
// hr * 100 >= hr_max * 60 etc., not hr / hr_max >= 0.6: a decimal heart rate that
// is exactly on a bound (145.6 of 182 = 80 %) divides to 0.7999999999999999 but
// multiplies to exactly 14560, so only the product keeps the bound inclusive.
import type { Split } from './types.ts';

export const ZONE_LOWER_BOUNDS = [60, 70, 80, 90] as const;

export type ZonePcts = [number, number, number, number, number];

/** Zone number 1..5. */
export function zoneOf(hr: number, hrMax: number): number {
  return 1 + ZONE_LOWER_BOUNDS.filter((bound) => hr * 100 >= hrMax * bound).length;
}

/**
 * Split moving time per zone of the split's average heart rate, as % of the
 * seconds with heart rate; without split heart rate but with an activity average,
 * all the time goes to the average's zone; without an average, null.
 */
export function zonePercentages(
  splits: readonly Split[],
  avgHr: number | null,
  hrMax: number,
): ZonePcts | null {
  if (avgHr === null) return null;
  const seconds: ZonePcts = [0, 0, 0, 0, 0];
  const withHr = splits.filter((split) => split.average_heartrate !== null);
  if (withHr.length === 0) {
    seconds[zoneOf(avgHr, hrMax) - 1] = 1;
  } else {
    for (const split of withHr) seconds[zoneOf(split.average_heartrate!, hrMax) - 1] += split.moving_time;
  }
  const total = seconds.reduce((sum, s) => sum + s, 0);
  return seconds.map((s) => (s / total) * 100) as ZonePcts;
}
