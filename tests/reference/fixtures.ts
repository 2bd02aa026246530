// Row builders for the reference's own tests: a plausible row, overridden per test.
import { formatDay, requireDay } from './dates.ts';
import type { Activity, ActivityFeatureRow, DailyFeatureRow, RawRow, Split } from './types.ts';

export function rawActivity(overrides: Record<string, string | null> = {}): RawRow {
  return {
    athlete_id: '1',
    id: '100',
    name: 'Morning Run',
    sport_type: 'Run',
    workout_type: null,
    start_date: '2024-03-01T07:00:00Z',
    start_date_local: '2024-03-01T08:00:00Z',
    timezone: '(GMT+01:00) Europe/Berlin',
    distance_km: '10',
    moving_time: '3000',
    elapsed_time: '3100',
    total_elevation_gain: '50',
    pace_min_km: null,
    average_heartrate: '150',
    max_heartrate: '170',
    has_heartrate: 'true',
    ...overrides,
  };
}

export function rawSplit(overrides: Record<string, string | null> = {}): RawRow {
  return {
    athlete_id: '1',
    activity_id: '100',
    split_id: '1',
    distance_km: '1',
    moving_time: '300',
    elapsed_time: '310',
    average_heartrate: '150',
    max_heartrate: '160',
    ...overrides,
  };
}

const RUNS = ['Run', 'TrailRun', 'VirtualRun'];

/** A staged activity; start_date_local defaults to start_date, activity_date and is_run follow. */
export function activity(overrides: Partial<Activity> & { start_date: string }): Activity {
  const base = {
    athlete_id: 1,
    activity_id: 1,
    name: 'Run',
    sport_type: 'Run',
    workout_type: null,
    start_date_local: overrides.start_date,
    timezone: null,
    distance_km: 10,
    moving_time: 3000,
    elapsed_time: 3000,
    total_elevation_gain: null,
    average_heartrate: null,
    max_heartrate: null,
    has_heartrate: false,
    ...overrides,
  };
  return {
    ...base,
    activity_date: base.start_date_local.slice(0, 10),
    is_run: RUNS.includes(base.sport_type ?? '') && (base.distance_km ?? 0) > 0 && base.moving_time > 0,
  };
}

export function split(overrides: Partial<Split> & { split_id: number }): Split {
  return {
    athlete_id: 1,
    activity_id: 1,
    distance_km: 1,
    moving_time: 300,
    elapsed_time: 300,
    average_heartrate: null,
    max_heartrate: null,
    ...overrides,
  };
}

/** An activity feature row with only what the daily aggregation reads set to something meaningful. */
export function activityRow(overrides: Partial<ActivityFeatureRow> & { activity_date: string }): ActivityFeatureRow {
  const base: ActivityFeatureRow = {
    athlete_id: 1,
    activity_id: 1,
    event_timestamp: `${overrides.activity_date} 08:00:00`,
    start_date_local: `${overrides.activity_date} 08:00:00`,
    sport_type: 'Run',
    is_run: true,
    distance_km: 10,
    pace_min_km: 5,
    elevation_gain_m: null,
    moving_time_min: 50,
    elapsed_time_min: 50,
    elevation_per_km: null,
    threshold_pace_min_km: 5,
    threshold_pace_source: 'default',
    intensity_factor: 1,
    estimated_tss: 50,
    tss_method: 'pace',
    hr_rest: 60,
    hr_max: 190,
    avg_hr: null,
    max_hr: null,
    hr_zone_1_pct: null,
    hr_zone_2_pct: null,
    hr_zone_3_pct: null,
    hr_zone_4_pct: null,
    hr_zone_5_pct: null,
    efficiency_index: null,
    spike_ratio: null,
    is_race: false,
    ...overrides,
  };
  return base;
}

/** Daily rows with the given loads on consecutive days from `first`; only daily_tss is meaningful. */
export function dailyLoads(first: string, loads: readonly number[], athlete_id = 1): DailyFeatureRow[] {
  const start = requireDay(first);
  return loads.map((load, i) => ({
    athlete_id,
    activity_date: formatDay(start + i),
    n_activities: load > 0 ? 1 : 0,
    n_runs: 0,
    distance_km: 0,
    run_distance_km: 0,
    moving_time_min: 0,
    elevation_gain_m: 0,
    daily_tss: load,
    avg_pace_min_km: null,
    avg_hr: null,
    longest_run_km: 0,
    is_rest_day: load === 0,
    hr_zone_1_min: 0,
    hr_zone_2_min: 0,
    hr_zone_3_min: 0,
    hr_zone_4_min: 0,
    hr_zone_5_min: 0,
  }));
}
