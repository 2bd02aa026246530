// One training week: how many kilometres, on which days, and which sessions (long run, quality,
// easy runs, doubles, races), following the phase and the athlete's habits.

import { monthDay } from './calendar.ts';
import type { PhaseDay } from './plan.ts';
import type { Rng } from './prng.ts';
import type { AthleteProfile, Level, Phase, RaceEvent, RunType } from './types.ts';

export interface PlannedRun {
  type: RunType;
  km: number;
  slot: 'am' | 'pm';
  race?: RaceEvent;
}

export interface WeekContext {
  profile: AthleteProfile;
  monday: number;
  weekIndex: number;
  phase: PhaseDay;
  races: readonly RaceEvent[];
  rng: Rng;
}

const QUALITY: Record<Level, Record<Phase, number>> = {
  beginner: { open: 0, base: 0, build: 0.5, taper: 0, race: 0, recovery: 0 },
  recreational: { open: 0.3, base: 0.3, build: 1, taper: 1, race: 0, recovery: 0 },
  intermediate: { open: 0.7, base: 0.7, build: 1.6, taper: 1, race: 1, recovery: 0 },
  advanced: { open: 1, base: 1, build: 2, taper: 1.5, race: 1, recovery: 0 },
  subelite: { open: 1.3, base: 1.3, build: 2, taper: 2, race: 1, recovery: 0 },
};

/** Weekly volume relative to the habitual one: growth, phase, recovery weeks, season, noise, camps. */
export function weekVolume(ctx: WeekContext): { km: number; camp: boolean } {
  const { profile: p, monday, weekIndex, phase, rng } = ctx;
  const years = (monday - p.startDay) / 365.25;
  const growth = p.novice
    ? Math.min(1.35, 0.6 + 0.75 * years)
    : Math.min(1.4, Math.max(0.7, 1 + p.trendPerYear * years));
  const recoveryWeek =
    (phase.phase === 'base' || phase.phase === 'build' || phase.phase === 'open') && weekIndex % p.cycleLength === p.cycleLength - 1;
  const { month, date } = monthDay(monday);
  const christmas = (month === 12 && date >= 20) || (month === 1 && date <= 2);
  const summer = p.hemisphere === 'N' ? month === 7 || month === 8 : month === 1;
  const season = christmas ? 0.7 : summer ? 0.93 : 1;
  const camp = (p.level === 'advanced' || p.level === 'subelite') && phase.phase === 'build' && rng.chance(0.05);
  const noise = Math.exp(rng.normal(0, p.volatility));
  const burst = rng.chance(p.burstRate) ? rng.uniform(1.3, 1.7) : 1;
  const km = p.weeklyKmRef * growth * phase.factor * (recoveryWeek ? 0.72 : 1) * season * noise * burst * (camp ? 1.35 : 1);
  return { km, camp };
}

function qualityTypes(p: AthleteProfile, phase: Phase, rng: Rng): RunType[] {
  if (p.level === 'beginner') return ['fartlek'];
  if (phase === 'base' || phase === 'open') return [rng.chance(0.5) ? 'fartlek' : 'tempo', 'tempo'];
  if (p.focus === 'marathon') return ['tempo', rng.chance(0.5) ? 'intervals' : 'tempo'];
  if (p.focus === 'half') return ['tempo', 'intervals'];
  return ['intervals', 'tempo'];
}

function qualityKm(type: RunType, weekKm: number): number {
  if (type === 'tempo') return Math.min(16, Math.max(5, weekKm * 0.18));
  if (type === 'intervals') return Math.min(15, Math.max(5, weekKm * 0.17));
  return Math.min(12, Math.max(4, weekKm * 0.15));
}

export function planWeek(ctx: WeekContext): { days: PlannedRun[][]; km: number; camp: boolean } {
  const { profile: p, phase, rng, monday } = ctx;
  const days: PlannedRun[][] = [[], [], [], [], [], [], []];
  const { km, camp } = weekVolume(ctx);
  const goalThisWeek = ctx.races.find((r) => r.kind === 'goal');

  let n = p.runsPerWeek + (rng.chance(0.15) ? -1 : 0) + (rng.chance(0.1) ? 1 : 0);
  if (phase.phase === 'recovery') n -= 1;
  n = Math.min(7, Math.max(2, n));
  const runDays = new Set(p.runDayOrder.slice(0, n));
  const raceDays = new Set<number>();
  for (const r of ctx.races) {
    const wd = r.day - monday;
    raceDays.add(wd);
    runDays.add(wd);
    days[wd].push({ type: r.effort === 'tempo' ? 'parkrun_tempo' : 'race', km: r.nominalKm, slot: 'am', race: r });
    // The day before a race is rest or a shakeout.
    if (wd > 0 && !raceDays.has(wd - 1)) runDays.delete(wd - 1);
    if (wd > 0 && (r.kind === 'goal' || r.distance === 'half') && n >= 4) {
      days[wd - 1].push({ type: 'shakeout', km: rng.uniform(3, 5), slot: 'am' });
    }
  }

  let budget = km - ctx.races.reduce((s, r) => s + (r.kind === 'goal' ? 0 : r.nominalKm), 0);
  if (goalThisWeek) budget = km * 0.6;

  // Long run.
  const L = p.longRunDay;
  if (!goalThisWeek && runDays.has(L) && !raceDays.has(L)) {
    const share = n <= 2 ? 0.45 : n === 3 ? 0.38 : n === 4 ? 0.32 : n === 5 ? 0.28 : 0.25;
    const cap = p.focus === 'marathon' && phase.phase === 'build' ? p.longCapKm : p.longCapKm * 0.8;
    const raceNextToIt = raceDays.has(L - 1) ? 0.8 : 1;
    const longKm = Math.min(cap, Math.max(p.minEasyKm * 1.3, km * share)) * raceNextToIt;
    const mp = p.focus === 'marathon' && phase.phase === 'build' && p.level !== 'beginner' && ctx.weekIndex % 2 === 0;
    days[L].push({ type: mp ? 'long_mp' : 'long', km: longKm, slot: 'am' });
    budget -= longKm;
  }

  // Quality sessions, fewer when races stand in for them.
  const qExpected = QUALITY[p.level][phase.phase];
  let q = Math.floor(qExpected) + (rng.chance(qExpected - Math.floor(qExpected)) ? 1 : 0);
  q = Math.max(0, q - ctx.races.filter((r) => r.kind !== 'goal').length);
  if (goalThisWeek) q = Math.min(q, 1);
  const types = qualityTypes(p, phase.phase, rng);
  let qi = 0;
  for (const wd of [1, 3, 2, 4]) {
    if (q === 0) break;
    if (!runDays.has(wd) || raceDays.has(wd) || days[wd].length > 0) continue;
    if (goalThisWeek && goalThisWeek.day - monday - wd < 3) continue;
    const type = types[qi++ % types.length];
    const qk = qualityKm(type, km) * (goalThisWeek ? 0.7 : 1);
    days[wd].push({ type, km: qk, slot: 'am' });
    budget -= qk;
    q--;
  }

  // Doubles (sub-elites): a short second run on some days.
  const doubles = phase.phase === 'recovery' || goalThisWeek ? 0 : p.doublesPerWeek;
  const doubleDays = [2, 4, 1, 3, 0, 5].filter((wd) => runDays.has(wd) && !raceDays.has(wd)).slice(0, doubles);
  for (const wd of doubleDays) {
    const dk = rng.uniform(5, 8);
    days[wd].push({ type: 'double', km: dk, slot: 'pm' });
    budget -= dk;
  }

  // Easy runs fill what is left.
  const easyDays = [...runDays].filter((wd) => days[wd].every((s) => s.type === 'double') && !raceDays.has(wd)).sort();
  const each = easyDays.length > 0 ? budget / easyDays.length : 0;
  for (const wd of easyDays) {
    const prevHard = wd > 0 && days[wd - 1].some((s) => s.type !== 'easy' && s.type !== 'double' && s.type !== 'recovery');
    const type: RunType = prevHard && rng.chance(0.3) ? 'recovery' : 'easy';
    const ek = Math.max(p.minEasyKm, each * rng.uniform(0.85, 1.15)) * (goalThisWeek ? 0.8 : 1);
    days[wd].unshift({ type, km: ek, slot: 'am' });
  }
  return { days, km, camp };
}
