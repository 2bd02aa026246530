/**
 * Silver rows of hand-built athletes for incremental-build tests: the row shapes, a
 * seeded random generator, day arithmetic, and the CSV lines of the silver contract.
 */
export const ACTIVITY_HEADER =
  'athlete_id,id,name,sport_type,workout_type,start_date,start_date_local,timezone,distance_km,moving_time,elapsed_time,total_elevation_gain,pace_min_km,average_heartrate,max_heartrate,has_heartrate';
export const SPLIT_HEADER = 'athlete_id,activity_id,split_id,distance_km,moving_time,elapsed_time,average_heartrate,max_heartrate';

export type Sport = 'Run' | 'TrailRun' | 'Ride' | 'Walk';

export interface Activity {
  athleteId: number;
  id: number;
  name: string;
  sport: Sport;
  workoutType: number | null;
  /** Local wall-clock start, 'YYYY-MM-DD HH:MM:SS'. */
  local: string;
  utcOffsetHours: number;
  timezone: string;
  distanceKm: number;
  movingTime: number;
  elapsedTime: number;
  elevation: number | null;
  avgHr: number | null;
  maxHr: number | null;
}

export interface Split {
  athleteId: number;
  activityId: number;
  splitId: number;
  distanceKm: number;
  movingTime: number;
  avgHr: number | null;
  maxHr: number | null;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DAY_MS = 86_400_000;
export const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number) => new Date(dayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
/** 'YYYY-MM-DD HH:MM:SS' of an epoch in milliseconds. */
export const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** The UTC start of an activity, 'YYYY-MM-DD HH:MM:SS' (as dumpTable gives event_timestamp). */
export const utcStart = (a: Activity) => stamp(Date.parse(`${a.local.replace(' ', 'T')}Z`) - a.utcOffsetHours * 3_600_000);

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The silver CSV line of an activity (pace for runs, has_heartrate from the average). */
export function activityCsvLine(a: Activity): string {
  const isRun = a.sport === 'Run' || a.sport === 'TrailRun';
  const pace = isRun ? (a.movingTime / 60 / a.distanceKm).toFixed(4) : null;
  return [a.athleteId, a.id, a.name, a.sport, a.workoutType, utcStart(a), a.local, a.timezone, a.distanceKm, a.movingTime, a.elapsedTime, a.elevation, pace, a.avgHr, a.maxHr, a.avgHr !== null]
    .map(cell)
    .join(',');
}

/** The silver CSV line of a split (elapsed time two seconds over moving time). */
export function splitCsvLine(s: Split): string {
  return [s.athleteId, s.activityId, s.splitId, s.distanceKm, s.movingTime, s.movingTime + 2, s.avgHr, s.maxHr].map(cell).join(',');
}

/** A CSV line of any values, empty for null. */
export const csvLine = (values: unknown[]) => values.map(cell).join(',');
