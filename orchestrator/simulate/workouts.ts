// Run session structures: warm-up, work and cool-down segments at speeds relative to threshold speed.

import { modelRaceTime } from './banister.ts';
import type { Rng } from './prng.ts';
import type { AthleteProfile, RunType } from './types.ts';

export interface Segment {
  km: number;
  /** Speed as a fraction of threshold speed (effort). */
  rel: number;
  /** Walking break: fixed absolute speed in m/s. */
  walk?: boolean;
}

export interface Stop {
  atKm: number;
  sec: number;
}

export interface Workout {
  type: RunType;
  segments: Segment[];
  stops: Stop[];
  /** What a descriptive title would call it, e.g. '6x1km'. */
  label: string;
}

const sum = (segs: Segment[]) => segs.reduce((s, x) => s + x.km, 0);

/** Marathon speed as a fraction of threshold speed, by the runner's own race model. */
export function marathonRel(thresholdPace: number, enduranceExponent: number): number {
  const marathonSpeed = 42.195 / modelRaceTime(thresholdPace, 42.195, 0, enduranceExponent);
  return marathonSpeed / (1 / (thresholdPace * 60));
}

function easyRel(p: AthleteProfile, rng: Rng): number {
  return p.level === 'beginner' ? rng.uniform(0.82, 0.9) : rng.uniform(0.76, 0.84);
}

function steady(km: number, rel: number, p: AthleteProfile): Segment[] {
  if (!p.runWalk) return [{ km, rel }];
  // Run/walk: about 800 m running, 150 m walking.
  const segs: Segment[] = [];
  let left = km;
  while (left > 0.001) {
    const run = Math.min(0.8, left);
    segs.push({ km: run, rel });
    left -= run;
    if (left > 0.2) {
      segs.push({ km: 0.15, rel: 0, walk: true });
      left -= 0.15;
    }
  }
  return segs;
}

function intervals(km: number, p: AthleteProfile, rng: Rng): { segments: Segment[]; stops: Stop[]; label: string } {
  const shapes = [
    { rep: 1.0, n: [4, 8], rel: 1.06, jog: 0.4, label: (n: number) => `${n}x1km` },
    { rep: 0.4, n: [8, 16], rel: 1.14, jog: 0.2, label: (n: number) => `${n}x400m` },
    { rep: 0.8, n: [5, 8], rel: 1.09, jog: 0.4, label: (n: number) => `${n}x800` },
    { rep: 1.609, n: [3, 5], rel: 1.04, jog: 0.4, label: (n: number) => `${n} x mile` },
    { rep: 2.0, n: [3, 4], rel: 1.01, jog: 0.5, label: (n: number) => `${n}x2k` },
  ] as const;
  const s = rng.pick(shapes);
  const wu = rng.uniform(2, 3);
  let n = rng.int(s.n[0], s.n[1]);
  const per = s.rep + (p.standingRests ? 0 : s.jog);
  n = Math.max(s.n[0], Math.min(n, Math.floor((km - wu - 1.5) / per)));
  const segments: Segment[] = [{ km: wu, rel: rng.uniform(0.72, 0.78) }];
  const stops: Stop[] = [];
  const rel = s.rel * rng.uniform(0.98, 1.02);
  for (let i = 0; i < n; i++) {
    segments.push({ km: s.rep, rel });
    if (i === n - 1) break;
    if (p.standingRests) stops.push({ atKm: sum(segments), sec: rng.int(60, 120) });
    else segments.push({ km: s.jog, rel: rng.uniform(0.55, 0.65) });
  }
  segments.push({ km: Math.max(1.5, km - sum(segments)), rel: rng.uniform(0.7, 0.76) });
  return { segments, stops, label: s.label(n) };
}

export function buildWorkout(type: RunType, km: number, p: AthleteProfile, thresholdPace: number, rng: Rng): Workout {
  let segments: Segment[];
  let stops: Stop[] = [];
  let label: string;
  switch (type) {
    case 'recovery':
      segments = steady(km, rng.uniform(0.68, 0.74), p);
      label = 'Recovery';
      break;
    case 'double':
      segments = steady(km, rng.uniform(0.72, 0.78), p);
      label = 'Double';
      break;
    case 'shakeout':
      segments = [{ km: Math.max(1.5, km - 0.8), rel: rng.uniform(0.74, 0.78) }];
      for (let i = 0; i < 4; i++) segments.push({ km: 0.1, rel: 1.15 }, { km: 0.1, rel: 0.6 });
      label = 'Shakeout';
      break;
    case 'long':
      segments = steady(km, easyRel(p, rng) - 0.01, p);
      label = 'Long run';
      break;
    case 'long_mp': {
      const mp = Math.min(km * 0.5, rng.uniform(8, 16));
      segments = [
        { km: Math.max(2, km - mp - 2), rel: rng.uniform(0.74, 0.79) },
        { km: mp, rel: marathonRel(thresholdPace, p.enduranceExponent) * rng.uniform(0.98, 1.01) },
        { km: 2, rel: 0.74 },
      ];
      label = `Long run with ${Math.round(mp)}k @ MP`;
      break;
    }
    case 'tempo': {
      if (rng.chance(p.timeTrialShare)) {
        // A solo effort at this distance's race pace, the warm-up recorded apart (or not at all).
        const trialKm = Math.min(km, rng.pick([5, 5, 8, 10]));
        const racePace = (trialKm / modelRaceTime(thresholdPace, trialKm, 0, p.enduranceExponent)) * thresholdPace * 60;
        segments = [{ km: trialKm, rel: racePace * rng.uniform(0.97, 1.0) }];
        label = 'Time trial';
        break;
      }
      const wu = rng.uniform(2, 3);
      const t = Math.max(3, Math.min(km - wu - 1, rng.uniform(4, 10)));
      segments = [
        { km: wu, rel: rng.uniform(0.72, 0.78) },
        { km: t, rel: rng.uniform(0.96, 1.0) },
        { km: Math.max(1, km - wu - t), rel: rng.uniform(0.7, 0.76) },
      ];
      label = `Tempo ${Math.round(t)}k`;
      break;
    }
    case 'intervals':
      ({ segments, stops, label } = intervals(km, p, rng));
      break;
    case 'fartlek': {
      const n = rng.int(6, 10);
      segments = [{ km: 2, rel: 0.75 }];
      for (let i = 0; i < n; i++) segments.push({ km: 0.25, rel: rng.uniform(1.03, 1.1) }, { km: 0.25, rel: 0.75 });
      segments.push({ km: Math.max(1, km - sum(segments)), rel: 0.72 });
      label = 'Fartlek';
      break;
    }
    case 'parkrun_tempo':
      segments = [{ km, rel: rng.uniform(0.93, 0.98) }];
      label = 'parkrun';
      break;
    default:
      segments = steady(km, easyRel(p, rng), p);
      label = 'Easy';
  }
  return { type, segments, stops, label };
}

/** Traffic lights, shoelaces, water: stops that make elapsed time longer than moving time. */
export function urbanStops(km: number, type: RunType, p: AthleteProfile, rng: Rng): Stop[] {
  const stops: Stop[] = [];
  const n = rng.poisson(p.stopsPerKm * km);
  for (let i = 0; i < n; i++) stops.push({ atKm: rng.uniform(0, km), sec: rng.int(8, 60) });
  if ((type === 'long' || type === 'long_mp') && rng.chance(0.5)) stops.push({ atKm: km * rng.uniform(0.4, 0.7), sec: rng.int(60, 240) });
  return stops;
}
