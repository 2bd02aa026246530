import { RACE_DISTANCES, type DistanceKey } from '../shared/distances.ts';
import { riegelTime } from './riegel.ts';
import { vdot, vdotTime } from './vdot.ts';

/** A run the baselines can start from. */
export interface Effort {
  distanceKm: number;
  timeSec: number;
}

/** Shortest run that counts as a best effort: shorter bursts extrapolate badly by either formula. */
export const MIN_EFFORT_KM = 3;
/** Window of the best effort: the 90 days before the prediction. */
export const BEST_EFFORT_DAYS = 90;

/**
 * The best effort among runs: the one whose Riegel-equivalent time over 10 km is the
 * lowest (the ranking is the same for any target distance). Runs under 3 km are ignored.
 */
export function bestEffort(runs: Effort[]): Effort | undefined {
  let best: Effort | undefined;
  let bestEquivalent = Infinity;
  for (const run of runs) {
    if (!(run.distanceKm >= MIN_EFFORT_KM) || !(run.timeSec > 0)) continue;
    const equivalent = riegelTime(run.timeSec, run.distanceKm, 10);
    if (equivalent < bestEquivalent) {
      bestEquivalent = equivalent;
      best = run;
    }
  }
  return best;
}

export type BaselineTimes = Record<DistanceKey, number>;

export function riegelBaseline(effort: Effort): BaselineTimes {
  return Object.fromEntries(RACE_DISTANCES.map((d) => [d.key, riegelTime(effort.timeSec, effort.distanceKm, d.km)])) as BaselineTimes;
}

export function vdotBaseline(effort: Effort): BaselineTimes {
  const v = vdot(effort.distanceKm, effort.timeSec);
  return Object.fromEntries(RACE_DISTANCES.map((d) => [d.key, vdotTime(v, d.km)])) as BaselineTimes;
}
