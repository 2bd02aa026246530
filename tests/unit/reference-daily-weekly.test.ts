import { describe, expect, it } from 'vitest';
import { dailyFeatures } from '../reference/daily-features.ts';
import { activityRow } from '../reference/fixtures.ts';
import { weeklyFeatures } from '../reference/weekly-features.ts';

describe('reference daily features', () => {
  const rows = [
    activityRow({ activity_id: 1, activity_date: '2024-03-05', distance_km: 10, pace_min_km: 5, moving_time_min: 50, estimated_tss: 60, avg_hr: 150, elevation_gain_m: 100, hr_zone_1_pct: 0, hr_zone_2_pct: 0, hr_zone_3_pct: 50, hr_zone_4_pct: 50, hr_zone_5_pct: 0 }),
    activityRow({ activity_id: 2, activity_date: '2024-03-05', distance_km: 5, pace_min_km: 6, moving_time_min: 30, estimated_tss: 30 }),
    activityRow({ activity_id: 3, activity_date: '2024-03-05', sport_type: 'Ride', is_run: false, distance_km: 20, pace_min_km: null, moving_time_min: 60, estimated_tss: 40, avg_hr: 120, hr_zone_1_pct: 100, hr_zone_2_pct: 0, hr_zone_3_pct: 0, hr_zone_4_pct: 0, hr_zone_5_pct: 0 }),
    activityRow({ athlete_id: 2, activity_id: 4, activity_date: '2024-03-07' }),
  ];
  const daily = dailyFeatures(rows, '2024-03-07');

  it('aggregates a day: sums, distance-weighted pace over runs, moving-time-weighted HR over all sports, zone minutes', () => {
    expect(daily[0]).toEqual({
      athlete_id: 1,
      activity_date: '2024-03-05',
      n_activities: 3,
      n_runs: 2,
      distance_km: 35,
      run_distance_km: 15,
      moving_time_min: 140,
      elevation_gain_m: 100,
      daily_tss: 130,
      avg_pace_min_km: expect.closeTo(80 / 15, 12),
      avg_hr: expect.closeTo((150 * 50 + 120 * 60) / 110, 12),
      longest_run_km: 10,
      is_rest_day: false,
      hr_zone_1_min: 60,
      hr_zone_2_min: 0,
      hr_zone_3_min: 25,
      hr_zone_4_min: 25,
      hr_zone_5_min: 0,
    });
  });

  it('fills every day from the first activity day to the as-of date: sums 0, averages null, longest run 0', () => {
    expect(daily.map((d) => [d.athlete_id, d.activity_date, d.is_rest_day])).toEqual([
      [1, '2024-03-05', false],
      [1, '2024-03-06', true],
      [1, '2024-03-07', true],
      [2, '2024-03-07', false],
    ]);
    expect(daily[1]).toMatchObject({ n_activities: 0, distance_km: 0, daily_tss: 0, avg_pace_min_km: null, avg_hr: null, longest_run_km: 0, hr_zone_1_min: 0 });
  });
});

describe('reference weekly features', () => {
  // First activity on Wednesday 2024-03-06; as-of Tuesday 2024-03-19.
  const activities = [
    activityRow({ activity_id: 1, activity_date: '2024-03-06', distance_km: 10, pace_min_km: 5, moving_time_min: 50, estimated_tss: 50, hr_zone_1_pct: 50, hr_zone_2_pct: 50, hr_zone_3_pct: 0, hr_zone_4_pct: 0, hr_zone_5_pct: 0 }),
    activityRow({ activity_id: 2, activity_date: '2024-03-08', distance_km: 6, pace_min_km: 6, moving_time_min: 36, estimated_tss: 40, hr_zone_1_pct: 0, hr_zone_2_pct: 0, hr_zone_3_pct: 0, hr_zone_4_pct: 100, hr_zone_5_pct: 0 }),
    activityRow({ activity_id: 3, activity_date: '2024-03-10', sport_type: 'Ride', is_run: false, distance_km: 30, pace_min_km: null, moving_time_min: 90, estimated_tss: 60 }),
    activityRow({ activity_id: 4, activity_date: '2024-03-18', distance_km: 8, pace_min_km: 5, moving_time_min: 40, estimated_tss: 45 }),
  ];
  const weekly = weeklyFeatures(dailyFeatures(activities, '2024-03-19'), '2024-03-19');

  it('counts days before the first activity as rest days of a full first week', () => {
    expect(weekly[0]).toEqual({
      athlete_id: 1,
      week_start: '2024-03-04',
      days_in_week: 7,
      n_runs: 2,
      n_activities: 3,
      distance_km: 46,
      run_distance_km: 16,
      moving_time_min: 176,
      weekly_tss: 150,
      longest_run_km: 10,
      avg_pace_min_km: expect.closeTo(86 / 16, 12),
      rest_days: 4,
      distance_change_pct: null,
      pct_time_z1_z2: expect.closeTo(58.139534883720934, 12),
      pct_time_z4_z5: expect.closeTo(41.86046511627907, 12),
      // Loads [0, 0, 50, 0, 40, 0, 60]: mean / population SD.
      weekly_monotony: expect.closeTo(0.8464989719746505, 12),
      weekly_strain: expect.closeTo(126.97484579619757, 10),
    });
  });

  it('an empty week: -100 % distance change, null averages, monotony and zone shares', () => {
    expect(weekly[1]).toMatchObject({
      week_start: '2024-03-11',
      days_in_week: 7,
      rest_days: 7,
      distance_km: 0,
      distance_change_pct: -100,
      avg_pace_min_km: null,
      longest_run_km: 0,
      pct_time_z1_z2: null,
      pct_time_z4_z5: null,
      weekly_monotony: null,
      weekly_strain: null,
    });
  });

  it('the current week holds the days up to the as-of date; change is null after a week of 0', () => {
    expect(weekly[2]).toMatchObject({
      week_start: '2024-03-18',
      days_in_week: 2,
      rest_days: 1,
      distance_change_pct: null,
      // Loads [45, 0]: mean 22.5, population SD 22.5.
      weekly_monotony: 1,
      weekly_strain: 45,
    });
    expect(weekly).toHaveLength(3);
  });

  it('distance_change_pct against a non-empty previous week', () => {
    const rows = [
      activityRow({ activity_id: 1, activity_date: '2024-03-04', distance_km: 20 }),
      activityRow({ activity_id: 2, activity_date: '2024-03-11', distance_km: 25 }),
    ];
    const [, second] = weeklyFeatures(dailyFeatures(rows, '2024-03-17'), '2024-03-17');
    expect(second!.distance_change_pct).toBeCloseTo(25, 12);
  });
});
