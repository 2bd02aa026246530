import { sportFromFileWord, type ParsedActivityFile } from './activity-file.ts';
import { FileError } from './row-error.ts';
import type { Sample } from './samples.ts';
import { child, list, numberAt, parseXml, textAt } from './xml.ts';

/** A TCX activity: trackpoints (time, distance, heart rate, speed) and lap totals. */
export function parseTcx(text: string, file: string): ParsedActivityFile {
  const doc = parseXml(text, file, ['Activity', 'Lap', 'Track', 'Trackpoint']);
  const activity = list(child(doc, 'TrainingCenterDatabase', 'Activities', 'Activity'))[0];
  if (!activity) throw new FileError(file, 'not a TCX activity (no <Activity> element)');
  const laps = list(child(activity, 'Lap'));
  const samples: Sample[] = [];
  for (const lap of laps) {
    for (const track of list(child(lap, 'Track'))) {
      for (const tp of list(child(track, 'Trackpoint'))) {
        const t = Date.parse(textAt(tp, 'Time') ?? '');
        if (!Number.isFinite(t)) continue;
        samples.push({
          t,
          distance: numberAt(tp, 'DistanceMeters'),
          speed: numberAt(tp, 'Extensions', 'TPX', 'Speed'),
          hr: numberAt(tp, 'HeartRateBpm', 'Value'),
        });
      }
    }
  }
  const idText = textAt(activity, 'Id') ?? (laps[0] ? String(laps[0]['@_StartTime'] ?? '') : '');
  const start = Number.isFinite(Date.parse(idText)) ? new Date(idText) : samples.length > 0 ? new Date(samples[0].t) : undefined;
  if (!start) throw new FileError(file, 'TCX activity has no start time');
  const lapDistances = laps.map((l) => numberAt(l, 'DistanceMeters'));
  const lapMax = laps.map((l) => numberAt(l, 'MaximumHeartRateBpm', 'Value')).filter((x): x is number => x !== undefined);
  return {
    sport_type: sportFromFileWord(String(activity['@_Sport'] ?? '')),
    name: textAt(activity, 'Notes') ?? null,
    start,
    samples,
    summary: {
      distance_km: lapDistances.every((d) => d !== undefined) && laps.length > 0 ? lapDistances.reduce((a, b) => a! + b!, 0)! / 1000 : undefined,
      max_heartrate: lapMax.length > 0 ? Math.max(...lapMax) : undefined,
    },
  };
}
