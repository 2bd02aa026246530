// Turns a planned session into the activity a device would upload: splits, times, heart rate,
// elevation, title, workout type and time stamps.

import { modelRaceTime } from './banister.ts';
import { DAY_MS } from './calendar.ts';
import { buildCross, CROSS_SPECS } from './cross-training.ts';
import { hrFromHrr, splitHeartRates } from './heart-rate.ts';
import { crossName, defaultName, descriptiveRunName } from './names.ts';
import type { Rng } from './prng.ts';
import type { Locale } from './regions.ts';
import { buildSplits, splitDistanceDm, type BuiltSplits, type Piece } from './splits.ts';
import { zoneClock } from './timezone.ts';
import type { ActivityRecord, AthleteProfile, CrossSport, RaceEvent, SplitRecord } from './types.ts';
import type { PlannedRun } from './week-plan.ts';
import { buildWorkout, urbanStops } from './workouts.ts';

export interface ActivityContext {
  profile: AthleteProfile;
  rng: Rng;
  day: number;
  id: number;
  startLocalSec: number;
  /** IANA zone where the session happens (home, or a race abroad). */
  timezone: string;
  thresholdPace: number;
  hrOn: boolean;
  heat: boolean;
  winter: boolean;
  locale: Locale;
}

export interface RaceOutcome {
  race: RaceEvent;
  modelTimeS: number;
  noiseFactor: number;
  finishTimeS: number;
}

function stamp(ctx: ActivityContext) {
  const clock = zoneClock(ctx.timezone);
  const { utcMs, localMs } = clock.fromLocal(ctx.day * DAY_MS + ctx.startLocalSec * 1000);
  const timezone = ctx.profile.tzLabel === 'strava' ? clock.stravaLabel(ctx.day) : ctx.timezone;
  return { startUtcMs: utcMs, startLocalMs: localMs, timezone, localHour: Math.floor((localMs % DAY_MS) / 3_600_000) };
}

type TagKind = 'race' | 'long' | 'quality' | 'other';
function workoutType(p: AthleteProfile, rng: Rng, kind: TagKind): number | null {
  switch (p.workoutTagging) {
    case 'none':
      return null;
    case 'default0':
      return 0;
    case 'races':
      return kind === 'race' && rng.chance(0.9) ? 1 : null;
    case 'full':
      return kind === 'race' ? 1 : kind === 'long' ? 2 : kind === 'quality' ? 3 : 0;
  }
}

function usesDefaultName(p: AthleteProfile, rng: Rng): boolean {
  const pDefault = p.namingStyle === 'default' ? 0.9 : p.namingStyle === 'mixed' ? 0.5 : 0.15;
  return rng.chance(pDefault);
}

function withHeartRate(ctx: ActivityContext, built: BuiltSplits): { splits: SplitRecord[]; avg: number | null; max: number | null } {
  const hr = ctx.hrOn ? splitHeartRates(ctx.profile, built.splits, ctx.heat, ctx.rng) : null;
  let weighted = 0;
  let max = 0;
  const splits = built.splits.map((s, i) => {
    if (hr) {
      weighted += hr[i].avg * s.movingTime;
      max = Math.max(max, hr[i].max);
    }
    return {
      splitId: s.splitId,
      distanceDm: s.distanceDm,
      movingTime: s.movingTime,
      elapsedTime: s.elapsedTime,
      avgHr: hr ? hr[i].avg : null,
      maxHr: hr ? hr[i].max : null,
    };
  });
  return { splits, avg: hr ? Math.round((weighted / built.movingTime) * 10) / 10 : null, max: hr ? max : null };
}

/** A run or a race. Races get their finish time from the model, not from the segments. */
export function runActivity(ctx: ActivityContext, planned: PlannedRun): { record: ActivityRecord; race?: RaceOutcome } {
  const { profile: p, rng } = ctx;
  const vThr = 1000 / (60 * ctx.thresholdPace);
  const isRace = planned.type === 'race' && planned.race !== undefined;
  const quality = ['tempo', 'intervals', 'fartlek', 'long_mp', 'parkrun_tempo'].includes(planned.type);
  const long = planned.type === 'long' || planned.type === 'long_mp';
  const flexible = !isRace && planned.type !== 'parkrun_tempo';
  const treadmill = flexible && !long && rng.chance(p.treadmillShare * (ctx.winter ? 1.6 : 0.7));
  const trail = flexible && !treadmill && !quality && rng.chance(p.trailShare * (long ? 1.5 : 0.6));
  const form = Math.exp(rng.normal(0, p.paceNoiseSd)) * (ctx.heat && !treadmill ? 0.975 : 1);
  const gpsFactor = treadmill ? rng.uniform(0.96, 1.04) : rng.chance(0.05) ? rng.uniform(0.985, 0.995) : rng.uniform(0.998, 1.015);

  let pieces: Piece[];
  let stops = [] as { atKm: number; sec: number }[];
  let label = 'Race';
  let race: RaceOutcome | undefined;
  if (isRace) {
    const r = planned.race!;
    const modelTimeS = modelRaceTime(ctx.thresholdPace, r.nominalKm, r.courseGainPerKm, p.enduranceExponent);
    const noiseFactor = Math.exp(rng.normal(0, p.raceNoiseSd));
    const finishTimeS = Math.round(modelTimeS * noiseFactor);
    race = { race: r, modelTimeS, noiseFactor, finishTimeS };
    const effort = (r.nominalKm * 1000) / finishTimeS / vThr;
    const fade = r.nominalKm > 30 ? 0.03 : 0.01;
    const km = r.nominalKm * gpsFactor;
    pieces = [
      { km: km / 2, speed: vThr * effort * (1 + fade / 2), effort },
      { km: km / 2, speed: vThr * effort * (1 - fade / 2), effort },
    ];
  } else {
    const workout = buildWorkout(planned.type, planned.km, p, ctx.thresholdPace, rng);
    label = workout.label;
    pieces = workout.segments.map((s) => {
      const speed = s.walk ? rng.uniform(1.3, 1.6) : vThr * s.rel * form * (trail ? 0.87 : 1);
      return { km: s.km * gpsFactor, speed, effort: s.walk ? speed / vThr : s.rel * form };
    });
    stops = treadmill ? workout.stops : [...workout.stops, ...urbanStops(planned.km, planned.type, p, rng)];
  }

  const sportType = trail ? 'TrailRun' : treadmill && p.virtualRun ? 'VirtualRun' : 'Run';
  const manual = !isRace && !treadmill && rng.chance(0.01 * p.manualProb);
  const footpodless = treadmill && p.manualProb > 0.4 && rng.chance(0.03);
  const gainPerKm = treadmill ? 0 : isRace ? planned.race!.courseGainPerKm : trail ? rng.uniform(25, 60) : p.hilliness * rng.uniform(0.6, 1.4);
  const built = buildSplits(
    { pieces, stops, gainPerKm, wobbleSd: treadmill ? 0.003 : 0.015, targetMovingS: race?.finishTimeS },
    rng,
  );
  if (isRace) built.splits[built.splits.length - 1].elapsedTime += rng.chance(0.1) ? rng.int(60, 300) : rng.int(0, 20);
  else if (!treadmill && rng.chance(0.004)) built.splits[built.splits.length - 1].elapsedTime += rng.int(20, 180) * 60;
  const elapsed = built.splits.reduce((s, x) => s + x.elapsedTime, 0);

  const t = stamp(ctx);
  let name: string;
  if (isRace) name = rng.chance(p.raceRenameProb) ? planned.race!.name : defaultName(sportType, t.localHour);
  else if (usesDefaultName(p, rng)) name = defaultName(sportType, t.localHour);
  else if (treadmill) name = sportType === 'VirtualRun' ? 'Zwift Run - Watopia' : ctx.locale === 'de' ? 'Laufband' : 'Treadmill';
  else name = descriptiveRunName(planned.type, planned.km, label, ctx.locale, rng);

  const kind: TagKind = isRace ? 'race' : long ? 'long' : quality ? 'quality' : 'other';
  const record: ActivityRecord = {
    id: ctx.id,
    name,
    sportType,
    workoutType: workoutType(p, rng, kind),
    startUtcMs: t.startUtcMs,
    startLocalMs: t.startLocalMs,
    timezone: t.timezone,
    distanceDm: built.distanceDm,
    movingTime: built.movingTime,
    elapsedTime: elapsed,
    elevation: treadmill ? (rng.chance(0.5) ? 0 : null) : built.elevation,
    writePace: !rng.chance(p.paceMissingProb),
    avgHr: null,
    maxHr: null,
    hasHr: ctx.hrOn && !manual && !footpodless,
    splits: [],
    session: isRace ? `race_${planned.race!.kind}` : planned.type,
    load: built.load,
    isRace,
  };
  if (manual || footpodless) {
    // Typed in by hand (round numbers, no device data) or a treadmill without a foot pod (no distance).
    record.distanceDm = footpodless ? 0 : Math.round(built.distanceDm / 5000) * 5000 || 10_000;
    record.movingTime = Math.max(60, Math.round(built.movingTime / 60) * 60);
    record.elapsedTime = record.movingTime;
    record.elevation = null;
    record.writePace = !footpodless;
    record.timezone = manual && rng.chance(0.5) ? null : record.timezone;
    record.session = `${record.session}_${manual ? 'manual' : 'no_distance'}`;
    return { record, race };
  }
  const hr = withHeartRate({ ...ctx, hrOn: record.hasHr }, built);
  record.splits = hr.splits;
  record.avgHr = hr.avg;
  record.maxHr = hr.max;
  return { record, race };
}

/** Cross-training; per-km splits only when asked for (they are rarely used and weigh a lot). */
export function crossActivity(ctx: ActivityContext, sport: CrossSport, withSplits: boolean): ActivityRecord {
  const { profile: p, rng } = ctx;
  const s = buildCross(sport, rng, p.manualProb);
  const t = stamp(ctx);
  const hasHr = ctx.hrOn && s.hrCapable;
  const name = usesDefaultName(p, rng) || s.manual ? defaultName(sport, t.localHour) : crossName(sport, rng);
  const distanceDm = s.km > 0 ? splitDistanceDm(s.km) : 0;
  const record: ActivityRecord = {
    id: ctx.id,
    name,
    sportType: sport,
    workoutType: null,
    startUtcMs: t.startUtcMs,
    startLocalMs: t.startLocalMs,
    timezone: s.manual && rng.chance(0.5) ? null : t.timezone,
    distanceDm,
    movingTime: s.movingTime,
    elapsedTime: s.elapsedTime,
    elevation: CROSS_SPECS[sport].speed[1] === 0 ? 0 : s.elevation,
    writePace: sport === 'Walk' || sport === 'Hike',
    avgHr: null,
    maxHr: null,
    hasHr,
    splits: [],
    session: s.manual ? `${sport}_manual` : sport,
    load: s.load,
    isRace: false,
  };
  if (hasHr) {
    const avg = hrFromHrr(p, s.hrr) + rng.normal(0, 2);
    record.avgHr = Math.round(avg * 10) / 10;
    record.maxHr = Math.min(p.hrMax, Math.round(avg + rng.uniform(8, 30)));
  }
  if (withSplits && distanceDm >= 10_000 && !s.manual) {
    const built = buildSplits(
      {
        pieces: [{ km: distanceDm / 10_000, speed: (distanceDm / 10) / s.movingTime, effort: 0.6 }],
        stops: [{ atKm: distanceDm / 20_000, sec: s.elapsedTime - s.movingTime }],
        gainPerKm: 0,
        wobbleSd: 0.02,
        targetMovingS: s.movingTime,
      },
      rng,
    );
    const hr = withHeartRate({ ...ctx, hrOn: hasHr }, built);
    record.splits = hr.splits;
    record.distanceDm = built.distanceDm;
    record.elapsedTime = built.elapsedTime;
    if (hasHr) {
      record.avgHr = hr.avg;
      record.maxHr = hr.max;
    }
  }
  return record;
}
