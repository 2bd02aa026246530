import { describe, expect, it } from 'vitest';
import { dailyFeatures } from '../reference/daily-features.ts';
import { dailyLoads, activityRow } from '../reference/fixtures.ts';
import { rollingFeatures } from '../reference/rolling-features.ts';
import type { DailyFeatureRow } from '../reference/types.ts';

const rolling = (daily: DailyFeatureRow[], asOf: string, vars = {}) => rollingFeatures(daily, [], asOf, vars);
const constant = (load: number, days: number) => Array<number>(days).fill(load);

describe('reference rolling features: CTL, ATL, TSB', () => {
  it('constant 100 TSS a day from zero: CTL 63.65 after 42 days, ATL 66.01 after 7', () => {
    const rows = rolling(dailyLoads('2024-01-01', constant(100, 42)), '2024-02-11');
    expect(rows).toHaveLength(42);
    expect(rows[41]!.ctl_42d).toBeCloseTo(63.65, 2);
    expect(rows[41]!.ctl_42d).toBeCloseTo(100 * (1 - (41 / 42) ** 42), 9);
    expect(rows[6]!.atl_7d).toBeCloseTo(66.01, 2);
    expect(rows[6]!.atl_7d).toBeCloseTo(100 * (1 - (6 / 7) ** 7), 9);
  });

  it("one 100-TSS day: CTL 2.381 and ATL 14.286 that day (tsb 0), next day's tsb -11.905", () => {
    const [day1, day2] = rolling(dailyLoads('2024-01-01', [100]), '2024-01-02');
    expect(day1).toMatchObject({ daily_tss: 100, tsb: 0, days_of_history: 1 });
    expect(day1!.ctl_42d).toBeCloseTo(100 / 42, 12);
    expect(day1!.atl_7d).toBeCloseTo(100 / 7, 12);
    expect(day1!.ctl_42d).toBeCloseTo(2.381, 3);
    expect(day1!.atl_7d).toBeCloseTo(14.286, 3);
    expect(day2!.daily_tss).toBe(0);
    expect(day2!.tsb).toBeCloseTo(-11.905, 3);
  });

  it('load_model exponential uses k = 1 - exp(-1/n)', () => {
    const [day1] = rolling(dailyLoads('2024-01-01', [100]), '2024-01-01', { load_model: 'exponential' });
    expect(day1!.ctl_42d).toBeCloseTo(2.3528313347756735, 12);
    expect(day1!.atl_7d).toBeCloseTo(13.312210024981841, 12);
  });

  it('ramp_rate_7d = CTL today - CTL 7 days ago, with CTL 0 before the first day', () => {
    const rows = rolling(dailyLoads('2024-01-01', constant(100, 10)), '2024-01-10');
    expect(rows[2]!.ramp_rate_7d).toBeCloseTo(6.974138861893975, 9);
    expect(rows[9]!.ramp_rate_7d).toBeCloseTo(14.43977440462344, 9);
  });
});

describe('reference rolling features: ACWR', () => {
  it('is null before 28 days of history and when CTL < acwr_min_ctl', () => {
    const rows = rolling(dailyLoads('2024-01-01', constant(100, 60)), '2024-02-29');
    expect(rows[26]!.acwr).toBeNull();
    expect(rows[26]!.is_overtraining_risk).toBe(false);
    expect(rows[27]!.acwr).toBeCloseTo((1 - (6 / 7) ** 28) / (1 - (41 / 42) ** 28), 9);
    const low = rolling(dailyLoads('2024-01-01', constant(9, 60)), '2024-02-29');
    expect(low.every((r) => r.acwr === null && !r.is_overtraining_risk)).toBe(true);
  });

  it('is_overtraining_risk = acwr > 1.5 (a steady load from zero still reads ~2.01 on day 28, false from day 46)', () => {
    const rows = rolling(dailyLoads('2024-01-01', constant(100, 60)), '2024-02-29');
    expect(rows[27]!.is_overtraining_risk).toBe(true);
    expect(rows[44]!.is_overtraining_risk).toBe(true);
    expect(rows[45]!.is_overtraining_risk).toBe(false);
  });

  it('acwr_uncoupled = mean of the last 7 days / mean of the 21 before, pre-history days as zero', () => {
    const rows = rolling(dailyLoads('2024-01-01', [...constant(10, 21), ...constant(30, 7)]), '2024-01-28');
    expect(rows[27]!.acwr_uncoupled).toBeCloseTo(3, 12);
    // Day 21: last 7 days 10 each; the 21 before hold 14 days of 10 and 7 of nothing.
    expect(rows[20]!.acwr_uncoupled).toBeCloseTo(10 / (140 / 21), 12);
    expect(rows[6]!.acwr_uncoupled).toBeNull();
  });
});

describe('reference rolling features: monotony, strain, rest days', () => {
  it('uses the population SD with zeros included (one spike in 7 days: 1/sqrt(6))', () => {
    const [day1] = rolling(dailyLoads('2024-01-01', [100]), '2024-01-01');
    expect(day1!.training_monotony).toBeCloseTo(1 / Math.sqrt(6), 12);
    expect(day1!.training_strain).toBeCloseTo(100 / Math.sqrt(6), 12);
    expect(day1!.rest_days_7d).toBe(6);
  });

  it('caps at 10 when the spread is 0, is null when the mean is 0', () => {
    const rows = rolling(dailyLoads('2024-01-01', [...constant(100, 7), ...constant(0, 7)]), '2024-01-14');
    expect(rows[6]).toMatchObject({ training_monotony: 10, training_strain: 7000, rest_days_7d: 0 });
    expect(rows[13]).toMatchObject({ training_monotony: null, training_strain: null, rest_days_7d: 7 });
  });
});

describe('reference rolling features: run windows and history', () => {
  const run = (activity_id: number, activity_date: string, pace_min_km: number, distance_km = 10) =>
    activityRow({ activity_id, activity_date, pace_min_km, distance_km });
  const runs = [
    run(1, '2024-01-01', 6),
    run(2, '2024-01-03', 5.5),
    run(3, '2024-01-05', 5, 2.9),
    run(4, '2024-01-05', 4.5, 3),
    run(5, '2024-01-30', 5),
    run(6, '2024-03-10', 5),
    run(7, '2024-03-10', 5.2),
    run(8, '2024-03-10', 5.4),
  ];
  const daily = dailyFeatures(runs, '2024-04-01');
  const rows = rollingFeatures(daily, runs, '2024-04-01');
  const on = (date: string) => rows.find((r) => r.as_of_date === date)!;

  it('pace_trend_30d is the least-squares slope per day, null with < 3 runs or one day', () => {
    expect(on('2024-01-03').pace_trend_30d).toBeNull();
    // Points (0, 6), (2, 5.5), (4, 5), (4, 4.5) in days from Jan 1: Sxy = -3.5, Sxx = 11.
    expect(on('2024-01-05').pace_trend_30d).toBeCloseTo(-7 / 22, 12);
    // Three runs, all on Mar 10.
    expect(on('2024-03-10').pace_trend_30d).toBeNull();
    // Jan 31: the Jan 1 run has left the window (Jan 2 .. Jan 31).
    expect(on('2024-01-31').pace_trend_30d).toBeCloseTo(
      // Points (2, 5.5), (4, 5), (4, 4.5), (29, 5).
      (() => {
        const pts = [[2, 5.5], [4, 5], [4, 4.5], [29, 5]] as const;
        const mx = 39 / 4, my = 20 / 4;
        const sxy = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
        const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
        return sxy / sxx;
      })(),
      12,
    );
  });

  it('best_pace_30d over runs of at least 3 km, avg_distance_30d over all runs', () => {
    expect(on('2024-01-05')).toMatchObject({ best_pace_30d: 4.5 });
    expect(on('2024-01-05').avg_distance_30d).toBeCloseTo((10 + 10 + 2.9 + 3) / 4, 12);
    expect(on('2024-03-09')).toMatchObject({ best_pace_30d: null, avg_distance_30d: null, pace_trend_30d: null });
  });

  it('consistency_score counts the last four 7-day blocks with >= 2 runs', () => {
    expect(on('2024-01-05').consistency_score).toBe(0.25);
    // Jan 12: blocks Jan 6-12 (0 runs), Dec 30 - Jan 5 (4 runs).
    expect(on('2024-01-12').consistency_score).toBe(0.25);
    // Jan 30: the fourth block (Jan 3-9) holds 3 runs.
    expect(on('2024-01-30').consistency_score).toBe(0.25);
    expect(on('2024-02-03').consistency_score).toBe(0);
  });

  it('days_of_history, is_warmup below 84 days, feature_available_at = next local midnight', () => {
    expect(on('2024-01-01')).toMatchObject({ days_of_history: 1, is_warmup: true, feature_available_at: '2024-01-02 00:00:00' });
    expect(on('2024-02-29')).toMatchObject({ feature_available_at: '2024-03-01 00:00:00' });
    expect(on('2024-03-24')).toMatchObject({ days_of_history: 84, is_warmup: false });
    expect(on('2024-03-23').is_warmup).toBe(true);
    expect(rows).toHaveLength(92);
  });
});
