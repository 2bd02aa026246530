// Threshold pace (section 3), point in time: only runs of the same athlete whose
// start_date is strictly earlier than the activity's, inside the method's window.
import { MICROS_PER_DAY } from './dates.ts';
import type { ThresholdPaceSource } from './types.ts';
import type { ReferenceVars } from './vars.ts';

export interface PriorRun {
  /** start_date, microseconds since the epoch (UTC). */
  start: number;
  distance_km: number;
  moving_time: number;
  pace_min_km: number;
}

export const BEST_EFFORT_DAYS = 90;
export const AVG_PACE_DAYS = 30;
export const BEST_EFFORT_MIN_SECONDS = 1200;
export const RIEGEL_EXPONENT = 1.06;

/** Riegel: the distance the run could be stretched to in one hour. */
export function riegelOneHourKm(distanceKm: number, movingTime: number): number {
  return distanceKm * (3600 / movingTime) ** (1 / RIEGEL_EXPONENT);
}

/** Runs in [start - days, start). */
export function runsBefore(runs: readonly PriorRun[], start: number, days: number): PriorRun[] {
  const from = start - days * MICROS_PER_DAY;
  return runs.filter((run) => run.start >= from && run.start < start);
}

function bestEffort(runs: readonly PriorRun[], start: number): number | null {
  const efforts = runsBefore(runs, start, BEST_EFFORT_DAYS)
    .filter((run) => run.moving_time >= BEST_EFFORT_MIN_SECONDS)
    .map((run) => riegelOneHourKm(run.distance_km, run.moving_time));
  return efforts.length > 0 ? 60 / Math.max(...efforts) : null;
}

function averagePace(runs: readonly PriorRun[], start: number): number | null {
  const paces = runsBefore(runs, start, AVG_PACE_DAYS).map((run) => run.pace_min_km);
  return paces.length > 0 ? paces.reduce((sum, pace) => sum + pace, 0) / paces.length : null;
}

/** The first method with data: best effort (unless avg_30d is forced), 30-day average, default. */
export function thresholdPace(
  athleteRuns: readonly PriorRun[],
  start: number,
  vars: ReferenceVars,
): { pace: number; source: ThresholdPaceSource } {
  if (vars.threshold_pace_method === 'best_effort_90d') {
    const pace = bestEffort(athleteRuns, start);
    if (pace !== null) return { pace, source: 'best_effort_90d' };
  }
  const pace = averagePace(athleteRuns, start);
  if (pace !== null) return { pace, source: 'avg_30d' };
  return { pace: vars.default_threshold_pace_min_km, source: 'default' };
}
