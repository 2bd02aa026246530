/** Rows of the silver contract (features.md section 1) as the importers produce them. */
export interface ActivityRow {
  athlete_id: bigint;
  id: bigint;
  name: string | null;
  sport_type: string;
  workout_type: number | null;
  /** UTC instant. */
  start_date: Date;
  /** Local wall clock, stored in a Date's UTC fields. */
  start_date_local: Date;
  timezone: string | null;
  distance_km: number;
  moving_time: number;
  elapsed_time: number;
  total_elevation_gain: number | null;
  pace_min_km: number | null;
  average_heartrate: number | null;
  max_heartrate: number | null;
  has_heartrate: boolean;
}

export interface SplitRow {
  athlete_id: bigint;
  activity_id: bigint;
  split_id: number;
  distance_km: number;
  moving_time: number;
  elapsed_time: number;
  average_heartrate: number | null;
  max_heartrate: number | null;
}

/** Splits without their keys, as computed from a file or read from an API object. */
export type Split = Omit<SplitRow, 'athlete_id' | 'activity_id' | 'split_id'>;

/** Where a row came from, for messages: a file and, when known, a line. */
export interface Origin {
  file: string;
  line?: number;
}

/** One activity ready to store, with the splits that replace its stored splits (when any). */
export interface ImportedActivity {
  activity: ActivityRow;
  splits: Split[];
  origin: Origin;
}
