// Per-kilometre splits (the last one partial) from a session's segments. Split times are rounded so
// that they add up exactly to the activity's moving and elapsed time.

import type { Rng } from './prng.ts';
import type { Stop } from './workouts.ts';

export const DM_PER_KM = 10_000; // distances are kept in decimetres so that sums are exact

export interface Piece {
  km: number;
  /** Flat-ground speed in m/s. */
  speed: number;
  /** Effort as a fraction of threshold speed. */
  effort: number;
}

export interface SplitInput {
  pieces: Piece[];
  stops: Stop[];
  /** Mean climbing per km (m); 0 for a treadmill. */
  gainPerKm: number;
  /** Day-to-day pace wobble per kilometre (sd of log speed). */
  wobbleSd: number;
  /** Forces the total moving time (a race's finish time). */
  targetMovingS?: number;
}

export interface BuiltSplit {
  splitId: number;
  distanceDm: number;
  movingTime: number;
  elapsedTime: number;
  /** Time-weighted effort over the split. */
  effort: number;
  tMidS: number;
  gain: number;
}

export interface BuiltSplits {
  splits: BuiltSplit[];
  distanceDm: number;
  movingTime: number;
  elapsedTime: number;
  /** Training impulse: hours x effort^2 x 100 summed over every piece. */
  load: number;
  elevation: number;
}

/** Total distance in dm; a last split shorter than 20 m is stretched so that no split rounds to 0 s. */
export function splitDistanceDm(km: number): number {
  const dm = Math.round(km * DM_PER_KM);
  const rest = dm % DM_PER_KM;
  return rest > 0 && rest < 200 ? dm + (200 - rest) : dm;
}

export function buildSplits(input: SplitInput, rng: Rng): BuiltSplits {
  const totalKm = input.pieces.reduce((s, p) => s + p.km, 0);
  const distanceDm = splitDistanceDm(totalKm);
  const n = Math.ceil(distanceDm / DM_PER_KM);
  const stretch = distanceDm / DM_PER_KM / totalKm;

  const seconds: number[] = [];
  const efforts: number[] = [];
  const loads: number[] = [];
  const gains: number[] = [];
  let pieceIndex = 0;
  let pieceLeftM = input.pieces[0].km * 1000 * stretch;
  for (let i = 0; i < n; i++) {
    const lenM = (Math.min(DM_PER_KM, distanceDm - i * DM_PER_KM)) / 10;
    let needM = lenM;
    let t = 0;
    let effortT = 0;
    let loadT = 0;
    while (needM > 1e-9 && pieceIndex < input.pieces.length) {
      const p = input.pieces[pieceIndex];
      const take = Math.min(needM, pieceLeftM);
      const dt = take / p.speed;
      t += dt;
      effortT += dt * p.effort;
      loadT += dt * p.effort * p.effort;
      needM -= take;
      pieceLeftM -= take;
      if (pieceLeftM <= 1e-9) {
        pieceIndex++;
        if (pieceIndex < input.pieces.length) pieceLeftM = input.pieces[pieceIndex].km * 1000 * stretch;
      }
    }
    const gain = input.gainPerKm > 0 ? input.gainPerKm * (lenM / 1000) * Math.exp(rng.normal(-0.18, 0.6)) : 0;
    const scale = Math.exp(rng.normal(0, input.wobbleSd)) * (1 + 0.002 * (gain / Math.max(lenM / 1000, 0.05)));
    seconds.push(t * scale);
    efforts.push(t > 0 ? effortT / t : 0);
    loads.push(loadT * scale);
    gains.push(gain);
  }

  let total = seconds.reduce((a, b) => a + b, 0);
  if (input.targetMovingS !== undefined) {
    const k = input.targetMovingS / total;
    for (let i = 0; i < n; i++) {
      seconds[i] *= k;
      loads[i] *= k;
    }
    total = input.targetMovingS;
  }

  // Cumulative rounding keeps every split >= 1 s and the sum equal to the rounded total.
  const moving: number[] = [];
  let cum = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    cum += seconds[i];
    const here = Math.max(prev + 1, Math.round(cum));
    moving.push(here - prev);
    prev = here;
  }
  const stopSec = new Array<number>(n).fill(0);
  for (const s of input.stops) stopSec[Math.min(n - 1, Math.floor((s.atKm * stretch * DM_PER_KM) / DM_PER_KM))] += s.sec;

  const splits: BuiltSplit[] = [];
  let clock = 0;
  for (let i = 0; i < n; i++) {
    const elapsed = moving[i] + stopSec[i];
    splits.push({
      splitId: i + 1,
      distanceDm: Math.min(DM_PER_KM, distanceDm - i * DM_PER_KM),
      movingTime: moving[i],
      elapsedTime: elapsed,
      effort: efforts[i],
      tMidS: clock + elapsed / 2,
      gain: gains[i],
    });
    clock += elapsed;
  }
  return {
    splits,
    distanceDm,
    movingTime: prev,
    elapsedTime: clock,
    load: (loads.reduce((a, b) => a + b, 0) / 3600) * 100,
    elevation: Math.round(gains.reduce((a, b) => a + b, 0) * 10) / 10,
  };
}
