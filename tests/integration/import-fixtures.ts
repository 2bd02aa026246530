/**
 * Activity files Stride writes itself for the import tests: one run with known
 * per-km splits, as FIT (Garmin SDK encoder), GPX and TCX, and a small bulk export.
 */
import { Encoder, Profile, Utils } from '@garmin/fitsdk';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { REPO } from '../helpers/project-copy.ts';

export const SHARED_REAL = join(REPO, '..', 'shared', 'data', 'real');
export const SHARED_FORMATS = join(REPO, '..', 'shared', 'data', 'formats');
export const hasShared = existsSync(SHARED_REAL);

export interface Point {
  t: number;
  distance: number;
  hr: number;
}

/**
 * The reference run, sampled every second for 685 s: 4 m/s to 1500 m (HR 140 for
 * the first km, then 150), a 60 s stop (HR 120), 4 m/s to 2000 m (HR 160), 4 m/s to
 * 2500 m (HR 170). Splits by hand: km 1 = 250 s moving and elapsed, HR 140/140;
 * km 2 = 250 s moving, 310 s elapsed, HR 155 (stop excluded) / 160; last 0.5 km =
 * 125 s, HR 170/170. Totals: 2.5 km, 625 s moving, 685 s elapsed, average HR 152.
 */
export function referenceRun(tailStandingSeconds = 0): Point[] {
  const points: Point[] = [];
  for (let t = 0; t <= 685 + tailStandingSeconds; t++) {
    if (t <= 250) points.push({ t, distance: 4 * t, hr: 140 });
    else if (t <= 375) points.push({ t, distance: 4 * t, hr: 150 });
    else if (t <= 435) points.push({ t, distance: 1500, hr: 120 });
    else if (t <= 560) points.push({ t, distance: 1500 + 4 * (t - 435), hr: 160 });
    else if (t <= 685) points.push({ t, distance: 2000 + 4 * (t - 560), hr: 170 });
    else points.push({ t, distance: 2500, hr: 110 });
  }
  return points;
}

export const REFERENCE_SPLITS = [
  { distance_km: 1, moving_time: 250, elapsed_time: 250, average_heartrate: 140, max_heartrate: 140 },
  { distance_km: 1, moving_time: 250, elapsed_time: 310, average_heartrate: 155, max_heartrate: 160 },
  { distance_km: 0.5, moving_time: 125, elapsed_time: 125, average_heartrate: 170, max_heartrate: 170 },
];

export const START = new Date('2024-07-01T06:30:00Z');

/** A FIT activity file written with the Garmin SDK's encoder; local time = UTC + `offsetMinutes`. */
export function fitFile(points: Point[], options: { start?: Date; offsetMinutes?: number; sport?: string; subSport?: string } = {}): Uint8Array {
  const start = options.start ?? START;
  const at = (t: number) => new Date(start.getTime() + t * 1000);
  const end = at(points[points.length - 1].t);
  const encoder = new Encoder();
  const M = Profile.MesgNum;
  // The SDK's message types are per message; the fields below are checked by decoding in the tests.
  const put = (num: number, mesg: Record<string, unknown>) => encoder.onMesg(num, mesg as never);
  put(M.FILE_ID, { manufacturer: 'development', product: 1, timeCreated: start, type: 'activity' });
  put(M.EVENT, { timestamp: start, event: 'timer', eventType: 'start' });
  for (const p of points) put(M.RECORD, { timestamp: at(p.t), distance: p.distance, heartRate: p.hr });
  put(M.EVENT, { timestamp: end, event: 'timer', eventType: 'stopAll' });
  const elapsed = points[points.length - 1].t - points[0].t;
  const distance = points[points.length - 1].distance;
  const hrs = points.map((p) => p.hr);
  const totals = { startTime: start, totalElapsedTime: elapsed, totalTimerTime: elapsed, totalDistance: distance };
  put(M.LAP, { timestamp: end, ...totals, event: 'lap', eventType: 'stop' });
  put(M.SESSION, {
    timestamp: end,
    ...totals,
    sport: options.sport ?? 'running',
    subSport: options.subSport ?? 'generic',
    avgHeartRate: 152,
    maxHeartRate: Math.max(...hrs),
    totalAscent: 12,
    firstLapIndex: 0,
    numLaps: 1,
  });
  const localTimestamp = (end.getTime() - Utils.FIT_EPOCH_MS) / 1000 + (options.offsetMinutes ?? 0) * 60;
  put(M.ACTIVITY, { timestamp: end, totalTimerTime: elapsed, numSessions: 1, type: 'manual', event: 'activity', eventType: 'stop', localTimestamp });
  return encoder.close();
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const METRES_PER_DEGREE = (6371008.8 * Math.PI) / 180;

/** A GPX track going due north (so distance is exact), with Garmin's heart-rate extension. */
export function gpxFile(points: Point[], name = 'Lunch Run', start = START): string {
  const pts = points
    .map(
      (p) =>
        `<trkpt lat="${(47 + p.distance / METRES_PER_DEGREE).toFixed(10)}" lon="8.5"><ele>400</ele><time>${iso(new Date(start.getTime() + p.t * 1000))}</time>` +
        `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StrideTest" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<metadata><time>${iso(start)}</time></metadata>
<trk><name>${name}</name><type>running</type><trkseg>
${pts}
</trkseg></trk></gpx>
`;
}

/** A TCX activity with DistanceMeters and HeartRateBpm on each trackpoint. */
export function tcxFile(points: Point[], start = START): string {
  const tps = points
    .map((p) => `<Trackpoint><Time>${iso(new Date(start.getTime() + p.t * 1000))}</Time><DistanceMeters>${p.distance}</DistanceMeters><HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm></Trackpoint>`)
    .join('\n');
  const last = points[points.length - 1];
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>${iso(start)}</Id>
<Lap StartTime="${iso(start)}"><TotalTimeSeconds>${last.t}</TotalTimeSeconds><DistanceMeters>${last.distance}</DistanceMeters>
<MaximumHeartRateBpm><Value>170</Value></MaximumHeartRateBpm><Track>
${tps}
</Track></Lap></Activity></Activities></TrainingCenterDatabase>
`;
}

/** A zip in memory from name -> bytes (yazl refuses unsafe names, so tests patch them afterwards). */
export function zipBuffer(entries: Record<string, Uint8Array | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** Replaces every occurrence of a same-length name in a zip (local header and central directory). */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('names must have the same length');
  const out = Buffer.from(zip);
  for (let at = out.indexOf(from); at !== -1; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

export const gz = (data: Uint8Array | string) => gzipSync(Buffer.from(data));

/** The columns of a bulk-export activities.csv that Stride reads, with the export's repeated names. */
export const EXPORT_HEADER = [
  'Activity ID', 'Activity Date', 'Activity Name', 'Activity Type', 'Activity Description', 'Elapsed Time', 'Distance',
  'Max Heart Rate', 'Relative Effort', 'Commute', 'Filename', 'Elapsed Time', 'Moving Time', 'Distance', 'Elevation Gain',
  'Max Heart Rate', 'Average Heart Rate', 'Relative Effort', 'Commute',
];

/** One activities.csv line for EXPORT_HEADER (or any header with the same names) from named values. */
export function exportLine(header: string[], values: Record<string, string | [string, string]>): string {
  const seen = new Map<string, number>();
  return header
    .map((h) => {
      const n = seen.get(h) ?? 0;
      seen.set(h, n + 1);
      const v = values[h];
      const cell = v === undefined ? '' : Array.isArray(v) ? v[n] ?? '' : n === 0 ? v : '';
      return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
    })
    .join(',');
}
