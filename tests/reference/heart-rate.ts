// avg_hr / max_hr with their split fallbacks, and the athlete's hr_rest / hr_max
// (section 3).
import { MICROS_PER_DAY } from './dates.ts';
import type { Activity, AthleteSetting, Split } from './types.ts';
import type { ReferenceVars } from './vars.ts';

export const HR_MAX_LOOKBACK_DAYS = 365;

/** Each value falls back on its own: moving-time-weighted split mean, highest split maximum. */
export function activityHeartRate(
  activity: Pick<Activity, 'average_heartrate' | 'max_heartrate'>,
  splits: readonly Split[],
): { avg_hr: number | null; max_hr: number | null } {
  let avg_hr = activity.average_heartrate;
  if (avg_hr === null) {
    const withHr = splits.filter((split) => split.average_heartrate !== null);
    const seconds = withHr.reduce((sum, split) => sum + split.moving_time, 0);
    if (withHr.length > 0 && seconds > 0) {
      avg_hr = withHr.reduce((sum, split) => sum + split.average_heartrate! * split.moving_time, 0) / seconds;
    }
  }
  let max_hr = activity.max_heartrate;
  if (max_hr === null) {
    const maxima = splits.flatMap((split) => (split.max_heartrate === null ? [] : [split.max_heartrate]));
    if (maxima.length > 0) max_hr = Math.max(...maxima);
  }
  return { avg_hr, max_hr };
}

export function resolveHrRest(setting: AthleteSetting | undefined, vars: ReferenceVars): number {
  return setting?.hr_rest ?? vars.default_hr_rest;
}

/**
 * The setting, else the highest max_hr of the athlete's activities (any sport)
 * with start_date in [start - 365 days, start] (the activity itself included),
 * else the default.
 */
export function resolveHrMax(
  setting: AthleteSetting | undefined,
  athleteActivities: readonly { start: number; max_hr: number | null }[],
  start: number,
  vars: ReferenceVars,
): number {
  if (setting?.hr_max !== null && setting?.hr_max !== undefined) return setting.hr_max;
  const from = start - HR_MAX_LOOKBACK_DAYS * MICROS_PER_DAY;
  let highest: number | null = null;
  for (const other of athleteActivities) {
    if (other.start >= from && other.start <= start && other.max_hr !== null) {
      highest = highest === null ? other.max_hr : Math.max(highest, other.max_hr);
    }
  }
  return highest ?? vars.default_hr_max;
}
