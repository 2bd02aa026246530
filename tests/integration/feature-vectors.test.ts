/**
 * Hand-computed vectors of the contract, built through the real SQL pipeline from
 * silver rows: a run of exactly 100 TSS a day, a single 100-TSS day, and the
 * threshold-pace and TSS methods.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';

const HEADER = 'athlete_id,id,name,sport_type,workout_type,start_date,start_date_local,timezone,distance_km,moving_time,elapsed_time,total_elevation_gain,pace_min_km,average_heartrate,max_heartrate,has_heartrate';
const SPLIT_HEADER = 'athlete_id,activity_id,split_id,distance_km,moving_time,elapsed_time,average_heartrate,max_heartrate';
const opened: DuckDBAdapter[] = [];
afterAll(async () => {
  for (const a of opened) await a.close();
});

const day = (start: string, offset: number) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** Builds the project on the given silver rows and returns a query function. */
async function build(activities: string[], asOf: string, settings = 'athlete_id,hr_max,hr_rest\n') {
  const silver = mkdtempSync(join(tmpdir(), 'stride-vectors-'));
  writeFileSync(join(silver, 'a.csv'), `${HEADER}\n${activities.join('\n')}\n`);
  writeFileSync(join(silver, 's.csv'), `${SPLIT_HEADER}\n`);
  writeFileSync(join(silver, 'settings.csv'), settings);
  const dir = copyStrideProject({ strava_activities: join(silver, 'a.csv'), strava_sub_activity: join(silver, 's.csv'), athlete_settings: join(silver, 'settings.csv') });
  const adapter = await DuckDBAdapter.open({ path: ':memory:' });
  opened.push(adapter);
  const result = await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter(), vars: { as_of_date: asOf } });
  expect(result.results.filter((r) => r.status === 'error' || r.status === 'fail')).toEqual([]);
  return (sql: string): Promise<Row[]> => adapter.query(sql);
}

// 120/11 km in one hour is a pace of 5.5 min/km: the default threshold pace, and the
// Riegel one-hour distance of the same run, so every run scores exactly 100 TSS.
const run100 = (i: number, date: string) => `1,${1000 + i},Steady hour,Run,,${date} 07:00:00,${date} 08:00:00,Europe/Berlin,${120 / 11},3600,3600,0,,,,false`;

describe('contract vectors through the SQL pipeline', () => {
  it('constant 100 TSS from zero: CTL 63.65 after 42 days, ATL 66.01 after 7', async () => {
    const dates = Array.from({ length: 42 }, (_, i) => day('2026-01-01', i));
    const q = await build(dates.map((d, i) => run100(i, d)), dates[41]);
    const tss = await q('select distinct round(estimated_tss, 9) as tss, threshold_pace_source from feature_store.activity_features order by 2');
    expect(tss).toEqual([
      { tss: 100, threshold_pace_source: 'best_effort_90d' },
      { tss: 100, threshold_pace_source: 'default' },
    ]);
    const [d7] = await q(`select atl_7d from feature_store.athlete_rolling_features where as_of_date = date '${dates[6]}'`);
    expect(d7.atl_7d as number).toBeCloseTo(66.01, 2);
    expect(Math.abs((d7.atl_7d as number) - 100 * (1 - (6 / 7) ** 7))).toBeLessThan(1e-9);
    const [d42] = await q(`select ctl_42d, days_of_history from feature_store.athlete_rolling_features where as_of_date = date '${dates[41]}'`);
    expect(d42.ctl_42d as number).toBeCloseTo(63.65, 2);
    expect(Math.abs((d42.ctl_42d as number) - 100 * (1 - (41 / 42) ** 42))).toBeLessThan(1e-9);
    expect(d42.days_of_history).toBe(42);
  });

  it('one 100-TSS day: CTL 2.381, ATL 14.286 that day, and tsb -11.905 the next day', async () => {
    const q = await build([run100(0, '2026-03-02')], '2026-03-04');
    const rows = await q('select cast(as_of_date as varchar) as d, ctl_42d, atl_7d, tsb from feature_store.athlete_rolling_features order by as_of_date');
    expect(rows.map((r) => r.d)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(rows[0].ctl_42d as number).toBeCloseTo(2.381, 3);
    expect(rows[0].atl_7d as number).toBeCloseTo(14.286, 3);
    expect(rows[0].tsb).toBe(0);
    expect(rows[1].tsb as number).toBeCloseTo(-11.905, 3);
  });

  it('TSS methods: pace for runs, hr for other sports with heart rate, duration otherwise', async () => {
    const q = await build(
      [
        // hr: hr_max is the ride's own 180 (the highest of the year), hrr = (170 - 60) / (180 - 60), for 60 min
        '2,1,Ride,Ride,,2026-03-01 07:00:00,2026-03-01 08:00:00,,30,3600,3600,,,170,180,true',
        // duration: 1 h at IF 0.65 = 42.25
        '2,2,Yoga,Yoga,,2026-03-02 07:00:00,2026-03-02 08:00:00,,0,3600,3600,,,,,false',
        // pace: 10 km in 50 min = 5:00/km, default threshold 5.5 (first run) -> IF 1.1, TSS 121 * 50/60
        '2,3,Tempo,Run,,2026-03-03 07:00:00,2026-03-03 08:00:00,,10,3000,3000,,,,,false',
      ],
      '2026-03-03',
    );
    const rows = await q('select activity_id, tss_method, estimated_tss, intensity_factor, hr_max from feature_store.activity_features order by activity_id');
    const hrr = (170 - 60) / (180 - 60);
    const trimp = (minutes: number, r: number) => minutes * r * 0.64 * Math.exp(1.92 * r);
    expect(rows[0].tss_method).toBe('hr');
    expect(rows[0].hr_max).toBe(180);
    expect(Math.abs((rows[0].estimated_tss as number) - (100 * trimp(60, hrr)) / trimp(60, 0.85))).toBeLessThan(1e-9);
    expect(rows[1]).toMatchObject({ tss_method: 'duration' });
    expect(Math.abs((rows[1].estimated_tss as number) - 42.25)).toBeLessThan(1e-9);
    expect(rows[2].tss_method).toBe('pace');
    expect(Math.abs((rows[2].intensity_factor as number) - 1.1)).toBeLessThan(1e-12);
    expect(Math.abs((rows[2].estimated_tss as number) - (50 / 60) * 1.21 * 100)).toBeLessThan(1e-9);
  });
});
