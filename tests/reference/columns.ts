// The silver contract (section 1): column order matters, it is the order of the
// duplicate tie-break.
import type { ColumnType } from './parse.ts';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

export const ACTIVITY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'athlete_id', type: 'bigint' },
  { name: 'id', type: 'bigint' },
  { name: 'name', type: 'text' },
  { name: 'sport_type', type: 'text' },
  { name: 'workout_type', type: 'int' },
  { name: 'start_date', type: 'timestamp_utc' },
  { name: 'start_date_local', type: 'timestamp_naive' },
  { name: 'timezone', type: 'text' },
  { name: 'distance_km', type: 'double' },
  { name: 'moving_time', type: 'bigint' },
  { name: 'elapsed_time', type: 'bigint' },
  { name: 'total_elevation_gain', type: 'double' },
  { name: 'pace_min_km', type: 'double' },
  { name: 'average_heartrate', type: 'double' },
  { name: 'max_heartrate', type: 'double' },
  { name: 'has_heartrate', type: 'boolean' },
];

export const SPLIT_COLUMNS: readonly ColumnSpec[] = [
  { name: 'athlete_id', type: 'bigint' },
  { name: 'activity_id', type: 'bigint' },
  { name: 'split_id', type: 'int' },
  { name: 'distance_km', type: 'double' },
  { name: 'moving_time', type: 'bigint' },
  { name: 'elapsed_time', type: 'bigint' },
  { name: 'average_heartrate', type: 'double' },
  { name: 'max_heartrate', type: 'double' },
];

/** Columns whose null rejects the row (`null_key`). */
export const ACTIVITY_NULL_KEY = ['athlete_id', 'id', 'start_date', 'start_date_local'] as const;
export const SPLIT_NULL_KEY = ['athlete_id', 'activity_id', 'split_id'] as const;

/** Columns that identify a row for the duplicate rule. */
export const ACTIVITY_IDENTITY = ['athlete_id', 'id'] as const;
export const SPLIT_IDENTITY = ['athlete_id', 'activity_id', 'split_id'] as const;

export const HEART_RATE_COLUMNS = ['average_heartrate', 'max_heartrate'] as const;

/** Exact, case-sensitive sport types of a run. */
export const RUN_SPORT_TYPES: readonly string[] = ['Run', 'TrailRun', 'VirtualRun'];
