import { describe, expect, it } from 'vitest';
import { activityFeatures } from '../reference/activity-features.ts';
import { formatTimestamp, MICROS_PER_DAY, MICROS_PER_SECOND, parseTimestamp } from '../reference/dates.ts';
import { activity, split } from '../reference/fixtures.ts';
import type { Activity, AthleteSetting } from '../reference/types.ts';

const T = parseTimestamp('2024-06-01 08:00:00', 'utc')!;
/** start_date some days (and seconds) before T. */
const before = (days: number, seconds = 0) => formatTimestamp(T - days * MICROS_PER_DAY - seconds * MICROS_PER_SECOND);
const target = (overrides: Partial<Activity> = {}) => activity({ activity_id: 99, start_date: before(0), ...overrides });
const featuresOf = (rows: Activity[], id = 99, settings: AthleteSetting[] = [], vars = {}) =>
  activityFeatures(rows, [], settings, vars).find((r) => r.activity_id === id)!;

describe('reference activity features: training load', () => {
  it('pace TSS: one hour at threshold pace is 100 (IF 1)', () => {
    const row = featuresOf([target({ distance_km: 12, moving_time: 3600 })], 99, [], { default_threshold_pace_min_km: 5 });
    expect(row).toMatchObject({ tss_method: 'pace', pace_min_km: 5, threshold_pace_source: 'default' });
    expect(row.intensity_factor).toBeCloseTo(1, 12);
    expect(row.estimated_tss).toBeCloseTo(100, 9);
  });

  it('pace TSS: faster than threshold gives IF > 1 (5:00/km against 5:30 -> IF 1.1, TSS 121)', () => {
    const row = featuresOf([target({ distance_km: 12, moving_time: 3600 })]);
    expect(row.intensity_factor).toBeCloseTo(1.1, 12);
    expect(row.estimated_tss).toBeCloseTo(121, 9);
  });

  it('HR TSS: 60 min at hrr 0.85 is 100 (IF 1)', () => {
    const ride = target({ sport_type: 'Ride', distance_km: 30, moving_time: 3600, average_heartrate: 170.5 });
    const row = featuresOf([ride], 99, [{ athlete_id: 1, hr_max: 190, hr_rest: 60 }]);
    expect(row.tss_method).toBe('hr');
    expect(row.pace_min_km).toBeNull();
    expect(row.intensity_factor).toBeCloseTo(1, 12);
    expect(row.estimated_tss).toBeCloseTo(100, 9);
  });

  it('HR TSS: hrr is clamped at 0 (resting heart rate gives 0)', () => {
    const ride = target({ sport_type: 'Ride', moving_time: 3600, average_heartrate: 40 });
    const row = featuresOf([ride]);
    expect(row).toMatchObject({ tss_method: 'hr', intensity_factor: 0, estimated_tss: 0 });
  });

  it('duration TSS: one hour without heart rate is 42.25 (IF 0.65)', () => {
    const row = featuresOf([target({ sport_type: 'Ride', moving_time: 3600 })]);
    expect(row).toMatchObject({ tss_method: 'duration', intensity_factor: 0.65, avg_hr: null });
    expect(row.estimated_tss).toBeCloseTo(42.25, 12);
  });

  it('falls back to duration when hr_max <= hr_rest', () => {
    const ride = target({ sport_type: 'Ride', moving_time: 3600, average_heartrate: 120 });
    const row = featuresOf([ride], 99, [{ athlete_id: 1, hr_max: 60, hr_rest: 60 }]);
    expect(row.tss_method).toBe('duration');
  });
});

describe('reference activity features: hr_max and hr_rest', () => {
  it('uses settings, else the highest max_hr of any sport in [start - 365 d, start], else the default', () => {
    const rows = [
      target({ sport_type: 'Ride', max_heartrate: 170 }),
      activity({ activity_id: 1, sport_type: 'Swim', start_date: before(365), max_heartrate: 185 }),
      activity({ activity_id: 2, start_date: before(365, 1), max_heartrate: 200 }),
      activity({ activity_id: 3, start_date: before(-1), max_heartrate: 199 }),
    ];
    expect(featuresOf(rows)).toMatchObject({ hr_max: 185, hr_rest: 60 });
    expect(featuresOf(rows, 99, [{ athlete_id: 1, hr_max: null, hr_rest: 50 }])).toMatchObject({ hr_max: 185, hr_rest: 50 });
    expect(featuresOf(rows, 99, [{ athlete_id: 1, hr_max: 195, hr_rest: null }])).toMatchObject({ hr_max: 195, hr_rest: 60 });
    expect(featuresOf([target()])).toMatchObject({ hr_max: 190, max_hr: null });
  });
});

describe('reference activity features: heart-rate zones', () => {
  const settings = [{ athlete_id: 1, hr_max: 200, hr_rest: 60 }];

  it('puts each split in the zone of its average (lower bounds inclusive) and leaves splits without HR out', () => {
    const splits = [
      split({ activity_id: 99, split_id: 1, moving_time: 600, average_heartrate: 110, max_heartrate: 120 }), // 55 %: z1
      split({ activity_id: 99, split_id: 2, moving_time: 600, average_heartrate: 130, max_heartrate: 140 }), // 65 %: z2
      split({ activity_id: 99, split_id: 3, moving_time: 1200, average_heartrate: 180, max_heartrate: 188 }), // 90 %: z5
      split({ activity_id: 99, split_id: 4, moving_time: 600 }), // no HR: left out
      split({ activity_id: 99, split_id: 5, moving_time: 600, average_heartrate: 160, max_heartrate: 170 }), // 80 %: z4
    ];
    const [row] = activityFeatures([target({ moving_time: 3600 })], splits, settings);
    expect(row).toMatchObject({
      hr_zone_1_pct: 20,
      hr_zone_2_pct: 20,
      hr_zone_3_pct: 0,
      hr_zone_4_pct: 20,
      hr_zone_5_pct: 40,
      // Moving-time-weighted split mean: (110*600 + 130*600 + 180*1200 + 160*600) / 3000.
      avg_hr: 152,
      max_hr: 188,
    });
  });

  it('gives all the time to the zone of the activity average when no split has HR', () => {
    const splits = [split({ activity_id: 99, split_id: 1 })];
    const [row] = activityFeatures([target({ average_heartrate: 150 })], splits, settings);
    expect([row!.hr_zone_1_pct, row!.hr_zone_2_pct, row!.hr_zone_3_pct, row!.hr_zone_4_pct, row!.hr_zone_5_pct]).toEqual([0, 0, 100, 0, 0]);
  });

  it('keeps a lone max_hr, nulls zones and efficiency without an average, computes the rest', () => {
    const [row] = activityFeatures([target({ max_heartrate: 181 })], [], settings);
    expect(row).toMatchObject({ avg_hr: null, max_hr: 181, hr_zone_1_pct: null, hr_zone_5_pct: null, efficiency_index: null, tss_method: 'pace' });
  });

  it('efficiency_index is metres per minute per bpm, for runs only', () => {
    expect(featuresOf([target({ distance_km: 12, moving_time: 3600, average_heartrate: 150 })]).efficiency_index).toBeCloseTo(200 / 150, 12);
    expect(featuresOf([target({ sport_type: 'Ride', average_heartrate: 150 })]).efficiency_index).toBeNull();
  });
});

describe('reference activity features: threshold pace', () => {
  // C: 10 km in 3000 s, 60 days before: d60 = 10 * 1.2^(1/1.06) = 11.876795775261968 km.
  // D: 5 km in 1500 s, 20 days before: d60 = 5 * 2.4^(1/1.06) = 11.419835683030893 km (pace 5:00).
  // S: 5 km in 1100 s, 10 days before: fastest of all, but under 1200 s (pace 3.6667).
  const C = activity({ activity_id: 1, start_date: before(60), distance_km: 10, moving_time: 3000 });
  const D = activity({ activity_id: 2, start_date: before(20), distance_km: 5, moving_time: 1500 });
  const S = activity({ activity_id: 3, start_date: before(10), distance_km: 5, moving_time: 1100 });

  it('best_effort_90d: 60 / the longest Riegel one-hour distance among runs >= 1200 s', () => {
    const row = featuresOf([C, D, S, target()]);
    expect(row.threshold_pace_source).toBe('best_effort_90d');
    expect(row.threshold_pace_min_km).toBeCloseTo(5.051867619461241, 12);
  });

  it('threshold_pace_method avg_30d forces the 30-day mean, short runs included: (5 + 3.6667) / 2', () => {
    const row = featuresOf([C, D, S, target()], 99, [], { threshold_pace_method: 'avg_30d' });
    expect(row.threshold_pace_source).toBe('avg_30d');
    expect(row.threshold_pace_min_km).toBeCloseTo(13 / 3, 12);
  });

  it('avg_30d when no run of the last 90 days lasted 1200 s', () => {
    const short90 = activity({ activity_id: 4, start_date: before(60), distance_km: 4, moving_time: 1199 });
    const T2 = activity({ activity_id: 5, start_date: before(5), distance_km: 2, moving_time: 660 }); // pace 5.5
    const row = featuresOf([short90, S, T2, target()]);
    expect(row.threshold_pace_source).toBe('avg_30d');
    expect(row.threshold_pace_min_km).toBeCloseTo((1100 / 300 + 5.5) / 2, 12);
  });

  it('default when there is no run in either window; windows are [start - N days, start)', () => {
    const outside30 = activity({ activity_id: 6, start_date: before(30, 1), distance_km: 4, moving_time: 1100 });
    const outside90 = activity({ activity_id: 7, start_date: before(90, 1), distance_km: 10, moving_time: 3000 });
    const ride = activity({ activity_id: 8, sport_type: 'Ride', start_date: before(1), distance_km: 40, moving_time: 3600 });
    expect(featuresOf([outside30, outside90, ride, target()])).toMatchObject({ threshold_pace_source: 'default', threshold_pace_min_km: 5.5 });
    const edge90 = activity({ activity_id: 9, start_date: before(90), distance_km: 10, moving_time: 3000 });
    expect(featuresOf([edge90, target()]).threshold_pace_min_km).toBeCloseTo(5.051867619461241, 12);
  });

  it('PIT: ignores a run at the same start_date and later runs', () => {
    const sameTime = activity({ activity_id: 1, start_date: before(0), distance_km: 10, moving_time: 2000 });
    const later = activity({ activity_id: 2, start_date: before(0, -3600), distance_km: 10, moving_time: 2000 });
    const rows = activityFeatures([sameTime, later, target()], []);
    expect(rows.find((r) => r.activity_id === 99)).toMatchObject({ threshold_pace_source: 'default', spike_ratio: null });
    // The later run does see both earlier ones.
    expect(rows.find((r) => r.activity_id === 2)!.threshold_pace_source).toBe('best_effort_90d');
  });
});

describe('reference activity features: tier 1, spike ratio, is_race', () => {
  it('recomputes pace for runs only and nulls elevation_per_km at distance 0', () => {
    const row = featuresOf([target({ distance_km: 8, moving_time: 2880, elapsed_time: 3000, total_elevation_gain: 120 })]);
    expect(row).toMatchObject({ pace_min_km: 6, moving_time_min: 48, elapsed_time_min: 50, elevation_gain_m: 120, elevation_per_km: 15 });
    const gym = featuresOf([target({ sport_type: 'WeightTraining', distance_km: 0, total_elevation_gain: 0 })]);
    expect(gym).toMatchObject({ is_run: false, pace_min_km: null, elevation_per_km: null });
  });

  it('spike_ratio = distance / longest run of the 30 days before', () => {
    const rows = [
      activity({ activity_id: 1, start_date: before(10), distance_km: 8 }),
      activity({ activity_id: 2, start_date: before(30, 1), distance_km: 20 }),
      activity({ activity_id: 3, sport_type: 'Ride', start_date: before(5), distance_km: 50 }),
      target({ distance_km: 12, moving_time: 3600 }),
    ];
    expect(featuresOf(rows).spike_ratio).toBeCloseTo(1.5, 12);
  });

  it.each([
    [1, 'Sunday long run', 17, true],
    [0, 'City Race 10k', 10, false],
    [3, 'parkrun', 5, false],
    [null, 'Parkrun #123', 5.1, true],
    [null, 'Halbmarathon Berlin', 21.5, true],
    [null, 'MARATÓN de Sevilla', 42.195, true],
    [null, 'Easy run', 5, false],
    [null, 'Race', 7, false],
    [null, '10k race', 10.29, true],
    [null, '10k race', 10.31, false],
    [null, null, 10, false],
    // a training word as a whole word keeps a race-like title out, unless workout_type = 1
    [null, 'Easy 10k', 10, false],
    [null, 'Cruisy 10k ☀️', 10, false],
    [null, 'LR 10k', 10, false],
    [null, 'parkrun, not racing', 5, false],
    [null, 'parkrun (tempo)', 5, false],
    [null, 'Warm-up + 5k race', 5, false],
    [null, 'ジョグ 10km', 10, false],
    [1, 'Easy 10k', 10, true],
    // not whole words ('lr' in 'lrace', 'easy' in 'easyrider', 'tempo' before a digit): still races; '_' separates words
    [null, 'lrace 5k', 5, true],
    [null, 'Easyrider 10k', 10, true],
    [null, 'tempo10k', 10, true],
    [null, 'tempo_10k', 10, false],
  ])('workout_type %s, name %s, %s km -> is_race %s', (workout_type, name, distance_km, expected) => {
    expect(featuresOf([target({ workout_type, name, distance_km, moving_time: 3600 * (distance_km / 12) })]).is_race).toBe(expected);
  });
});
