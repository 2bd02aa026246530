// Column lists of the files the simulator writes; the first two are the silver contract, in order.

export const ACTIVITY_COLUMNS = [
  'athlete_id',
  'id',
  'name',
  'sport_type',
  'workout_type',
  'start_date',
  'start_date_local',
  'timezone',
  'distance_km',
  'moving_time',
  'elapsed_time',
  'total_elevation_gain',
  'pace_min_km',
  'average_heartrate',
  'max_heartrate',
  'has_heartrate',
] as const;

export const SPLIT_COLUMNS = [
  'athlete_id',
  'activity_id',
  'split_id',
  'distance_km',
  'moving_time',
  'elapsed_time',
  'average_heartrate',
  'max_heartrate',
] as const;

export const SETTINGS_COLUMNS = ['athlete_id', 'hr_max', 'hr_rest'] as const;

export type Cell = string | null;
export type Row = Cell[];

/** Column positions, so row edits read as names rather than numbers. */
export const A = Object.fromEntries(ACTIVITY_COLUMNS.map((c, i) => [c, i])) as Record<(typeof ACTIVITY_COLUMNS)[number], number>;
export const S = Object.fromEntries(SPLIT_COLUMNS.map((c, i) => [c, i])) as Record<(typeof SPLIT_COLUMNS)[number], number>;
