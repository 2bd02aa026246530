import { describe, expect, it } from 'vitest';
import { checkAsOf, dailySeries, daysBefore, latestState, predictionOf, raceMarkers, weekBars, zoneDistribution } from '../../orchestrator/docs/athlete-series.ts';
import { codeSpans, deltaTo, firstSentence, scriptJson } from '../../orchestrator/docs/render-pages.ts';

describe('athlete report series', () => {
  it('accepts only real calendar days for --as-of', () => {
    expect(checkAsOf('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-1-3', '2026-13-01', "2026-01-01' or 1=1", '']) {
      expect(() => checkAsOf(bad)).toThrow(`--as-of must be a day written YYYY-MM-DD, not '${bad}'`);
    }
  });

  it('counts days back across month and leap-year ends', () => {
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(daysBefore('2026-01-27', 27)).toBe('2025-12-31');
  });

  it('turns rolling rows into aligned daily series, rounded to 3 decimals', () => {
    const rows = [
      { day: '2026-01-01', ctl_42d: 2.380952380952, atl_7d: 14.285714285714, tsb: 0, acwr: null, daily_tss: 100, is_warmup: true, is_overtraining_risk: false, days_of_history: 1 },
      { day: '2026-01-02', ctl_42d: 2.324263038549, atl_7d: 12.244897959184, tsb: -11.904761904762, acwr: 1.6, daily_tss: 0, is_warmup: false, is_overtraining_risk: true, days_of_history: 84 },
    ];
    const s = dailySeries(rows);
    expect(s.dates).toEqual(['2026-01-01', '2026-01-02']);
    expect(s.ctl).toEqual([2.381, 2.324]);
    expect(s.atl).toEqual([14.286, 12.245]);
    // The contract's test vector: the day after one 100-TSS day, TSB = 2.381 - 14.286.
    expect(s.tsb).toEqual([0, -11.905]);
    expect(s.acwr).toEqual([null, 1.6]);
    expect(s.warmup).toEqual([true, false]);
    expect(s.risk).toEqual([false, true]);
    expect(latestState(rows)).toEqual({ asOf: '2026-01-02', days: 84, ctl: 2.3, atl: 12.2, tsb: -11.9, acwr: 1.6, warmup: false, risk: true, detectorRisk: false });
  });

  it('places races on the chart days and leaves out a race on a day the chart lacks', () => {
    const dates = ['2026-03-01', '2026-03-02', '2026-03-03'];
    const races = [
      { day: '2026-03-02', sport_type: 'Run', distance_km: 10.0349, moving_time_min: 40.5 },
      { day: '2026-03-09', sport_type: 'Run', distance_km: 5, moving_time_min: 20 },
    ];
    expect(raceMarkers(races, dates)).toEqual([{ date: '2026-03-02', index: 1, sportType: 'Run', distanceKm: 10.03, movingTimeSec: 2430 }]);
  });

  it('splits the week into easy, moderate (the rest of 100 %) and hard, or nothing without heart rate', () => {
    const [a, b] = weekBars([
      { week_start: '2026-03-02', days_in_week: 7, distance_km: 52.04, run_distance_km: 40, moving_time_min: 330, weekly_tss: 412.36, pct_time_z1_z2: 62.5, pct_time_z4_z5: 12.5 },
      { week_start: '2026-03-09', days_in_week: 3, distance_km: 10, run_distance_km: 10, moving_time_min: 60, weekly_tss: 70, pct_time_z1_z2: null, pct_time_z4_z5: null },
    ]);
    expect(a).toEqual({ weekStart: '2026-03-02', daysInWeek: 7, distanceKm: 52, runDistanceKm: 40, hours: 5.5, tss: 412.4, lowPct: 62.5, moderatePct: 25, highPct: 12.5 });
    expect([b.lowPct, b.moderatePct, b.highPct]).toEqual([null, null, null]);
  });

  it('sums zone minutes over all days and over the 28 days that end on the last day', () => {
    const zone = (day: string, minutes: number[]) => ({ day, ...Object.fromEntries(minutes.map((m, i) => [`hr_zone_${i + 1}_min`, m])) });
    const rows = [
      zone('2026-01-31', [10, 0, 0, 0, 0]), // 29 days before the last day: outside the 28
      zone('2026-02-01', [0, 20, 0, 0, 0]), // first of the 28 days
      zone('2026-02-15', [0, 0, 30, null as unknown as number, 5]),
      zone('2026-02-28', [1, 2, 3, 4, 5]),
    ];
    expect(zoneDistribution(rows, '2026-02-28')).toEqual({ allMinutes: [11, 22, 33, 4, 10], last28Minutes: [1, 22, 33, 4, 10] });
  });

  it('reads a prediction row with its interval and Riegel baseline, unrounded', () => {
    const p = predictionOf({
      day: '2026-11-22',
      prediction_source: 'model',
      n_runs_to_date: 120,
      time_estimator_version: 'stride_time_estimator/1',
      overtraining_detector_version: null,
      baseline_method: 'riegel_1.06_best_effort_90d',
      overtraining_probability: null,
      is_overtraining_risk: false,
      predicted_5k_sec: 1234.46,
      predicted_5k_sec_p10: 1180,
      predicted_5k_sec_p90: 1300.5,
      baseline_5k_sec: 1250,
      predicted_10k_sec: null,
    });
    expect(p.cells[0]).toEqual({ distance: '5K', seconds: 1234.46, p10: 1180, p90: 1300.5, baseline: 1250 });
    expect(p.cells[1]).toEqual({ distance: '10K', seconds: null, p10: null, p90: null, baseline: null });
    expect(p.cells.map((c) => c.distance)).toEqual(['5K', '10K', 'Half marathon', 'Marathon']);
    expect([p.source, p.nRuns, p.isOvertrainingRisk, p.overtrainingProbability]).toEqual(['model', 120, false, null]);
  });
});

describe('page text', () => {
  it('shows the difference of the two times as displayed, each rounded to the second', () => {
    expect(deltaTo(2400.4, 2460)).toBe('−1:00');
    expect(deltaTo(2460.49, 2460)).toBe('same');
    expect(deltaTo(3700, 0)).toBe('+1:01:40');
    expect(deltaTo(null, 2460)).toBe('–');
  });

  it('embeds JSON that no value can break out of, and that reads back the same', () => {
    const value = { description: 'ends </script><script>alert(1)</script>', line: 'a\u2028b' };
    const html = scriptJson(value, 'data');
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
    expect(html.endsWith('</script>')).toBe(true);
    const body = html.slice(html.indexOf('>') + 1, -'</script>'.length);
    expect(JSON.parse(body)).toEqual(value);
  });

  it('shows `code` spans as <code> and escapes everything else', () => {
    expect(codeSpans('run `stride <x>` & go')).toBe('run <code>stride &lt;x&gt;</code> &amp; go');
    expect(codeSpans('a lone ` stays')).toBe('a lone ` stays');
    expect(codeSpans(undefined)).toBe('');
  });

  it('keeps the first sentence of a description, cut at a word near 200 characters', () => {
    expect(firstSentence('One row per week. Days before count as rest.')).toBe('One row per week.');
    const long = `${'word '.repeat(60)}end.`;
    const cut = firstSentence(long);
    expect(cut.endsWith(' …')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(firstSentence(undefined)).toBe('');
  });
});
