// Simulates one athlete day by day: plans each week, lives through breaks, turns sessions into
// activities, and carries the Banister state and the acute:chronic ratio that drives injuries.

import { activityIdOf } from './ids.ts';
import { crossActivity, runActivity, type ActivityContext } from './activity.ts';
import { BanisterState, speedFactor, thresholdPaceOf } from './banister.ts';
import { mondayOf, monthDay, weekday } from './calendar.ts';
import { scheduleBreaks, startRandomBreak, weeklyStrain, type BreakWindow } from './breaks.ts';
import { PhasePlan } from './plan.ts';
import { Rng } from './prng.ts';
import { scheduleRaces } from './races.ts';
import { regionOf } from './regions.ts';
import type { ActivityRecord, AthleteHistory, AthleteProfile, CrossSport, DailyTruth, RaceEvent, RaceTruth, Status } from './types.ts';
import { planWeek, type PlannedRun } from './week-plan.ts';

export interface AthleteSimOptions {
  seed: number;
  crossSplits: boolean;
  keepDaily: boolean;
}

/** Rest days right after a goal race, by distance. */
const REST_AFTER: Record<string, number> = { '5k': 0, '10k': 1, half: 2, marathon: 4 };
const MAX_PER_DAY = 8;

interface Session {
  startSec: number;
  durationGuessS: number;
  run?: PlannedRun;
  cross?: CrossSport;
}

function slotStart(p: AthleteProfile, rng: Rng, day: number, slot: 'am' | 'pm'): number {
  const weekend = weekday(day) >= 5;
  const h = (lo: number, hi: number) => Math.round(rng.uniform(lo, hi) * 3600);
  if (slot === 'pm') return p.timeSlot === 'evening' ? h(6, 7.5) : h(17.5, 19.5);
  if (weekend) return h(7.5, 10.5);
  const s = p.timeSlot === 'mixed' ? rng.pick(['early', 'lunch', 'evening'] as const) : p.timeSlot;
  return s === 'early' ? h(5.75, 7.5) : s === 'lunch' ? h(11.9, 12.9) : h(17.25, 19.75);
}

function crossStart(sport: CrossSport, rng: Rng, weekend: boolean): number {
  const h = (lo: number, hi: number) => Math.round(rng.uniform(lo, hi) * 3600);
  if ((sport === 'Ride' || sport === 'Hike' || sport === 'NordicSki') && weekend) return h(8, 11);
  if (sport === 'Walk') return rng.chance(0.5) ? h(12, 13) : h(18.5, 20.5);
  if (sport === 'Yoga') return rng.chance(0.4) ? h(6.5, 7.5) : h(19, 21);
  return h(17.5, 20);
}

function crossChoices(p: AthleteProfile, rng: Rng, status: Status, day: number, runDay: boolean, winter: boolean): CrossSport[] {
  const out: CrossSport[] = [];
  if (status === 'illness') return rng.chance(0.15) ? ['Walk'] : [];
  if (status === 'vacation') {
    if (rng.chance(0.5)) out.push('Walk');
    if (rng.chance(0.25)) out.push('Hike');
    if (rng.chance(0.12)) out.push('Swim');
    return out.slice(0, 2);
  }
  if (status === 'injury') {
    if (p.crossWhenInjured && rng.chance(0.55)) {
      const options = p.cross.map((c) => c.sport).filter((s) => s === 'Ride' || s === 'Swim' || s === 'VirtualRide');
      out.push(options.length > 0 ? rng.pick(options) : 'Elliptical');
    }
    if (p.cross.some((c) => c.sport === 'WeightTraining') && rng.chance(0.2)) out.push('WeightTraining');
    return out;
  }
  for (const habit of p.cross) {
    let rate = (habit.perWeek / 7) * (runDay ? 0.8 : 1.6);
    if (habit.sport === 'NordicSki' && !winter) rate = 0;
    if (habit.sport === 'VirtualRide') rate *= winter ? 1.6 : 0.5;
    if (habit.sport === 'Ride') rate *= winter ? 0.5 : 1.3;
    if (rng.chance(Math.min(0.9, rate))) out.push(habit.sport);
  }
  return out.slice(0, 2);
}

function hrOn(p: AthleteProfile, rng: Rng, day: number, run: boolean): boolean {
  switch (p.hrDevice) {
    case 'none':
      return false;
    case 'always':
      return !run || rng.chance(0.98);
    case 'from_date':
      return day >= p.hrFromDay && (!run || rng.chance(0.98));
    case 'sometimes':
      return rng.chance(p.hrSometimes);
  }
}

export function simulateAthlete(profile: AthleteProfile, opts: AthleteSimOptions): AthleteHistory {
  const p = profile;
  const rng = new Rng(opts.seed, 'athlete', p.index);
  const races = scheduleRaces(p, new Rng(opts.seed, 'races', p.index), p.endDay + 120);
  const raceDays = new Map<number, RaceEvent[]>();
  for (const r of races) raceDays.set(r.day, [...(raceDays.get(r.day) ?? []), r]);
  const phases = new PhasePlan(races);
  const breaks: BreakWindow[] = scheduleBreaks(p, races, new Rng(opts.seed, 'breaks', p.index));
  const state = new BanisterState(p.banister);
  const locale = regionOf(p.timezone).locale;
  const loadRef = p.banister.loadRef;
  let acute = p.novice ? 0 : loadRef * 0.9;
  let chronic = acute;
  // The last 7 days' loads and the habitual (28-day) strain, for the illness hazard.
  const lastLoads: number[] = [];
  let habitualStrain: number | null = null;
  let ramp: { start: number; days: number } | null = null;

  const activities: ActivityRecord[] = [];
  const daily: DailyTruth[] = [];
  const raceTruths: RaceTruth[] = [];
  let week: PlannedRun[][] = [];
  let weekIndex = 0;

  for (let day = p.startDay; day <= p.endDay; day++) {
    const wd = weekday(day);
    if (wd === 0 || day === p.startDay) {
      const monday = mondayOf(day);
      const weekRaces = races.filter((r) => r.day >= monday && r.day <= monday + 6);
      week = planWeek({ profile: p, monday, weekIndex: weekIndex++, phase: phases.at(monday + 3), races: weekRaces, rng }).days;
    }
    const active = breaks.find((b) => day >= b.startDay && day <= b.endDay);
    const status: Status = active ? active.cause : 'training';
    if (active && active.endDay === day && active.cause !== 'vacation') {
      const impatient = rng.chance(p.impatience * 0.6);
      ramp = { start: day + 1, days: impatient ? 0 : active.cause === 'injury' ? rng.int(14, 42) : rng.int(3, 10) };
    }
    const returnFactor = ramp && ramp.days > 0 ? Math.min(1, 0.4 + (0.6 * (day - ramp.start)) / ramp.days) : 1;
    const phase = phases.at(day);
    const performance = state.performance();
    const thresholdPace = thresholdPaceOf(p.banister, p.thresholdPaceRef, performance);
    const { month } = monthDay(day);
    const heat = p.hemisphere === 'N' ? month >= 6 && month <= 8 : month === 12 || month <= 2;
    const winter = p.hemisphere === 'N' ? month === 12 || month <= 2 : month >= 6 && month <= 8;

    // Which sessions happen today.
    const sessions: Session[] = [];
    const restAfterGoal = phase.phase === 'recovery' && phase.daysSinceGoal <= (REST_AFTER[phase.lastGoal?.distance ?? ''] ?? 2);
    if (status === 'training' && !restAfterGoal) {
      for (const run of week[wd] ?? []) {
        const raceToday = run.race !== undefined;
        if (!raceToday && rng.chance(p.skipProb)) continue;
        let planned = run;
        if (!raceToday) {
          const downgrade = returnFactor < 0.8 && run.type !== 'easy' && run.type !== 'recovery';
          planned = { ...run, type: downgrade ? 'easy' : run.type, km: Math.max(1.5, run.km * returnFactor) };
        }
        const start = planned.race ? planned.race.startSec + rng.int(0, 240) : slotStart(p, rng, day, planned.slot);
        sessions.push({ startSec: start, durationGuessS: planned.km * thresholdPace * 80, run: planned });
      }
    } else if (status === 'vacation' && rng.chance(0.25)) {
      sessions.push({ startSec: slotStart(p, rng, day, 'am'), durationGuessS: 2400, run: { type: 'easy', km: rng.uniform(4, 8), slot: 'am' } });
    }
    for (const sport of crossChoices(p, rng, status, day, sessions.length > 0, winter)) {
      sessions.push({ startSec: crossStart(sport, rng, wd >= 5), durationGuessS: 5400, cross: sport });
    }

    // Order the day and push overlapping sessions later; drop what would run past 23:00.
    sessions.sort((a, b) => a.startSec - b.startSec);
    let free = 0;
    const placed: Session[] = [];
    for (const s of sessions) {
      if (s.run?.race === undefined && s.startSec < free) s.startSec = free + rng.int(15, 90) * 60;
      if (s.startSec > 23 * 3600 || placed.length >= MAX_PER_DAY) continue;
      placed.push(s);
      free = s.startSec + s.durationGuessS;
    }
    placed.sort((a, b) => a.startSec - b.startSec);

    let load = 0;
    let n = 0;
    for (const s of placed) {
      const ctx: ActivityContext = {
        profile: p,
        rng,
        day,
        id: activityIdOf(day, p.index, n),
        startLocalSec: s.startSec,
        timezone: s.run?.race?.timezone ?? p.timezone,
        thresholdPace,
        hrOn: hrOn(p, rng, day, s.run !== undefined),
        heat,
        winter,
        locale,
      };
      if (s.run) {
        const { record, race } = runActivity(ctx, s.run);
        activities.push(record);
        load += record.load;
        if (race) {
          raceTruths.push({
            race: race.race,
            activityId: record.id,
            distanceDm: record.distanceDm,
            workoutType: record.workoutType,
            name: record.name,
            fitness: state.fitness,
            fatigue: state.fatigue,
            performance,
            thresholdPace,
            modelTimeS: race.modelTimeS,
            noiseFactor: race.noiseFactor,
            finishTimeS: race.finishTimeS,
          });
        }
      } else if (s.cross) {
        const record = crossActivity(ctx, s.cross, opts.crossSplits);
        activities.push(record);
        load += record.load;
      }
      n++;
    }

    state.endDay(load);
    acute += (load - acute) / 7;
    chronic += (load - chronic) / 28;
    const acwr = acute / Math.max(chronic, 0.5 * loadRef);
    lastLoads.push(load);
    if (lastLoads.length > 7) lastLoads.shift();
    const strain = weeklyStrain(lastLoads);
    habitualStrain = habitualStrain === null ? strain : habitualStrain + (strain - habitualStrain) / 28;
    const strainRatio = strain / Math.max(habitualStrain, 7 * loadRef * 0.5);
    if (status === 'training' && !breaks.some((b) => b.startDay === day + 1)) {
      const started = startRandomBreak(p, rng, day + 1, acwr, strainRatio);
      if (started) breaks.push(started);
    }
    if (opts.keepDaily) {
      const perf = state.performance();
      daily.push({
        day,
        load,
        fitness: state.fitness,
        fatigue: state.fatigue,
        performance: perf,
        thresholdPace: p.thresholdPaceRef / speedFactor(p.banister, perf),
        acwr,
        phase: phase.phase,
        status,
        nActivities: n,
      });
    }
  }

  return {
    profile: p,
    activities,
    daily,
    races: raceTruths,
    breaks: breaks
      .filter((b) => b.startDay <= p.endDay)
      .sort((a, b) => a.startDay - b.startDay)
      .map((b) => ({ cause: b.cause, startDay: b.startDay, endDay: b.endDay, acwrAtStart: b.acwrAtStart, scripted: b.scripted })),
  };
}
