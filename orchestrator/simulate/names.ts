// Activity titles: Strava's defaults ('Morning Run') or what people type, in their language.

import type { Rng } from './prng.ts';
import type { Locale } from './regions.ts';
import type { RunType } from './types.ts';

const SPORT_WORDS: Record<string, string> = {
  Run: 'Run',
  TrailRun: 'Trail Run',
  VirtualRun: 'Virtual Run',
  Ride: 'Ride',
  VirtualRide: 'Virtual Ride',
  Swim: 'Swim',
  WeightTraining: 'Weight Training',
  Walk: 'Walk',
  Hike: 'Hike',
  Yoga: 'Yoga',
  Workout: 'Workout',
  Elliptical: 'Elliptical',
  NordicSki: 'Nordic Ski',
};

/** Strava's automatic title from the local start hour. */
export function defaultName(sportType: string, localHour: number): string {
  const part =
    localHour < 5 ? 'Night' : localHour < 11 ? 'Morning' : localHour < 13 ? 'Lunch' : localHour < 17 ? 'Afternoon' : localHour < 21 ? 'Evening' : 'Night';
  return `${part} ${SPORT_WORDS[sportType] ?? sportType}`;
}

const EASY: Record<Locale, string[]> = {
  en: ['Easy run', 'Easy {km}k', 'Recovery jog', 'Easy miles', 'Easy run, legs heavy', 'Cruisy {km}k ☀️', 'Commute run'],
  de: ['Lockerer Lauf', 'GA1 {km} km', 'Regenerationslauf', 'Runde um den See', 'Locker, "schwere Beine"'],
  es: ['Rodaje suave', 'Rodaje {km}k', 'Trote regenerativo', 'Rodaje, calor'],
  fr: ['Footing', 'Footing {km} km', 'Sortie tranquille', 'Footing récup'],
  ja: ['ジョグ', 'ジョグ {km}km', 'リカバリージョグ'],
  pt: ['Rodagem leve', 'Trote {km}k', 'Regenerativo'],
};
const LONG: Record<Locale, string[]> = {
  en: ['Long run', 'Sunday long run', 'LR {km}k', 'Long one 🥵'],
  de: ['Langer Lauf', 'Sonntagslauf {km} km', 'LDL {km}k'],
  es: ['Tirada larga', 'Tirada {km}k'],
  fr: ['Sortie longue', 'SL {km} km'],
  ja: ['ロング走 {km}km', 'LSD'],
  pt: ['Longão', 'Longo {km}k'],
};
const WORKOUT: Record<Locale, string[]> = {
  en: ['{label}', 'Track: {label}', 'Workout - {label}', 'Threshold Tuesday', 'Intervals'],
  de: ['{label}', 'Intervalle {label}', 'Tempodauerlauf', 'Bahn: {label}'],
  es: ['Series {label}', '{label}', 'Umbral'],
  fr: ['Fractionné {label}', 'Séance {label}', 'Seuil'],
  ja: ['インターバル {label}', 'ペース走', '{label}'],
  pt: ['Tiros {label}', 'Intervalado', '{label}'],
};

export function descriptiveRunName(type: RunType, km: number, label: string, locale: Locale, rng: Rng): string {
  const pool =
    type === 'long' || type === 'long_mp'
      ? LONG[locale]
      : type === 'tempo' || type === 'intervals' || type === 'fartlek'
        ? WORKOUT[locale]
        : type === 'parkrun_tempo'
          ? ['parkrun', 'parkrun (tempo)', 'parkrun, not racing']
          : EASY[locale];
  const text = type === 'long_mp' && rng.chance(0.5) ? label : rng.pick(pool);
  return text.replace('{km}', String(Math.round(km))).replace('{label}', label);
}

const CROSS_NAMES: Record<string, string[]> = {
  Ride: ['Coffee ride', 'Commute', 'Gravel loop', 'Ride with the club'],
  VirtualRide: ['Zwift - Watopia', 'Zwift - Innsbruck', 'Indoor trainer'],
  Swim: ['Pool swim', 'Swim 2k', 'Open water'],
  WeightTraining: ['Gym', 'Strength', 'Core + legs', 'S&C'],
  Walk: ['Walk with the dog', 'Lunch walk', 'Walk'],
  Hike: ['Hike', 'Mountain hike', 'Sunday hike'],
  Yoga: ['Yoga', 'Yin yoga', 'Mobility'],
  Workout: ['HIIT', 'Bootcamp', 'Circuit'],
  Elliptical: ['Cross trainer', 'Elliptical (injured)'],
  NordicSki: ['Langlauf', 'XC ski', 'Skating'],
};

export function crossName(sport: string, rng: Rng): string {
  return rng.pick(CROSS_NAMES[sport] ?? [sport]);
}
