import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { detectorRowsSql } from '../../ml/overtraining_detector/dataset.ts';
import { raceSpineSql, runHistorySql } from '../../ml/shared/point-in-time.ts';
import type { MlTables } from '../../ml/shared/project-tables.ts';

/** The ML SQL on hand-made tables whose answers are worked out in the comments. */
const tables: MlTables = {
  activity: 'activity',
  rolling: 'rolling',
  predictions: 'predictions',
  predictionsName: { schema: 'main', name: 'predictions' },
  quote: (id) => `"${id}"`,
  engine: 'duckdb',
};

let adapter: DuckDBAdapter;

beforeAll(async () => {
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
  await adapter.execute(`create table activity (
    athlete_id bigint, activity_id bigint, start_date_local timestamp, activity_date date,
    distance_km double, moving_time_min double, is_run boolean, is_race boolean, spike_ratio double)`);
  // Athlete 1, race on 2026-03-20 09:00 (10 km in 42 min).
  //  a: 2025-12-01, 5 km in 18 min: the fastest 10 km equivalent (2,251 s) but 109 days before: outside the 90 days
  //  b: 2026-03-01, 10 km in 45 min: 2,700 s, the best effort of the window
  //  c: 2026-03-10, 2 km in 6 min: equivalent 1,982 s, but under 3 km
  //  d: a ride on 2026-03-15: not a run
  //  e: another run starting at the race's very instant: not before it
  await adapter.execute(`insert into activity values
    (1, 11, timestamp '2025-12-01 08:00:00', date '2025-12-01', 5, 18, true, false, 1.0),
    (1, 12, timestamp '2026-03-01 08:00:00', date '2026-03-01', 10, 45, true, false, 1.0),
    (1, 13, timestamp '2026-03-10 08:00:00', date '2026-03-10', 2, 6, true, false, 1.0),
    (1, 14, timestamp '2026-03-15 08:00:00', date '2026-03-15', 40, 90, false, false, null),
    (1, 15, timestamp '2026-03-20 09:00:00', date '2026-03-20', 10, 42, true, true, 1.0),
    (1, 16, timestamp '2026-03-20 09:00:00', date '2026-03-20', 1, 5, true, false, 1.0),
    (2, 21, timestamp '2026-02-01 10:00:00', date '2026-02-01', 5, 20, true, true, 1.0)`);
  // Athlete 3: 30 days from 2026-06-01. TSS 50 on days 1-5, rest on days 6-13 (8 days: a break),
  // 50 on days 14-21, rest on days 22-27 (6 days: not a break), 50 on days 28-30.
  // Spike ratios: 2.0 on day 3, 1.5 on day 20.
  await adapter.execute(`create table rolling as
    select 3::bigint as athlete_id, (date '2026-06-01' + (d - 1)::integer) as as_of_date,
      case when d between 6 and 13 or d between 22 and 27 then 0 else 50 end::double as daily_tss,
      1.0 as acwr, 0.0 as tsb, 1.0 as training_monotony, 100.0 as training_strain, 0 as rest_days_7d,
      40.0 as ctl_42d, 40.0 as atl_7d, 0.0 as ramp_rate_7d, 1.0 as acwr_uncoupled, false as is_overtraining_risk
    from range(1, 31) as t(d)`);
  await adapter.execute(`insert into activity values
    (3, 31, timestamp '2026-06-03 07:00:00', date '2026-06-03', 8, 40, true, false, 2.0),
    (3, 32, timestamp '2026-06-20 07:00:00', date '2026-06-20', 8, 40, true, false, 1.5)`);
});
afterAll(async () => adapter?.close());

describe('run history before each race', () => {
  it('counts runs that started strictly before the race and picks the best effort of the 90 days', async () => {
    const rows = await adapter.query(`${runHistorySql(tables, raceSpineSql(tables))} order by spine_id`);
    expect(rows.map((r) => ({ id: Number(r.spine_id), km: r.effort_km, sec: r.effort_sec, n: Number(r.n_runs_before) }))).toEqual([
      { id: 15, km: 10, sec: 2700, n: 3 },
      // athlete 2's race is their first run: no effort, nothing before it
      { id: 21, km: null, sec: null, n: 0 },
    ]);
  });
});

describe('overtraining detector rows', () => {
  it('labels the days whose next 14 days hold a stop of 7+ rest days, and only where the future is known', async () => {
    const rows = await adapter.query(detectorRowsSql(tables));
    expect(rows).toHaveLength(30);
    const day = (r: (typeof rows)[number]) => Math.round((new Date(r.as_of_date as Date).getTime() - Date.UTC(2026, 5, 1)) / 86_400_000) + 1;
    // The break starts on day 6: days -8..5 see it within (D, D + 14]; the 6-day stop is no break.
    expect(rows.filter((r) => r.proxy_label).map(day)).toEqual([1, 2, 3, 4, 5]);
    // The last day is 30: the label is known while D + 14 <= 30.
    expect(rows.filter((r) => r.label_known).map(day)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    // Highest spike of the last 7 days: 2.0 on days 3-9, 1.5 on days 20-26, none otherwise.
    const spikes = rows.map((r): [number, unknown] => [day(r), r.spike_ratio_7d]);
    for (const [d, s] of spikes) {
      const expected = d >= 3 && d <= 9 ? 2.0 : d >= 20 && d <= 26 ? 1.5 : null;
      expect([d, s]).toEqual([d, expected]);
    }
  });
});
