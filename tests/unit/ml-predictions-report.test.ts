import { describe, expect, it } from 'vitest';
import { hms, predictionsReport } from '../../ml/pipeline/predictions-report.ts';

const times = (t: (number | null)[][]) =>
  Object.fromEntries(['5k', '10k', '21k', '42k'].flatMap((d, i) => [[`predicted_${d}_sec`, t[i][0]], [`predicted_${d}_sec_p10`, t[i][1]], [`predicted_${d}_sec_p90`, t[i][2]]]));

describe('the summary block of predicted times', () => {
  it('writes seconds as h:mm:ss, rounded to the second', () => {
    expect(hms(1234.6)).toBe('0:20:35');
    expect(hms(59.4)).toBe('0:00:59');
    expect(hms(3 * 3600 + 2 * 60 + 33.4)).toBe('3:02:33');
    expect(hms(10 * 3600 + 59.5)).toBe('10:01:00');
  });

  it('puts the interval under each time and says which rows are a Riegel fallback', () => {
    const n = null;
    const report = predictionsReport([
      { athlete_id: 1, as_of_date: '2026-11-22', prediction_source: 'model', time_estimator_version: 'stride_time_estimator/3', ...times([[1234.6, 1100, 1400], [2600, 2400, 2900], [5800, 5400, 6300], [12153, 11000, 13500]]) },
      { athlete_id: 22, as_of_date: '2026-11-22', prediction_source: 'riegel_fallback', time_estimator_version: n, ...times([[1500, n, n], [3127, n, n], [6900, n, n], [14400, n, n]]) },
      { athlete_id: 333, as_of_date: '2026-11-22', prediction_source: 'none', time_estimator_version: n, ...times([[n, n, n], [n, n, n], [n, n, n], [n, n, n]]) },
    ]);
    const pad = (s: string) => s.padEnd(15);
    expect(report.split('\n').slice(0, 6)).toEqual([
      'Predicted race times, h:mm:ss (gold.athlete_predictions, as of 2026-11-22)',
      `athlete  source   ${pad('5K')}  ${pad('10K')}  ${pad('21K')}  42K`,
      `1        model    ${pad('0:20:35')}  ${pad('0:43:20')}  ${pad('1:36:40')}  3:22:33`,
      '         p10-p90  0:18:20-0:23:20  0:40:00-0:48:20  1:30:00-1:45:00  3:03:20-3:45:00',
      `22       Riegel   ${pad('0:25:00')}  ${pad('0:52:07')}  ${pad('1:55:00')}  4:00:00`,
      `333      none     ${pad('-')}  ${pad('-')}  ${pad('-')}  -`,
    ]);
    const notes = report.split('\n').slice(6).join('\n');
    expect(notes).toMatch(/^model {3}= the champion time estimator \(stride_time_estimator\/3\)/);
    expect(notes).toContain('Riegel  = Riegel fallback, not a model prediction: Riegel times (exponent 1.06) from the best');
    expect(notes).toContain('there was no champion time estimator');
    expect(notes).toContain('with no interval: fewer than 20 races');
    expect(notes).not.toContain('runs to date');
    expect(notes).toContain('none    = no run of 3 km or more in the last 90 days');
  });

  it('says when a fallback comes from a short history, and where its interval comes from', () => {
    const report = predictionsReport([
      { athlete_id: 4, as_of_date: '2026-11-22', prediction_source: 'riegel_fallback', n_runs_to_date: 7, time_estimator_version: null, ...times([[1500, 1450, 1600], [3127, 3000, 3300], [6900, 6600, 7400], [14400, 13800, 15600]]) },
    ]);
    expect(report.split('\n')[3]).toBe('         p10-p90  0:24:10-0:26:40  0:50:00-0:55:00  1:50:00-2:03:20  3:50:00-4:20:00');
    expect(report).toContain('fewer than 10 runs to date for the model');
    expect(report).toContain("the interval is the spread of Riegel's errors on earlier races");
    expect(report).not.toContain('no champion');
  });

  it('shows the as-of day per row when athletes were last predicted on different days', () => {
    const row = (id: number, day: string) => ({ athlete_id: id, as_of_date: day, prediction_source: 'none', time_estimator_version: null, ...times([[NaN, NaN, NaN], [NaN, NaN, NaN], [NaN, NaN, NaN], [NaN, NaN, NaN]]) });
    const lines = predictionsReport([row(1, '2026-11-20'), row(2, '2026-11-22')]).split('\n');
    expect(lines[0]).toBe('Predicted race times, h:mm:ss (gold.athlete_predictions)');
    expect(lines[1]).toBe('athlete  as of       source  5K  10K  21K  42K');
    expect(lines[2]).toBe('1        2026-11-20  none    -   -    -    -');
  });
});
