// Periodisation: which phase each day is in (base, build, taper, race, recovery) and how much
// volume that phase asks for, relative to the athlete's habitual week.

import type { Phase, RaceDistance, RaceEvent } from './types.ts';

const TAPER_DAYS: Record<RaceDistance, number> = { '5k': 6, '10k': 9, half: 13, marathon: 20 };
const BUILD_DAYS: Record<RaceDistance, number> = { '5k': 42, '10k': 56, half: 70, marathon: 98 };
const RECOVERY_DAYS: Record<RaceDistance, number> = { '5k': 3, '10k': 6, half: 10, marathon: 20 };

export interface PhaseDay {
  phase: Phase;
  /** Volume factor of the phase (1 = habitual week). */
  factor: number;
  /** Days since the last goal race (for the rest days right after it). */
  daysSinceGoal: number;
  lastGoal: RaceEvent | null;
  nextGoal: RaceEvent | null;
}

export class PhasePlan {
  private readonly goals: RaceEvent[];

  constructor(races: readonly RaceEvent[]) {
    this.goals = races.filter((r) => r.kind === 'goal');
  }

  at(day: number): PhaseDay {
    let prev: RaceEvent | null = null;
    let next: RaceEvent | null = null;
    for (const g of this.goals) {
      if (g.day < day) prev = g;
      else {
        next = g;
        break;
      }
    }
    const since = prev ? day - prev.day : Infinity;
    if (prev && since <= RECOVERY_DAYS[prev.distance as RaceDistance]) {
      const rec = RECOVERY_DAYS[prev.distance as RaceDistance];
      return { phase: 'recovery', factor: 0.3 + 0.6 * (since / rec), daysSinceGoal: since, lastGoal: prev, nextGoal: next };
    }
    if (next) {
      const d = next.distance as RaceDistance;
      const toGo = next.day - day;
      if (toGo === 0) return { phase: 'race', factor: 0.5, daysSinceGoal: since, lastGoal: prev, nextGoal: next };
      if (toGo <= TAPER_DAYS[d]) {
        return { phase: 'taper', factor: 0.45 + 0.45 * (toGo / TAPER_DAYS[d]), daysSinceGoal: since, lastGoal: prev, nextGoal: next };
      }
      const intoBuild = BUILD_DAYS[d] - (toGo - TAPER_DAYS[d]);
      if (intoBuild >= 0) {
        return { phase: 'build', factor: 1 + 0.15 * (intoBuild / BUILD_DAYS[d]), daysSinceGoal: since, lastGoal: prev, nextGoal: next };
      }
      return { phase: 'base', factor: 0.9, daysSinceGoal: since, lastGoal: prev, nextGoal: next };
    }
    return { phase: prev ? 'base' : 'open', factor: 0.92, daysSinceGoal: since, lastGoal: prev, nextGoal: null };
  }
}
