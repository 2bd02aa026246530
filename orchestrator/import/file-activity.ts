import { basename } from 'node:path';
import type { ParsedActivityFile } from './activity-file.ts';
import { RowError } from './row-error.ts';
import { splitsFromSamples } from './splits.ts';
import { instantToWall } from './time.ts';
import type { ActivityRow, Split } from './types.ts';
import { round } from './values.ts';

/** Activity id of a file that has none: the leading digits of its name (Strava and Garmin name files by id), else the start in epoch seconds. */
export function idFromFile(name: string, start: Date): bigint {
  const m = /^(\d{5,})/.exec(basename(name));
  return m ? BigInt(m[1]) : BigInt(Math.floor(start.getTime() / 1000));
}

export interface FileActivityOptions {
  athleteId: bigint;
  id: bigint;
  /** IANA zone of the athlete; without it the file's own offset (FIT), else UTC, gives the local time. */
  zone?: string;
  name?: string | null;
  sportType?: string | null;
}

/**
 * The silver activity row and per-km splits of one activity file. Distance and
 * elapsed time come from the file's own totals when it has them, else from the
 * samples; moving time and heart rate come from the samples (stopped time excluded).
 */
export function activityFromFile(parsed: ParsedActivityFile, options: FileActivityOptions): { activity: ActivityRow; splits: Split[] } {
  const computed = splitsFromSamples(parsed.samples);
  const { summary } = parsed;
  const distance = summary.distance_km ?? computed?.totals.distance_km;
  const elapsed = summary.elapsed_time ?? computed?.totals.elapsed_time;
  if (distance === undefined || elapsed === undefined) throw new RowError('no_samples', 'the file has no samples with distance or speed and no totals');
  const moving = computed?.totals.moving_time ?? Math.round(elapsed);
  const avgHr = summary.average_heartrate ?? computed?.totals.average_heartrate ?? null;
  const maxHr = summary.max_heartrate ?? computed?.totals.max_heartrate ?? null;
  const local = options.zone
    ? instantToWall(parsed.start, options.zone)
    : new Date(parsed.start.getTime() + (parsed.localOffsetMinutes ?? 0) * 60000);
  const sport = options.sportType ?? parsed.sport_type ?? 'Workout';
  return {
    activity: {
      athlete_id: options.athleteId,
      id: options.id,
      name: options.name ?? parsed.name,
      sport_type: sport,
      workout_type: null,
      start_date: parsed.start,
      start_date_local: local,
      timezone: options.zone ?? null,
      distance_km: round(distance, 6),
      moving_time: moving,
      elapsed_time: Math.round(elapsed),
      total_elevation_gain: summary.total_elevation_gain ?? null,
      pace_min_km: distance > 0 && moving > 0 ? round(moving / 60 / distance, 4) : null,
      average_heartrate: avgHr,
      max_heartrate: maxHr,
      has_heartrate: avgHr !== null || maxHr !== null,
    },
    splits: computed?.splits ?? [],
  };
}
