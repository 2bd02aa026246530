/**
 * Every real sample in ../shared/data/real imported and built end to end: no row lost
 * without a reason, splits adding up to their activity within 1 %, heart-rate zones
 * summing to 100. Skipped, with a message, when ../shared is absent (a fresh clone).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import type { ImportBatch } from '../../orchestrator/import/batch.ts';
import { importCsv } from '../../orchestrator/import/csv-import.ts';
import { loadMapping } from '../../orchestrator/import/mapping.ts';
import type { ImportReport } from '../../orchestrator/import/report.ts';
import { rejectionsByReason } from '../../orchestrator/import/report.ts';
import { runImport } from '../../orchestrator/import/run-import.ts';
import { importStravaApi } from '../../orchestrator/import/strava-api.ts';
import { importStravaExport } from '../../orchestrator/import/strava-export.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { REPO, copyStrideProject } from '../helpers/project-copy.ts';
import { SHARED_REAL, hasShared } from './import-fixtures.ts';

if (!hasShared) console.warn(`import-real: ${SHARED_REAL} is absent, so the tests on real samples are skipped`);

const FIT_ATHLETE = 900001n;
const STREAM_ATHLETE = 900002n;
const mapping = (name: string) => loadMapping(join(REPO, 'import-mappings', name));
const SAMPLES: [string, () => Promise<ImportBatch>][] = [
  ['strava_api_json', () => importStravaApi(join(SHARED_REAL, 'strava_api_json', 'activities.json'))],
  ['strava_api_csv', () => importStravaApi(join(SHARED_REAL, 'strava_api_csv', 'strava_activities.csv'))],
  ['multi_athlete_summary', () => importCsv(join(SHARED_REAL, 'multi_athlete_summary', 'raw-data-kaggle.csv'), mapping('multi-athlete-summary.yml'))],
  ['garmin_fit_runs', () => importStravaExport(join(SHARED_REAL, 'garmin_fit_runs', 'fit'), { athleteId: FIT_ATHLETE })],
  ...(hasShared ? readdirSync(join(SHARED_REAL, 'hr_streams')).filter((f) => f.endsWith('.csv')) : []).map(
    (f) => [`hr_streams/${f}`, () => importCsv(join(SHARED_REAL, 'hr_streams', f), mapping('stream-1hz.yml'), { athleteId: STREAM_ATHLETE })] as [string, () => Promise<ImportBatch>],
  ),
];

describe.skipIf(!hasShared)('real samples in ../shared/data/real (skipped when ../shared is absent)', () => {
  let adapter: DuckDBAdapter;
  const reports = new Map<string, ImportReport>();

  beforeAll(async () => {
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
    for (const [name, read] of SAMPLES) reports.set(name, await runImport(read, { projectDir: REPO, adapter }));
    const table = [...reports].map(([name, r]) => ({
      sample: name,
      read: r.read,
      imported: r.activities.inserted,
      rejected: [...rejectionsByReason(r.rejected)].map(([k, n]) => `${k} ${n}`).join(', ') || '0',
      splits: r.splits.inserted,
      seconds: Number(r.seconds.toFixed(2)),
    }));
    console.log(JSON.stringify(table, null, 1));
  });
  afterAll(async () => adapter?.close());

  it('loses no row without a reason', () => {
    for (const [name, r] of reports) {
      const stored = r.activities.inserted + r.activities.updated + r.activities.unchanged;
      expect(stored + r.rejected.length + r.badFiles.length, name).toBe(r.read);
      expect(r.badFiles, name).toEqual([]);
      expect(r.warnings.filter((w) => w.includes('splits')), name).toEqual([]);
    }
    expect(reports.get('strava_api_json')!.activities.inserted).toBe(445);
    expect(reports.get('strava_api_csv')!.activities.inserted).toBe(1038);
    expect(reports.get('garmin_fit_runs')!.activities.inserted).toBe(16);
    const multi = reports.get('multi_athlete_summary')!;
    expect(multi.read).toBe(42116);
    // Same athlete, same start minute: 408 exact copies plus near-copies (the same run uploaded twice).
    expect([...rejectionsByReason(multi.rejected).keys()]).toEqual(['duplicate_in_input']);
    expect(multi.activities.inserted).toBe(42116 - multi.rejected.length);
  });

  it('gives splits that add up to their activity within 1 % (distance, moving and elapsed time)', async () => {
    const rows = await adapter.query(`
      with sums as (
        select athlete_id, activity_id, sum(distance_km) as d, sum(moving_time) as m, sum(elapsed_time) as e, count(*) as n
        from silver_import.strava_sub_activity group by all
      )
      select a.athlete_id, a.id, s.n,
             abs(s.d - a.distance_km) / a.distance_km as d_err,
             abs(s.m - a.moving_time) / a.moving_time as m_err,
             abs(s.e - a.elapsed_time) / a.elapsed_time as e_err
      from silver_import.strava_activities as a join sums as s on s.athlete_id = a.athlete_id and s.activity_id = a.id`);
    expect(rows.length).toBe(18);
    for (const r of rows) {
      expect([r.id, r.d_err, r.m_err, r.e_err].map((x, i) => (i === 0 ? x : Number(x) <= 0.01))).toEqual([r.id, true, true, true]);
    }
  });

  it('matches the FIT figures published with the sample (race of 2023-11-12: 15.5 km, 5,077 s, mean HR 165)', async () => {
    const [race] = await adapter.query(
      `select distance_km, elapsed_time, average_heartrate, max_heartrate, sport_type, cast(start_date_local as varchar) as l from silver_import.strava_activities where id = 12702903759`,
    );
    expect(race).toMatchObject({ elapsed_time: 5077, average_heartrate: 165, max_heartrate: 183, sport_type: 'Run', l: '2023-11-12 13:47:33' });
    expect(race.distance_km).toBeCloseTo(15.52865, 5);
    const [stream] = await adapter.query(`select count(*) as n, sum(distance_km) as d from silver_import.strava_activities where athlete_id = ${STREAM_ATHLETE}`);
    expect(stream.n).toBe(2);
    // Two Ironman marathons, about 42.2 and 42.4 km by the sum of their speeds.
    expect(Number(stream.d)).toBeGreaterThan(84.0);
    expect(Number(stream.d)).toBeLessThan(85.0);
  });

  it('builds staging and activity_features on the imported athletes; HR zones sum to 100', async () => {
    const dir = copyStrideProject();
    const result = await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter(), vars: { as_of_date: '2026-11-22', local_silver_schema: 'silver_import' } });
    const notBuilt = result.results.filter((r) => (r.id.startsWith('model.stg_') || r.id === 'model.activity_features') && r.status !== 'success');
    expect(notBuilt).toEqual([]);
    const [counts] = await adapter.query(`
      select (select count(*) from silver_import.strava_activities) as silver,
             (select count(*) from staging.stg_strava__activities) as accepted,
             (select count(*) from staging.stg_strava__rejected_rows where source_table = 'strava_activities') as rejected,
             (select count(*) from feature_store.activity_features) as features`);
    expect(Number(counts.accepted) + Number(counts.rejected)).toBe(Number(counts.silver));
    expect(counts.features).toBe(counts.accepted);
    const [zones] = await adapter.query(`
      select count(*) as with_zones,
             count(*) filter (where abs(hr_zone_1_pct + hr_zone_2_pct + hr_zone_3_pct + hr_zone_4_pct + hr_zone_5_pct - 100) > 1e-9) as off
      from feature_store.activity_features where hr_zone_1_pct is not null`);
    expect(zones.off).toBe(0);
    expect(Number(zones.with_zones)).toBeGreaterThan(20000);
    const [fit] = await adapter.query(`select count(*) as n from feature_store.activity_features where athlete_id = ${FIT_ATHLETE} and hr_zone_1_pct is not null`);
    expect(fit.n).toBe(16);
  });
});
