// Row shapes of the reference: staging output (section 2) and the four feature
// tables (sections 3-6). Column names are the contract's.

/** A silver row as read from CSV: every value is text or null. */
export type RawRow = Readonly<Record<string, string | null | undefined>>;

export type SourceTable = 'strava_activities' | 'strava_sub_activity';

export type ReasonCode =
  | 'null_key'
  | 'duplicate'
  | 'null_time'
  | 'non_positive_time'
  | 'moving_exceeds_elapsed'
  | 'negative_distance'
  | 'unparsable'
  | 'pace_out_of_range'
  | 'future_date'
  | 'activity_not_accepted';

export interface RejectedRow {
  source_table: SourceTable;
  /** 1-based position of the row in its input. */
  input_row: number;
  /** Keys as parsed; null when absent or unparsable. */
  athlete_id: number | null;
  activity_id: number | null;
  split_id: number | null;
  reason_code: ReasonCode;
  failed_rules: ReasonCode[];
  /** The row as read (empty strings already read as null). */
  raw: Record<string, string | null>;
}

export interface ValidationWarning {
  source_table: SourceTable;
  athlete_id: number;
  activity_id: number;
  split_id: number | null;
  column_name: 'average_heartrate' | 'max_heartrate';
  original_value: number;
  warning_code: 'hr_out_of_range';
}

export interface Activity {
  athlete_id: number;
  activity_id: number;
  name: string | null;
  sport_type: string | null;
  workout_type: number | null;
  /** UTC, 'YYYY-MM-DD HH:MM:SS[.ffffff]'. */
  start_date: string;
  /** Naive local wall clock, same format. */
  start_date_local: string;
  activity_date: string;
  timezone: string | null;
  distance_km: number | null;
  moving_time: number;
  elapsed_time: number;
  total_elevation_gain: number | null;
  average_heartrate: number | null;
  max_heartrate: number | null;
  has_heartrate: boolean | null;
  is_run: boolean;
}

export interface Split {
  athlete_id: number;
  activity_id: number;
  split_id: number;
  distance_km: number | null;
  moving_time: number;
  elapsed_time: number;
  average_heartrate: number | null;
  max_heartrate: number | null;
}

export interface ValidationResult {
  activities: Activity[];
  splits: Split[];
  rejected: RejectedRow[];
  warnings: ValidationWarning[];
}

/** seeds/athlete_settings.csv: optional per-athlete overrides. */
export interface AthleteSetting {
  athlete_id: number;
  hr_max: number | null;
  hr_rest: number | null;
}

export type ThresholdPaceSource = 'best_effort_90d' | 'avg_30d' | 'default';
export type TssMethod = 'pace' | 'hr' | 'duration';

export interface ActivityFeatureRow {
  athlete_id: number;
  activity_id: number;
  event_timestamp: string;
  start_date_local: string;
  activity_date: string;
  sport_type: string | null;
  is_run: boolean;
  distance_km: number | null;
  pace_min_km: number | null;
  elevation_gain_m: number | null;
  moving_time_min: number;
  elapsed_time_min: number;
  elevation_per_km: number | null;
  threshold_pace_min_km: number;
  threshold_pace_source: ThresholdPaceSource;
  intensity_factor: number;
  estimated_tss: number;
  tss_method: TssMethod;
  hr_rest: number;
  hr_max: number;
  avg_hr: number | null;
  max_hr: number | null;
  hr_zone_1_pct: number | null;
  hr_zone_2_pct: number | null;
  hr_zone_3_pct: number | null;
  hr_zone_4_pct: number | null;
  hr_zone_5_pct: number | null;
  efficiency_index: number | null;
  spike_ratio: number | null;
  is_race: boolean;
}

export interface DailyFeatureRow {
  athlete_id: number;
  activity_date: string;
  n_activities: number;
  n_runs: number;
  distance_km: number;
  run_distance_km: number;
  moving_time_min: number;
  elevation_gain_m: number;
  daily_tss: number;
  avg_pace_min_km: number | null;
  avg_hr: number | null;
  longest_run_km: number;
  is_rest_day: boolean;
  hr_zone_1_min: number;
  hr_zone_2_min: number;
  hr_zone_3_min: number;
  hr_zone_4_min: number;
  hr_zone_5_min: number;
}

export interface WeeklyFeatureRow {
  athlete_id: number;
  week_start: string;
  days_in_week: number;
  n_runs: number;
  n_activities: number;
  distance_km: number;
  run_distance_km: number;
  moving_time_min: number;
  weekly_tss: number;
  longest_run_km: number;
  avg_pace_min_km: number | null;
  rest_days: number;
  distance_change_pct: number | null;
  pct_time_z1_z2: number | null;
  pct_time_z4_z5: number | null;
  weekly_monotony: number | null;
  weekly_strain: number | null;
}

export interface RollingFeatureRow {
  athlete_id: number;
  as_of_date: string;
  feature_available_at: string;
  daily_tss: number;
  ctl_42d: number;
  atl_7d: number;
  tsb: number;
  acwr: number | null;
  acwr_uncoupled: number | null;
  ramp_rate_7d: number;
  training_monotony: number | null;
  training_strain: number | null;
  rest_days_7d: number;
  pace_trend_30d: number | null;
  best_pace_30d: number | null;
  avg_distance_30d: number | null;
  consistency_score: number;
  days_of_history: number;
  is_warmup: boolean;
  is_overtraining_risk: boolean;
}
