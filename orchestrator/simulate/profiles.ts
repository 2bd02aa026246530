// Draws an athlete: level, habits, devices, physiology and individual Banister parameters.

import { makeBanister } from './banister.ts';
import { Rng } from './prng.ts';
import { REGIONS, regionOf } from './regions.ts';
import type {
  AthleteProfile,
  CrossHabit,
  HrDevice,
  Level,
  NamingStyle,
  RaceDistance,
  ScriptedBreak,
  TimeSlot,
  WorkoutTagging,
} from './types.ts';

interface LevelSpec {
  share: number;
  pace: [number, number];
  weeklyKm: [number, number];
  runs: [number, number];
  doubles: [number, number];
  longCapKm: number;
  minEasyKm: number;
  focus: readonly (readonly [RaceDistance, number])[];
  localRaces: [number, number];
}

export const LEVEL_SPECS: Record<Level, LevelSpec> = {
  beginner: {
    share: 0.18, pace: [6.0, 7.0], weeklyKm: [8, 18], runs: [2, 3], doubles: [0, 0], longCapKm: 12,
    minEasyKm: 2.5, focus: [['5k', 0.6], ['10k', 0.4]], localRaces: [0, 2],
  },
  recreational: {
    share: 0.32, pace: [5.2, 6.2], weeklyKm: [15, 32], runs: [3, 4], doubles: [0, 0], longCapKm: 20,
    minEasyKm: 4, focus: [['5k', 0.25], ['10k', 0.35], ['half', 0.3], ['marathon', 0.1]], localRaces: [0, 4],
  },
  intermediate: {
    share: 0.3, pace: [4.4, 5.3], weeklyKm: [30, 55], runs: [4, 5], doubles: [0, 0], longCapKm: 28,
    minEasyKm: 5, focus: [['10k', 0.25], ['half', 0.4], ['marathon', 0.35]], localRaces: [1, 5],
  },
  advanced: {
    share: 0.15, pace: [3.7, 4.45], weeklyKm: [55, 95], runs: [5, 6], doubles: [0, 1], longCapKm: 33,
    minEasyKm: 7, focus: [['5k', 0.1], ['10k', 0.25], ['half', 0.3], ['marathon', 0.35]], localRaces: [1, 6],
  },
  subelite: {
    share: 0.05, pace: [3.15, 3.7], weeklyKm: [95, 150], runs: [6, 7], doubles: [2, 5], longCapKm: 36,
    minEasyKm: 8, focus: [['5k', 0.15], ['10k', 0.3], ['half', 0.25], ['marathon', 0.3]], localRaces: [2, 6],
  },
};

/** Overrides for a scripted athlete (the shipped sample's cast); anything left out is drawn. */
export interface AthleteSpec {
  label?: string;
  level?: Level;
  focus?: RaceDistance;
  novice?: boolean;
  timezone?: string;
  tzLabel?: 'iana' | 'strava';
  hrDevice?: HrDevice;
  /** Length of the history in days, ending on the end date. */
  historyDays?: number;
  scriptedBreaks?: ScriptedBreak[];
  settings?: boolean;
  workoutTagging?: WorkoutTagging;
  namingStyle?: NamingStyle;
  parkrunner?: boolean;
  cross?: CrossHabit[];
  goalProb?: number;
  thresholdPaceRef?: number;
  weeklyKmRef?: number;
  injuryRate?: number;
}

export interface SimWindow {
  startDay: number;
  endDay: number;
}

/** Athlete ids are bucketed by index (unique) with a seed-dependent offset (stable for a seed). */
export function athleteIdOf(seed: number, index: number): number {
  return 10_000_000 + index * 1000 + new Rng(seed, 'athlete-id', index).int(0, 999);
}

function drawCross(rng: Rng, hemisphere: 'N' | 'S', level: Level): CrossHabit[] {
  const habits: CrossHabit[] = [];
  if (rng.chance(0.06)) {
    habits.push({ sport: 'Ride', perWeek: rng.uniform(2, 3.5) }, { sport: 'Swim', perWeek: rng.uniform(1.5, 3) });
  } else {
    if (rng.chance(0.3)) habits.push({ sport: 'Ride', perWeek: rng.uniform(0.3, 2.5) });
    if (rng.chance(0.15)) habits.push({ sport: 'Swim', perWeek: rng.uniform(0.5, 2) });
  }
  if (rng.chance(0.12)) habits.push({ sport: 'VirtualRide', perWeek: rng.uniform(0.3, 1.5) });
  if (rng.chance(level === 'subelite' ? 0.6 : 0.35)) habits.push({ sport: 'WeightTraining', perWeek: rng.uniform(0.5, 2) });
  if (rng.chance(0.45)) habits.push({ sport: 'Walk', perWeek: rng.uniform(0.3, 2.5) });
  if (rng.chance(0.15)) habits.push({ sport: 'Hike', perWeek: rng.uniform(0.1, 0.5) });
  if (rng.chance(0.2)) habits.push({ sport: 'Yoga', perWeek: rng.uniform(0.5, 2) });
  if (rng.chance(0.1)) habits.push({ sport: 'Workout', perWeek: rng.uniform(0.5, 2) });
  if (hemisphere === 'N' && rng.chance(0.05)) habits.push({ sport: 'NordicSki', perWeek: rng.uniform(0.3, 1) });
  return habits;
}

function runDayOrder(rng: Rng, longRunDay: 5 | 6): number[] {
  const otherWeekend = longRunDay === 6 ? 5 : 6;
  const order = [longRunDay, 1, 3, otherWeekend, 2, 4, 0];
  if (rng.chance(0.5)) [order[4], order[5]] = [order[5], order[4]];
  if (rng.chance(0.5)) [order[5], order[6]] = [order[6], order[5]];
  return order;
}

/**
 * Beyond 10 km a runner's races follow Riegel with this exponent. Centred so that Riegel's
 * 1.06 from a 10 km effort comes out about 4 % too fast at the half and 10 % at the
 * marathon for a recreational runner, less for better-trained ones.
 */
const ENDURANCE_EXPONENT: Record<Level, number> = { beginner: 1.165, recreational: 1.145, intermediate: 1.13, advanced: 1.11, subelite: 1.09 };

function drawEnduranceExponent(rng: Rng, level: Level): number {
  return Math.min(1.22, Math.max(1.05, ENDURANCE_EXPONENT[level] + rng.normal(0, 0.015)));
}

export function drawProfile(seed: number, index: number, window: SimWindow, spec: AthleteSpec = {}): AthleteProfile {
  const rng = new Rng(seed, 'profile', index);
  const drawnLevel = rng.weighted(Object.entries(LEVEL_SPECS).map(([k, v]) => [k as Level, v.share] as const));
  const level = spec.level ?? drawnLevel;
  const ls = LEVEL_SPECS[level];
  const drawnFocus = rng.weighted(ls.focus);
  const focus = spec.focus ?? drawnFocus;
  const drawnRegion = rng.weighted(REGIONS.map((r) => [r, r.weight] as const));
  const region = spec.timezone ? regionOf(spec.timezone) : drawnRegion;
  const timezone = spec.timezone ?? region.timezone;
  const drawnTzLabel = rng.chance(0.35) ? 'strava' : 'iana';

  // History: most athletes were on Strava before the window opens, others join (or quit) inside it.
  const span = window.endDay - window.startDay;
  const joinsLate = rng.chance(0.4);
  let startDay = joinsLate ? window.startDay + rng.int(0, Math.max(0, span - 60)) : window.startDay;
  let endDay = window.endDay;
  const quits = rng.chance(0.08);
  const quitDay = startDay + 120 + rng.int(0, Math.max(0, window.endDay - startDay - 150));
  if (quits && quitDay < window.endDay - 30) endDay = quitDay;
  if (spec.historyDays !== undefined) {
    startDay = Math.max(window.startDay, window.endDay - spec.historyDays + 1);
    endDay = window.endDay;
  }
  const novice = spec.novice ?? (level === 'beginner' || (joinsLate && level === 'recreational' && rng.chance(0.3)));

  const drawnPace = rng.uniform(ls.pace[0], ls.pace[1]);
  const drawnKm = rng.uniform(ls.weeklyKm[0], ls.weeklyKm[1]);
  const thresholdPaceRef = spec.thresholdPaceRef ?? drawnPace;
  const weeklyKmRef = spec.weeklyKmRef ?? drawnKm;
  const runsPerWeek = rng.int(ls.runs[0], ls.runs[1]);
  const doublesPerWeek = rng.int(ls.doubles[0], ls.doubles[1]);
  const drawnParkrunner = region.parkrun ? rng.chance(0.45) : rng.chance(0.05);
  const parkrunner = spec.parkrunner ?? drawnParkrunner;
  const longRunDay: 5 | 6 = parkrunner || rng.chance(0.75) ? 6 : 5;

  const age = rng.int(18, 66);
  const hrMax = Math.round(208 - 0.7 * age + rng.normal(0, 6));
  const levelRest = { beginner: 66, recreational: 62, intermediate: 56, advanced: 50, subelite: 44 }[level];
  const hrRest = Math.round(levelRest + rng.normal(0, 5));
  const drawnDevice = rng.weighted<HrDevice>([['always', 0.6], ['from_date', 0.15], ['sometimes', 0.17], ['none', 0.08]]);
  const hrDevice = spec.hrDevice ?? drawnDevice;
  const hrFromDay = startDay + rng.int(0, Math.max(0, endDay - startDay));
  const drawnSettings = rng.chance(0.3);
  const hasSettings = hrDevice !== 'none' && (spec.settings ?? drawnSettings);
  const settings = hasSettings
    ? { hrMax: hrMax + Math.round(rng.normal(0, 2)), hrRest: hrRest + Math.round(rng.normal(0, 2)) }
    : null;

  const cross = drawCross(rng, region.hemisphere, level);

  // Habitual daily load of the reference week: about an hour at easy pace per 10 km, IF^2 ~ 0.65.
  const loadRef = (weeklyKmRef * thresholdPaceRef * 1.25 * 0.65 * 100) / 60 / 7;
  const warm = novice ? { fitness: 0, fatigue: 0 } : { fitness: rng.uniform(0.7, 1.05), fatigue: rng.uniform(0.6, 1.1) };
  const banister = makeBanister(
    loadRef,
    rng.uniform(35, 50),
    rng.uniform(5, 12),
    Math.min(16, Math.max(5, rng.normal(10, 2.5))),
    rng.uniform(1.6, 2.6),
    warm,
  );

  const tagging = rng.weighted<WorkoutTagging>([['none', 0.55], ['default0', 0.2], ['races', 0.15], ['full', 0.1]]);
  const naming = rng.weighted<NamingStyle>([['default', 0.5], ['mixed', 0.35], ['descriptive', 0.15]]);
  const slot = rng.weighted<TimeSlot>([['early', 0.35], ['lunch', 0.1], ['evening', 0.35], ['mixed', 0.2]]);
  const drawnInjury = rng.logNormal(0.3, 0.5);

  return {
    index,
    athleteId: athleteIdOf(seed, index),
    level,
    focus,
    novice,
    age,
    timezone,
    tzLabel: spec.tzLabel ?? drawnTzLabel,
    hemisphere: region.hemisphere,
    startDay,
    endDay,
    thresholdPaceRef,
    weeklyKmRef,
    // Its own stream, so the other draws (and the sample) do not shift.
    enduranceExponent: drawEnduranceExponent(new Rng(seed, 'endurance', index), level),
    timeTrialShare: new Rng(seed, 'time-trial', index).uniform(0.1, 0.4),
    trendPerYear: novice ? 0 : rng.uniform(-0.05, 0.08),
    runsPerWeek,
    doublesPerWeek,
    longRunDay,
    runDayOrder: runDayOrder(rng, longRunDay),
    cycleLength: rng.chance(0.6) ? 4 : 3,
    longCapKm: ls.longCapKm,
    minEasyKm: ls.minEasyKm,
    runWalk: level === 'beginner' && rng.chance(0.6),
    hrMax,
    hrRest,
    hrDevice,
    hrFromDay,
    hrSometimes: rng.uniform(0.3, 0.8),
    hrOffset: rng.normal(0, 0.03),
    hrDriftPerHour: rng.uniform(2, 9),
    settings,
    cross: spec.cross ?? cross,
    crossWhenInjured: rng.chance(0.5),
    hilliness: Math.min(20, rng.logNormal(6, 0.6)),
    trailShare: rng.chance(0.75) ? 0 : rng.uniform(0.1, 0.5),
    treadmillShare: rng.chance(0.6) ? 0 : rng.uniform(0.05, 0.3),
    virtualRun: rng.chance(0.1),
    standingRests: rng.chance(0.4),
    stopsPerKm: rng.uniform(0.02, 0.3),
    skipProb: level === 'beginner' ? rng.uniform(0.1, 0.25) : rng.uniform(0.03, 0.12),
    impatience: rng.next(),
    volatility: rng.uniform(0.05, 0.22),
    burstRate: rng.uniform(0, 0.05),
    injuryRate: spec.injuryRate ?? drawnInjury,
    illnessRate: rng.uniform(0.4, 1.6),
    vacationsPerYear: rng.uniform(0.5, 2),
    paceNoiseSd: rng.uniform(0.015, 0.035),
    raceNoiseSd: rng.uniform(0.008, 0.02),
    timeSlot: slot,
    workoutTagging: spec.workoutTagging ?? tagging,
    namingStyle: spec.namingStyle ?? naming,
    raceRenameProb: rng.uniform(0.4, 0.95),
    localRacesPerYear: rng.uniform(ls.localRaces[0], ls.localRaces[1]),
    parkrunner,
    parkrunFreq: rng.uniform(0.3, 0.8),
    parkrunRaceEffort: rng.uniform(0.3, 0.8),
    goalProb: spec.goalProb ?? (rng.chance(0.2) ? 0 : rng.uniform(0.35, 0.9)),
    abroadProb: rng.uniform(0, 0.3),
    manualProb: rng.uniform(0, 0.6),
    paceMissingProb: rng.chance(0.7) ? 0 : rng.uniform(0.01, 0.1),
    banister,
    scriptedBreaks: spec.scriptedBreaks ?? [],
  };
}
