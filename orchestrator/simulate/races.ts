// The race calendar: goal races in the racing seasons, tune-ups before them, local races, parkruns.

import { dayOf, monthDay, weekday } from './calendar.ts';
import { Rng } from './prng.ts';
import { GENERIC_RACE_NAMES, REGIONS, regionOf } from './regions.ts';
import type { AthleteProfile, RaceDistance, RaceEvent } from './types.ts';
import { RACE_KM } from './types.ts';

const PREP_DAYS: Record<RaceDistance, number> = { '5k': 42, '10k': 56, half: 70, marathon: 112 };
const MIN_GAP_DAYS: Record<RaceDistance, number> = { '5k': 35, '10k': 49, half: 70, marathon: 112 };
const START_SEC: Record<RaceDistance, number> = { '5k': 9.5 * 3600, '10k': 10 * 3600, half: 9.5 * 3600, marathon: 9 * 3600 };
const SHORTER: Record<RaceDistance, RaceDistance> = { marathon: 'half', half: '10k', '10k': '5k', '5k': '10k' };

export function raceName(rng: Rng, timezone: string, distance: RaceDistance): string {
  const local = regionOf(timezone).races[distance];
  return rng.chance(0.7) ? rng.pick(local) : rng.pick(GENERIC_RACE_NAMES[distance]);
}

function nextSunday(day: number): number {
  return day + ((6 - weekday(day) + 7) % 7);
}

/** Racing seasons: spring and autumn, shifted six months south of the equator. */
function seasonWindows(year: number, hemisphere: 'N' | 'S'): [number, number][] {
  const n: [number, number, number, number][] = [
    [3, 15, 5, 31],
    [9, 10, 11, 30],
  ];
  return n.map(([m1, d1, m2, d2]) => {
    const shift = hemisphere === 'S' ? 6 : 0;
    const y1 = year + Math.floor((m1 - 1 + shift) / 12);
    const y2 = year + Math.floor((m2 - 1 + shift) / 12);
    return [dayOf(y1, ((m1 - 1 + shift) % 12) + 1, d1), dayOf(y2, ((m2 - 1 + shift) % 12) + 1, d2)];
  });
}

export function scheduleRaces(profile: AthleteProfile, rng: Rng, horizonEnd: number): RaceEvent[] {
  const races: RaceEvent[] = [];
  let raceId = 0;
  const add = (r: Omit<RaceEvent, 'raceId'>) => races.push({ ...r, raceId: ++raceId });
  const taken = (day: number) => races.some((r) => Math.abs(r.day - day) <= 1);

  // Goal races, one per season at most.
  const goals: RaceEvent[] = [];
  let lastGoal = -Infinity;
  const firstYear = monthDay(profile.startDay).year;
  const lastYear = monthDay(horizonEnd).year;
  for (let year = firstYear - 1; year <= lastYear; year++) {
    for (const [from, to] of seasonWindows(year, profile.hemisphere)) {
      const day = nextSunday(from + rng.int(0, Math.max(0, to - from - 6)));
      const wants = rng.chance(profile.goalProb);
      let distance: RaceDistance;
      if (profile.novice) {
        const months = (day - profile.startDay) / 30.4;
        distance = months < 6 ? '5k' : months < 14 ? '10k' : profile.focus === 'marathon' ? 'half' : profile.focus;
      } else {
        distance = rng.chance(0.75) ? profile.focus : SHORTER[profile.focus];
      }
      if (!wants || day > horizonEnd || day < profile.startDay + PREP_DAYS[distance]) continue;
      if (day - lastGoal < MIN_GAP_DAYS[distance]) continue;
      lastGoal = day;
      const abroad = (distance === 'marathon' || distance === 'half') && rng.chance(profile.abroadProb);
      const timezone = abroad ? rng.pick(REGIONS.filter((r) => r.timezone !== profile.timezone)).timezone : null;
      const goal: Omit<RaceEvent, 'raceId'> = {
        day,
        distance,
        nominalKm: RACE_KM[distance],
        kind: 'goal',
        name: raceName(rng, timezone ?? profile.timezone, distance),
        startSec: START_SEC[distance] + rng.int(0, 12) * 60,
        timezone,
        effort: 'race',
        courseGainPerKm: rng.uniform(1, 6),
      };
      add(goal);
      goals.push(races[races.length - 1]);
    }
  }

  // A tune-up race some weeks before each goal.
  for (const g of goals) {
    if (g.distance === '5k' || !rng.chance(0.6)) continue;
    const d = SHORTER[g.distance as RaceDistance];
    const day = nextSunday(g.day - rng.int(d === '5k' ? 16 : 24, d === 'half' ? 42 : 35)) - (d === '5k' ? 1 : 0);
    if (day < profile.startDay + 21 || taken(day)) continue;
    add({
      day, distance: d, nominalKm: RACE_KM[d], kind: 'tuneup', name: raceName(rng, profile.timezone, d),
      startSec: START_SEC[d] + rng.int(0, 10) * 60, timezone: null, effort: 'race', courseGainPerKm: rng.uniform(1, 8),
    });
  }

  // Local races at random weekends away from the goals.
  const nearGoal = (day: number) => goals.some((g) => day >= g.day - 21 && day <= g.day + 14);
  const years = (horizonEnd - profile.startDay) / 365.25;
  const locals = rng.poisson(profile.localRacesPerYear * years);
  for (let i = 0; i < locals; i++) {
    const saturday = rng.chance(0.3);
    const day = nextSunday(profile.startDay + 14 + rng.int(0, Math.max(0, horizonEnd - profile.startDay - 14))) - (saturday ? 1 : 0);
    const d = profile.level === 'beginner'
      ? rng.weighted<RaceDistance>([['5k', 0.7], ['10k', 0.3]])
      : rng.weighted<RaceDistance>([['5k', 0.35], ['10k', 0.4], ['half', 0.25]]);
    if (nearGoal(day) || taken(day)) continue;
    const evening = saturday && d !== 'half' && rng.chance(0.3);
    add({
      day, distance: d, nominalKm: RACE_KM[d], kind: 'local', name: raceName(rng, profile.timezone, d),
      startSec: (evening ? 18.5 * 3600 : START_SEC[d]) + rng.int(0, 10) * 60, timezone: null, effort: 'race',
      courseGainPerKm: rng.uniform(1, 10),
    });
  }

  // parkrun: Saturday 9:00 (7:00 down under), a race effort or a hard tempo.
  if (profile.parkrunner) {
    const parkrunStart = profile.hemisphere === 'S' ? 7 * 3600 : 9 * 3600;
    const local = regionOf(profile.timezone).races['5k'].filter((n) => n.includes('parkrun'));
    const parkrunNames = local.length > 0 ? local : ['parkrun', 'parkrun #' + rng.int(100, 600)];
    for (let day = nextSunday(profile.startDay) - 1; day <= horizonEnd; day += 7) {
      if (day < profile.startDay || !rng.chance(profile.parkrunFreq)) continue;
      if (goals.some((g) => day >= g.day - 10 && day <= g.day + 7) || taken(day)) continue;
      const effort = rng.chance(profile.parkrunRaceEffort) ? 'race' : 'tempo';
      add({
        day, distance: '5k', nominalKm: 5, kind: 'parkrun', name: rng.pick(parkrunNames),
        startSec: parkrunStart + rng.int(0, 2) * 60, timezone: null, effort, courseGainPerKm: rng.uniform(2, 12),
      });
    }
  }
  return races.sort((a, b) => a.day - b.day || a.raceId - b.raceId);
}

export { PREP_DAYS };
