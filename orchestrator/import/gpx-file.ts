import { haversine, sportFromFileWord, type ParsedActivityFile } from './activity-file.ts';
import { FileError } from './row-error.ts';
import type { Sample } from './samples.ts';
import { child, list, numberAt, parseXml, textAt } from './xml.ts';

/** A GPX track: time, position (for distance) and the Garmin TrackPointExtension heart rate. */
export function parseGpx(text: string, file: string): ParsedActivityFile {
  const doc = parseXml(text, file, ['trk', 'trkseg', 'trkpt']);
  const gpx = child(doc, 'gpx');
  if (!gpx) throw new FileError(file, 'not a GPX document (no <gpx> element)');
  const trk = list(child(gpx, 'trk'))[0];
  const samples: Sample[] = [];
  let distance = 0;
  let prev: { lat: number; lon: number } | undefined;
  for (const seg of list(child(trk, 'trkseg'))) {
    for (const pt of list(child(seg, 'trkpt'))) {
      const time = textAt(pt, 'time');
      const t = time ? Date.parse(time) : NaN;
      if (!Number.isFinite(t)) continue;
      const lat = Number(pt['@_lat']);
      const lon = Number(pt['@_lon']);
      const hasPos = Number.isFinite(lat) && Number.isFinite(lon);
      if (hasPos && prev) distance += haversine(prev.lat, prev.lon, lat, lon);
      if (hasPos) prev = { lat, lon };
      const hr = numberAt(pt, 'extensions', 'TrackPointExtension', 'hr') ?? numberAt(pt, 'extensions', 'hr');
      samples.push({ t, distance: hasPos ? distance : undefined, hr });
    }
  }
  const startText = textAt(gpx, 'metadata', 'time');
  const start = startText && Number.isFinite(Date.parse(startText)) ? new Date(startText) : samples.length > 0 ? new Date(samples[0].t) : undefined;
  if (!start) throw new FileError(file, 'GPX file has no timed track points');
  return { sport_type: sportFromFileWord(textAt(trk, 'type')), name: textAt(trk, 'name') ?? null, start, samples, summary: {} };
}
