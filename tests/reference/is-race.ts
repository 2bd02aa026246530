// is_race (section 3): the workout type when there is one, else the documented
// heuristic of race-words.ts. Never null.
import { RACE_DISTANCE_TOLERANCE, RACE_DISTANCES_KM, RACE_WORDS, TRAINING_WORDS } from './race-words.ts';

export function hasRaceWord(name: string | null): boolean {
  if (name === null) return false;
  const lower = name.toLowerCase();
  return RACE_WORDS.some((word) => lower.includes(word));
}

const isWordChar = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));

/** True when `word` occurs in `text` with no a-z or 0-9 character right before or after it. */
export function containsWholeWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWordChar(text[at - 1]) && !isWordChar(text[at + word.length])) return true;
  }
  return false;
}

export function hasTrainingWord(name: string | null): boolean {
  if (name === null) return false;
  const lower = name.toLowerCase();
  return TRAINING_WORDS.some((word) => containsWholeWord(lower, word));
}

export function isRaceDistance(distanceKm: number | null): boolean {
  if (distanceKm === null) return false;
  return RACE_DISTANCES_KM.some((target) => Math.abs(distanceKm - target) <= RACE_DISTANCE_TOLERANCE * target);
}

export function isRace(workoutType: number | null, name: string | null, distanceKm: number | null): boolean {
  if (workoutType !== null) return workoutType === 1;
  return hasRaceWord(name) && !hasTrainingWord(name) && isRaceDistance(distanceKm);
}
