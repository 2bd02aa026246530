// Forced breaks: injuries whose daily hazard climbs steeply with the acute:chronic load ratio,
// illnesses (a little more likely under heavy load), plus planned holidays and scripted breaks.

import type { Rng } from './prng.ts';
import type { AthleteProfile, BreakCause, RaceEvent } from './types.ts';

export interface BreakWindow {
  cause: BreakCause;
  startDay: number;
  endDay: number;
  acwrAtStart: number;
  scripted: boolean;
}

/** Daily injury hazard: the athlete's base rate, multiplied by e^(4 (acwr - 1.1)) above 1.1. */
export function injuryHazard(p: AthleteProfile, acwr: number): number {
  return (p.injuryRate / 365) * (acwr > 1.1 ? Math.exp(4 * (acwr - 1.1)) : 1);
}

/**
 * Daily illness hazard: the athlete's base rate, higher under a load spike and, as Foster
 * (1998) found, when the week's strain (load x monotony) is well above the athlete's habit:
 * x e^(2 (strain ratio - 1.2)) above 1.2.
 */
export function illnessHazard(p: AthleteProfile, acwr: number, strainRatio = 1): number {
  return (p.illnessRate / 365) * (1 + Math.max(0, acwr - 1.3)) * Math.exp(2 * Math.max(0, strainRatio - 1.2));
}

/** Foster's weekly strain of the last 7 daily loads: their sum times their mean over their sd (capped at 4). */
export function weeklyStrain(loads: readonly number[]): number {
  const n = loads.length;
  if (n === 0) return 0;
  const sum = loads.reduce((s, x) => s + x, 0);
  const mean = sum / n;
  const sd = Math.sqrt(loads.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const monotony = sd > 0 ? Math.min(4, mean / sd) : mean > 0 ? 4 : 0;
  return sum * monotony;
}

export function startRandomBreak(p: AthleteProfile, rng: Rng, day: number, acwr: number, strainRatio = 1): BreakWindow | null {
  if (rng.chance(injuryHazard(p, acwr))) {
    const days = Math.round(Math.min(100, Math.max(5, rng.logNormal(18, 0.6))));
    return { cause: 'injury', startDay: day, endDay: day + days - 1, acwrAtStart: acwr, scripted: false };
  }
  if (rng.chance(illnessHazard(p, acwr, strainRatio))) {
    return { cause: 'illness', startDay: day, endDay: day + rng.int(3, 12) - 1, acwrAtStart: acwr, scripted: false };
  }
  return null;
}

/** Holidays (planned away from goal races) and the breaks a scripted athlete must have. */
export function scheduleBreaks(p: AthleteProfile, races: readonly RaceEvent[], rng: Rng): BreakWindow[] {
  const out: BreakWindow[] = p.scriptedBreaks.map((b) => ({
    cause: b.cause,
    startDay: p.endDay - b.daysBeforeEnd,
    endDay: p.endDay - b.daysBeforeEnd + b.days - 1,
    acwrAtStart: Number.NaN,
    scripted: true,
  }));
  const span = p.endDay - p.startDay;
  const n = span < 60 ? 0 : rng.poisson((p.vacationsPerYear * span) / 365.25);
  for (let i = 0; i < n; i++) {
    const start = p.startDay + rng.int(30, Math.max(30, span - 10));
    const end = start + rng.int(7, 16) - 1;
    const clash = races.some((r) => r.kind === 'goal' && r.day >= start - 3 && r.day <= end + 3);
    const overlap = out.some((b) => start <= b.endDay + 7 && end >= b.startDay - 7);
    if (!clash && !overlap) out.push({ cause: 'vacation', startDay: start, endDay: end, acwrAtStart: Number.NaN, scripted: false });
  }
  return out;
}
