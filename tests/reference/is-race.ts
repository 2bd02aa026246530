// is_race (section 3): the workout type when there is one, else the documented
// heuristic of race-words.ts. Never null.
import { RACE_DISTANCE_TOLERANCE, RACE_DISTANCES_KM, RACE_WORDS } from './race-words.ts';

export function hasRaceWord(name: string | null): boolean {
  if (name === null) return false;
  const lower = name.toLowerCase();
  return RACE_WORDS.some((word) => lower.includes(word));
}

export function isRaceDistance(distanceKm: number | null): boolean {
  if (distanceKm === null) return false;
  return RACE_DISTANCES_KM.some((target) => Math.abs(distanceKm - target) <= RACE_DISTANCE_TOLERANCE * target);
}

export function isRace(workoutType: number | null, name: string | null, distanceKm: number | null): boolean {
  if (workoutType !== null) return workoutType === 1;
  return hasRaceWord(name) && isRaceDistance(distanceKm);
}
