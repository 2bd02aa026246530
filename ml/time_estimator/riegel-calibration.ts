import type { BaselineTimes } from '../baselines/best-effort.ts';
import { DISTANCE_KEYS, type DistanceKey } from '../shared/distances.ts';
import { quantile } from '../shared/metrics.ts';

/** Fewest races whose Riegel errors make an interval: below it, Riegel is served without one. */
export const MIN_CALIBRATION_RACES = 20;

/** A race already run: when, at which distance, and log(finish / Riegel prediction of that day). */
export interface RiegelResidual {
  at: number;
  distance: DistanceKey;
  logRatio: number;
}

export type RiegelInterval = Record<DistanceKey, { p10: number; p90: number } | null>;

/**
 * Point-in-time interval for Riegel when no model is registered yet: the 10th and 90th
 * percentile of log(finish / Riegel) over the races run before `before`, per distance when
 * it has MIN_CALIBRATION_RACES of them, else over all distances, else none. Only races
 * already run count, so a backfilled day gets the interval it would have had then.
 */
export function riegelIntervalBefore(residuals: RiegelResidual[], before: number): RiegelInterval {
  const known = residuals.filter((r) => r.at < before);
  const pooled = known.length >= MIN_CALIBRATION_RACES ? known.map((r) => r.logRatio) : undefined;
  return Object.fromEntries(
    DISTANCE_KEYS.map((d) => {
      const own = known.filter((r) => r.distance === d).map((r) => r.logRatio);
      const values = own.length >= MIN_CALIBRATION_RACES ? own : pooled;
      return [d, values ? { p10: quantile(values, 0.1), p90: quantile(values, 0.9) } : null];
    }),
  ) as RiegelInterval;
}

/** Riegel's times with the calibrated interval (null bounds where there is none). */
export function calibratedRiegel(riegel: BaselineTimes, interval: RiegelInterval): Record<DistanceKey, { sec: number; p10: number | null; p90: number | null }> {
  return Object.fromEntries(
    DISTANCE_KEYS.map((d) => {
      const i = interval[d];
      return [d, { sec: riegel[d], p10: i ? riegel[d] * Math.exp(i.p10) : null, p90: i ? riegel[d] * Math.exp(i.p90) : null }];
    }),
  ) as Record<DistanceKey, { sec: number; p10: number | null; p90: number | null }>;
}
