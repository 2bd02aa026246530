// Heart rate: a fraction of heart-rate reserve set by effort, drifting upward through a session.

import type { Rng } from './prng.ts';
import type { AthleteProfile } from './types.ts';

/** Fraction of heart-rate reserve at an effort given as a fraction of threshold speed. */
export function hrrOfEffort(effort: number): number {
  return Math.min(0.98, Math.max(0.15, 0.88 * Math.pow(Math.max(effort, 0), 1.3)));
}

export function hrFromHrr(p: AthleteProfile, hrr: number): number {
  return p.hrRest + (p.hrMax - p.hrRest) * hrr;
}

export interface HrInput {
  effort: number;
  /** Seconds since the start at the middle of the split (elapsed). */
  tMidS: number;
}

/**
 * Average and maximum per split: the effort's heart rate, a slow start (the heart lags the first
 * minutes), cardiac drift per hour (more in the heat) and a little noise; an optical sensor now and
 * then locks onto cadence early in a run.
 */
export function splitHeartRates(
  p: AthleteProfile,
  inputs: HrInput[],
  heat: boolean,
  rng: Rng,
): { avg: number; max: number }[] {
  const drift = p.hrDriftPerHour * (heat ? 1.6 : 1);
  const cadenceLock = rng.chance(0.01);
  return inputs.map((s, i) => {
    const base = hrFromHrr(p, Math.min(0.98, hrrOfEffort(s.effort) + p.hrOffset));
    let avg = base + (drift * s.tMidS) / 3600 - 10 * Math.exp(-s.tMidS / 240) + rng.normal(0, 1.2);
    if (cadenceLock && i < 3) avg += 25;
    avg = Math.min(p.hrMax - 1, Math.max(p.hrRest + 5, avg));
    const max = Math.min(p.hrMax, avg + rng.uniform(2, 7));
    return { avg: Math.round(avg * 10) / 10, max: Math.round(max) };
  });
}
