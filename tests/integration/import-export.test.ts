/**
 * A bulk export Stride writes itself (activities.csv with the export's repeated
 * columns, FIT, GPX and TCX files, a broken file, a missing one and an unsafe entry),
 * imported and then built into the feature tables.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { importStravaExport } from '../../orchestrator/import/strava-export.ts';
import { runImport } from '../../orchestrator/import/run-import.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';
import { EXPORT_HEADER, SHARED_FORMATS, exportLine, fitFile, gpxFile, gz, referenceRun, renameInZip, tcxFile, zipBuffer } from './import-fixtures.ts';

const day = (d: number) => new Date(Date.UTC(2024, 6, d, 6, 30));
const run = referenceRun();
const common = { 'Activity Type': 'Run', 'Elapsed Time': ['685', '685.0'] as [string, string], Distance: ['2.50', '2500.0'] as [string, string], 'Moving Time': '625.0' };

function activitiesCsv(header: string[]): string {
  const lines = [
    exportLine(header, { ...common, 'Activity ID': '1001', 'Activity Date': 'Jul 1, 2024, 6:30:00 AM', 'Activity Name': 'Morning Run', Filename: 'activities/1001.fit.gz' }),
    exportLine(header, { ...common, 'Activity ID': '1002', 'Activity Date': 'Jul 3, 2024, 6:30:00 AM', 'Activity Name': 'Parkrun, "fast"', Filename: 'activities/1002.gpx', 'Max Heart Rate': ['170', '170.0'] }),
    exportLine(header, { ...common, 'Activity ID': '1003', 'Activity Date': 'Jul 5, 2024, 6:30:00 AM', 'Activity Name': 'Easy', Filename: 'activities/1003.tcx.gz' }),
    exportLine(header, { ...common, 'Activity ID': '1004', 'Activity Date': 'Jul 7, 2024, 6:30:00 AM', 'Activity Name': 'Broken file', Filename: 'activities/1004.fit.gz', 'Average Heart Rate': '150.0' }),
    exportLine(header, { ...common, 'Activity ID': '1005', 'Activity Date': 'Jul 9, 2024, 6:30:00 AM', 'Activity Name': 'Lost file', Filename: 'activities/1005.fit.gz' }),
    exportLine(header, { ...common, 'Activity ID': '1006', 'Activity Date': 'sometime in July', 'Activity Name': 'Bad date' }),
    exportLine(header, { 'Activity ID': '1007', 'Activity Date': 'Jul 10, 2024, 5:00:00 PM', 'Activity Name': 'Afternoon Ride', 'Activity Type': 'Ride', 'Elapsed Time': ['3700', '3700.0'], Distance: ['30.10', '30100.0'], 'Moving Time': '3600.0', 'Elevation Gain': '210.0' }),
    '1008,"Jul 11, 2024, 6:00:00 AM",Too short',
  ];
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}

async function exportZip(header: string[]): Promise<string> {
  const zip = await zipBuffer({
    'export_42/activities.csv': activitiesCsv(header),
    'export_42/activities/1001.fit.gz': gz(fitFile(run, { start: day(1), offsetMinutes: 120 })),
    'export_42/activities/1002.gpx': gpxFile(run, 'Parkrun', day(3)),
    'export_42/activities/1003.tcx.gz': gz(tcxFile(run, day(5))),
    'export_42/activities/1004.fit.gz': gz('this is not a FIT file'),
    'export_42/xx/xx/notes.txt': 'outside',
  });
  const path = join(mkdtempSync(join(tmpdir(), 'stride-export-')), 'export_42.zip');
  writeFileSync(path, renameInZip(zip, 'export_42/xx/xx/notes.txt', 'export_42/../../notes.txt'));
  return path;
}

describe('stride import strava-export on a bulk export Stride writes itself', () => {
  it('imports every readable row, reports each refused row and file, and builds the features', async () => {
    const zip = await exportZip(EXPORT_HEADER);
    const adapter = await DuckDBAdapter.open({ path: ':memory:' });
    const report = await runImport(() => importStravaExport(zip, { athleteId: 42n }), { projectDir: '.', adapter });

    expect(report.read).toBe(8);
    expect(report.activities).toEqual({ inserted: 6, updated: 0, unchanged: 0 });
    expect(report.splits).toEqual({ inserted: 9, updated: 0, unchanged: 0 });
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [9, 'malformed_row'],
      [7, 'unparsable_date'],
    ]);
    expect(report.badFiles.map((r) => [r.file, r.reason])).toEqual([
      ['export_42/../../notes.txt', 'unsafe_path'],
      ['export_42/activities/1004.fit.gz', 'unreadable_file'],
      ['export_42/activities/1005.fit.gz', 'missing_file'],
    ]);
    expect(report.warnings).toEqual([]);
    const rows = await adapter.query(
      `select id, name, sport_type, distance_km, moving_time, elapsed_time, average_heartrate, max_heartrate, has_heartrate,
              cast(start_date as varchar) as s, cast(start_date_local as varchar) as l
       from silver_import.strava_activities order by id`,
    );
    expect(rows[0]).toEqual({ id: 1001, name: 'Morning Run', sport_type: 'Run', distance_km: 2.5, moving_time: 625, elapsed_time: 685, average_heartrate: 152, max_heartrate: 170, has_heartrate: true, s: '2024-07-01 06:30:00', l: '2024-07-01 08:30:00' });
    expect(rows[1]).toMatchObject({ id: 1002, name: 'Parkrun, "fast"', average_heartrate: 152, max_heartrate: 170, l: '2024-07-03 06:30:00' });
    expect(rows[3]).toMatchObject({ id: 1004, average_heartrate: 150, max_heartrate: null, has_heartrate: true });
    expect(rows[5]).toMatchObject({ id: 1007, sport_type: 'Ride', distance_km: 30.1, moving_time: 3600, elapsed_time: 3700, has_heartrate: false, s: '2024-07-10 17:00:00' });

    const again = await runImport(() => importStravaExport(zip, { athleteId: 42n }), { projectDir: '.', adapter });
    expect(again.activities).toEqual({ inserted: 0, updated: 0, unchanged: 6 });
    expect(again.splits).toEqual({ inserted: 0, updated: 0, unchanged: 9 });

    // The build reads silver_import instead of the sample seeds.
    const dir = copyStrideProject();
    const result = await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter(), vars: { as_of_date: '2024-07-31', local_silver_schema: 'silver_import' } });
    const failedHere = result.results.filter((r) => (r.id.startsWith('model.stg_') || r.id === 'model.activity_features') && r.status !== 'success');
    expect(failedHere).toEqual([]);
    const features = await adapter.query(
      `select activity_id, activity_date::varchar as d, hr_zone_1_pct as z1, hr_zone_2_pct as z2, hr_zone_3_pct as z3, hr_zone_4_pct as z4, hr_zone_5_pct as z5
       from feature_store.activity_features where athlete_id = 42 order by activity_id`,
    );
    expect(features.map((f) => f.activity_id)).toEqual([1001, 1002, 1003, 1004, 1005, 1007]);
    // hr_max = 170 (highest max HR); split averages 140 / 155 / 170 bpm = zones 4 / 5 / 5 for 250 / 250 / 125 s.
    expect(features[0]).toEqual({ activity_id: 1001, d: '2024-07-01', z1: 0, z2: 0, z3: 0, z4: 40, z5: 60 });
    // No splits but an average of 150 (88 % of 170): all the time in zone 4.
    expect(features[3]).toMatchObject({ z4: 100, z5: 0 });
    const seeds = await adapter.query('select count(*) as n from staging.stg_strava__activities where athlete_id <> 42');
    expect(seeds).toEqual([{ n: 0 }]);
    await adapter.close();
  });

  const header = join(SHARED_FORMATS, 'strava-bulk-export-activities.header.csv');
  it.skipIf(!existsSync(header))(`reads the real bulk-export header (../shared/data/formats; skipped when ../shared is absent)`, async () => {
    const real = readFileSync(header, 'utf8').trim().split(',');
    const zip = await exportZip(real);
    const batch = await importStravaExport(zip, { athleteId: 42n });
    const byId = new Map(batch.activities.map((a) => [Number(a.activity.id), a.activity]));
    expect(byId.get(1007)).toMatchObject({ distance_km: 30.1, moving_time: 3600, elapsed_time: 3700, total_elevation_gain: 210 });
    expect(byId.get(1001)).toMatchObject({ distance_km: 2.5, average_heartrate: 152 });
    expect(batch.rejected.map((r) => r.reason).sort()).toEqual(['malformed_row', 'unparsable_date']);
  });
});
