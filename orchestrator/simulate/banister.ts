// Banister impulse-response model: fitness and fatigue are impulse sums decaying with tau1 and tau2;
// performance p = k1 * fitness - k2 * fatigue (in % of threshold speed, relative to habitual training).

import type { BanisterParams } from './types.ts';

/** Steady-state impulse sum of a constant daily load with decay constant tau. */
export function steadyState(load: number, tau: number): number {
  return load / (1 - Math.exp(-1 / tau));
}

/**
 * Individual parameters: k1 so that habitual training is worth gainPct % of speed, k2 a multiple of k1
 * (fatigue weighs more per unit but fades faster, which is what makes a taper work).
 */
export function makeBanister(
  loadRef: number,
  tau1: number,
  tau2: number,
  gainPct: number,
  fatigueRatio: number,
  warmth: { fitness: number; fatigue: number },
): BanisterParams {
  const gSteady = steadyState(loadRef, tau1);
  const hSteady = steadyState(loadRef, tau2);
  const k1 = gainPct / gSteady;
  const k2 = k1 * fatigueRatio;
  return {
    k1,
    k2,
    tau1,
    tau2,
    loadRef,
    perfRef: k1 * gSteady - k2 * hSteady,
    gainPct,
    fitness0: gSteady * warmth.fitness,
    fatigue0: hSteady * warmth.fatigue,
  };
}

export class BanisterState {
  fitness: number;
  fatigue: number;
  private readonly decay1: number;
  private readonly decay2: number;

  constructor(readonly params: BanisterParams) {
    this.fitness = params.fitness0;
    this.fatigue = params.fatigue0;
    this.decay1 = Math.exp(-1 / params.tau1);
    this.decay2 = Math.exp(-1 / params.tau2);
  }

  /** Ends a day with total impulse `load`: g_t = g_{t-1} e^(-1/tau1) + w_t, likewise h. */
  endDay(load: number): void {
    this.fitness = this.fitness * this.decay1 + load;
    this.fatigue = this.fatigue * this.decay2 + load;
  }

  performance(): number {
    return performanceOf(this.params, this.fitness, this.fatigue);
  }
}

export function performanceOf(p: BanisterParams, fitness: number, fatigue: number): number {
  return p.k1 * fitness - p.k2 * fatigue;
}

/** Threshold speed factor relative to the reference pace: 1 + (p - p_ref) / 100, kept within reason. */
export function speedFactor(p: BanisterParams, performance: number): number {
  return Math.min(1.15, Math.max(0.72, 1 + (performance - p.perfRef) / 100));
}

/** Threshold pace (min/km) for a performance level. */
export function thresholdPaceOf(p: BanisterParams, paceRef: number, performance: number): number {
  return paceRef / speedFactor(p, performance);
}

/** Riegel's exponent, which the race model follows up to 10 km. */
export const RIEGEL_EXPONENT = 1.06;

/**
 * Race model: the threshold pace is the pace one can hold for an hour; distances up to 10 km
 * follow Riegel (exponent 1.06) from the distance covered in that hour, longer ones follow the
 * runner's endurance exponent from the 10 km time; all slowed by the course's climbing.
 */
export function modelRaceTime(thresholdPace: number, nominalKm: number, courseGainPerKm: number, enduranceExponent = RIEGEL_EXPONENT): number {
  const kmPerHour = 60 / thresholdPace;
  const flat = nominalKm <= 10
    ? 3600 * Math.pow(nominalKm / kmPerHour, RIEGEL_EXPONENT)
    : 3600 * Math.pow(10 / kmPerHour, RIEGEL_EXPONENT) * Math.pow(nominalKm / 10, enduranceExponent);
  return flat * (1 + 0.0015 * courseGainPerKm);
}
