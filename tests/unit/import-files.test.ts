import { describe, expect, it } from 'vitest';
import { activityFromFile } from '../../orchestrator/import/file-activity.ts';
import { DEFAULT_LIMITS } from '../../orchestrator/import/limits.ts';
import { readActivityFile } from '../../orchestrator/import/read-activity-file.ts';
import { FileError } from '../../orchestrator/import/row-error.ts';
import { sqlTimestamp } from '../../orchestrator/import/time.ts';
import { REFERENCE_SPLITS, START, fitFile, gpxFile, gz, referenceRun, tcxFile } from '../integration/import-fixtures.ts';

const read = (name: string, data: Uint8Array | string) => readActivityFile(name, Buffer.from(data), DEFAULT_LIMITS);
const options = { athleteId: 7n, id: 11n };

describe('activity files Stride writes itself give the known splits', () => {
  it('FIT (Garmin SDK encoder): splits, totals from the session, local time from the activity message', () => {
    const parsed = read('run.fit', fitFile(referenceRun(), { offsetMinutes: 120, subSport: 'trail' }));
    const { activity, splits } = activityFromFile(parsed, options);
    expect(splits).toEqual(REFERENCE_SPLITS);
    expect(activity).toMatchObject({
      sport_type: 'TrailRun',
      distance_km: 2.5,
      moving_time: 625,
      elapsed_time: 685,
      average_heartrate: 152,
      max_heartrate: 170,
      total_elevation_gain: 12,
      has_heartrate: true,
      timezone: null,
    });
    expect(sqlTimestamp(activity.start_date)).toBe('2024-07-01 06:30:00');
    expect(sqlTimestamp(activity.start_date_local)).toBe('2024-07-01 08:30:00');
  });

  it('gzipped FIT reads the same; an IANA zone given wins over the file offset', () => {
    const parsed = read('run.fit.gz', gz(fitFile(referenceRun(), { offsetMinutes: 120 })));
    const { activity, splits } = activityFromFile(parsed, { ...options, zone: 'America/New_York' });
    expect(splits).toEqual(REFERENCE_SPLITS);
    expect(sqlTimestamp(activity.start_date_local)).toBe('2024-07-01 02:30:00');
    expect(activity.timezone).toBe('America/New_York');
  });

  it('GPX: distance from positions, HR from the TrackPointExtension, name and type from the track', () => {
    const { activity, splits } = activityFromFile(read('run.gpx', gpxFile(referenceRun(), 'Parkrun Zurich')), options);
    expect(splits.map((s) => ({ ...s, distance_km: Number(s.distance_km.toFixed(4)) }))).toEqual(REFERENCE_SPLITS);
    expect(activity).toMatchObject({ name: 'Parkrun Zurich', sport_type: 'Run', moving_time: 625, elapsed_time: 685, average_heartrate: 152 });
    expect(activity.start_date).toEqual(START);
  });

  it('TCX (gzipped, with a leading blank line as some Strava TCX files have): lap distance and max HR', () => {
    const { activity, splits } = activityFromFile(read('run.tcx.gz', gz(`\n  ${tcxFile(referenceRun())}`)), options);
    expect(splits).toEqual(REFERENCE_SPLITS);
    expect(activity).toMatchObject({ sport_type: 'Run', distance_km: 2.5, max_heartrate: 170, average_heartrate: 152 });
  });

  it('names the file and line of malformed XML, and refuses damaged FIT and oversized gzip', () => {
    const broken = gpxFile(referenceRun().slice(0, 3)).replace('</trkseg>', '</trksex>');
    expect(() => read('broken.gpx', broken)).toThrow(/^broken\.gpx:\d+: malformed XML/);
    const fit = fitFile(referenceRun());
    expect(() => read('cut.fit', fit.slice(0, fit.length - 100))).toThrow('cut.fit: damaged FIT file (size or CRC check failed)');
    expect(() => read('notes.fit', 'hello')).toThrow(FileError);
    expect(() => readActivityFile('big.fit.gz', gz(Buffer.alloc(5000)), { ...DEFAULT_LIMITS, maxFileBytes: 4000 })).toThrow(
      'big.fit.gz: refused: decompresses to more than 4000 bytes',
    );
  });
});
