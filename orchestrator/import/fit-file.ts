import { Decoder, Stream, Utils } from '@garmin/fitsdk';
import { sportFromFileWord, type ParsedActivityFile } from './activity-file.ts';
import { FileError } from './row-error.ts';
import type { Sample } from './samples.ts';

type Mesg = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const fitSeconds = (d: Date) => (d.getTime() - Utils.FIT_EPOCH_MS) / 1000;

/** A FIT activity file read with the Garmin FIT SDK: records, session totals and the local-time offset. */
export function parseFit(bytes: Uint8Array, file: string): ParsedActivityFile {
  const stream = Stream.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!Decoder.isFIT(stream)) throw new FileError(file, 'not a FIT file (no .FIT header)');
  const decoder = new Decoder(stream);
  if (!decoder.checkIntegrity()) throw new FileError(file, 'damaged FIT file (size or CRC check failed)');
  const { messages, errors } = decoder.read({ includeUnknownData: false, decodeMemoGlobs: false });
  if (errors.length > 0) throw new FileError(file, `FIT decoding failed: ${(errors[0] as Error).message ?? String(errors[0])}`);
  const records = (messages.recordMesgs ?? []) as Mesg[];
  const session = ((messages.sessionMesgs ?? []) as Mesg[])[0];
  const activity = ((messages.activityMesgs ?? []) as Mesg[])[0];
  const sport = ((messages.sportMesgs ?? []) as Mesg[])[0];
  const samples: Sample[] = [];
  for (const r of records) {
    if (!(r.timestamp instanceof Date)) continue;
    samples.push({ t: r.timestamp.getTime(), distance: num(r.distance), speed: num(r.enhancedSpeed) ?? num(r.speed), hr: num(r.heartRate) });
  }
  const start = session?.startTime instanceof Date ? session.startTime : samples.length > 0 ? new Date(samples[0].t) : undefined;
  if (!start) throw new FileError(file, 'FIT file has no session start and no records');
  let localOffsetMinutes: number | undefined;
  if (activity?.timestamp instanceof Date && num(activity.localTimestamp) !== undefined) {
    localOffsetMinutes = Math.round((Number(activity.localTimestamp) - fitSeconds(activity.timestamp)) / 60);
  }
  const distance = num(session?.totalDistance);
  return {
    sport_type: sportFromFileWord(String(session?.sport ?? sport?.sport ?? ''), String(session?.subSport ?? sport?.subSport ?? '')),
    name: null,
    start,
    localOffsetMinutes,
    samples,
    summary: {
      distance_km: distance === undefined ? undefined : distance / 1000,
      elapsed_time: num(session?.totalElapsedTime),
      total_elevation_gain: num(session?.totalAscent),
      average_heartrate: num(session?.avgHeartRate),
      max_heartrate: num(session?.maxHeartRate),
    },
  };
}
