// Section 3: one row per accepted activity. Every look-back is partitioned by
// athlete and uses start_date (UTC) windows, so another athlete's data never
// changes a row.
import { MICROS_PER_DAY, parseTimestamp } from './dates.ts';
import { activityHeartRate, resolveHrMax, resolveHrRest } from './heart-rate.ts';
import { zonePercentages } from './hr-zones.ts';
import { isRace } from './is-race.ts';
import { groupBy, byKeys } from './sort.ts';
import { type PriorRun, thresholdPace } from './threshold-pace.ts';
import { estimateLoad } from './training-load.ts';
import type { Activity, ActivityFeatureRow, AthleteSetting, Split } from './types.ts';
import { type ReferenceVars, resolveVars } from './vars.ts';

export const SPIKE_LOOKBACK_DAYS = 30;

interface Prepared {
  activity: Activity;
  start: number;
  splits: Split[];
  avg_hr: number | null;
  max_hr: number | null;
  pace_min_km: number | null;
}

/** Moving pace of a run, always recomputed: moving_time / 60 / distance_km. */
export function runPace(activity: Pick<Activity, 'is_run' | 'moving_time' | 'distance_km'>): number | null {
  return activity.is_run ? activity.moving_time / 60 / activity.distance_km! : null;
}

/** distance_km / the longest run in [start - 30 days, start); null without one. */
function spikeRatio(p: Prepared, runs: readonly PriorRun[]): number | null {
  if (!p.activity.is_run) return null;
  const from = p.start - SPIKE_LOOKBACK_DAYS * MICROS_PER_DAY;
  const prior = runs.filter((run) => run.start >= from && run.start < p.start).map((run) => run.distance_km);
  return prior.length > 0 ? p.activity.distance_km! / Math.max(...prior) : null;
}

function featureRow(
  p: Prepared,
  athleteActivities: readonly Prepared[],
  runs: readonly PriorRun[],
  setting: AthleteSetting | undefined,
  vars: ReferenceVars,
): ActivityFeatureRow {
  const a = p.activity;
  const threshold = thresholdPace(runs, p.start, vars);
  const hr_rest = resolveHrRest(setting, vars);
  const hr_max = resolveHrMax(setting, athleteActivities, p.start, vars);
  const load = estimateLoad(
    {
      is_run: a.is_run,
      pace_min_km: p.pace_min_km,
      threshold_pace_min_km: threshold.pace,
      moving_time: a.moving_time,
      avg_hr: p.avg_hr,
      hr_rest,
      hr_max,
    },
    vars,
  );
  const zones = zonePercentages(p.splits, p.avg_hr, hr_max);
  const distance = a.distance_km;
  return {
    athlete_id: a.athlete_id,
    activity_id: a.activity_id,
    event_timestamp: a.start_date,
    start_date_local: a.start_date_local,
    activity_date: a.activity_date,
    sport_type: a.sport_type,
    is_run: a.is_run,
    distance_km: distance,
    pace_min_km: p.pace_min_km,
    elevation_gain_m: a.total_elevation_gain,
    moving_time_min: a.moving_time / 60,
    elapsed_time_min: a.elapsed_time / 60,
    elevation_per_km:
      distance === null || distance === 0 || a.total_elevation_gain === null
        ? null
        : a.total_elevation_gain / distance,
    threshold_pace_min_km: threshold.pace,
    threshold_pace_source: threshold.source,
    ...load,
    hr_rest,
    hr_max,
    avg_hr: p.avg_hr,
    max_hr: p.max_hr,
    hr_zone_1_pct: zones?.[0] ?? null,
    hr_zone_2_pct: zones?.[1] ?? null,
    hr_zone_3_pct: zones?.[2] ?? null,
    hr_zone_4_pct: zones?.[3] ?? null,
    hr_zone_5_pct: zones?.[4] ?? null,
    // Speed in metres per minute per beat: higher is fitter.
    efficiency_index:
      a.is_run && p.avg_hr !== null ? (distance! * 1000) / (a.moving_time / 60) / p.avg_hr : null,
    spike_ratio: spikeRatio(p, runs),
    is_race: isRace(a.workout_type, a.name, distance),
  };
}

export function activityFeatures(
  activities: readonly Activity[],
  splits: readonly Split[],
  settings: readonly AthleteSetting[] = [],
  vars: Partial<ReferenceVars> = {},
): ActivityFeatureRow[] {
  const resolved = resolveVars(vars);
  const settingOf = new Map(settings.map((setting) => [setting.athlete_id, setting]));
  const splitsOf = groupBy(splits, (split) => `${split.athlete_id}|${split.activity_id}`);
  const rows: ActivityFeatureRow[] = [];
  for (const [athleteId, athleteActivities] of groupBy(activities, (a) => a.athlete_id)) {
    const prepared: Prepared[] = athleteActivities.map((activity) => {
      const activitySplits = splitsOf.get(`${activity.athlete_id}|${activity.activity_id}`) ?? [];
      return {
        activity,
        start: parseTimestamp(activity.start_date, 'utc')!,
        splits: activitySplits,
        pace_min_km: runPace(activity),
        ...activityHeartRate(activity, activitySplits),
      };
    });
    const runs: PriorRun[] = prepared
      .filter((p) => p.activity.is_run)
      .map((p) => ({
        start: p.start,
        distance_km: p.activity.distance_km!,
        moving_time: p.activity.moving_time,
        pace_min_km: p.pace_min_km!,
      }));
    for (const p of prepared) rows.push(featureRow(p, prepared, runs, settingOf.get(athleteId), resolved));
  }
  return rows.sort(byKeys<ActivityFeatureRow>('athlete_id', 'activity_id'));
}
