import { RIEGEL_EXPONENT } from '../shared/distances.ts';

/** Riegel (1981): T2 = T1 * (D2 / D1) ^ 1.06. Times in seconds, distances in km. */
export function riegelTime(knownTimeSec: number, knownKm: number, targetKm: number, exponent = RIEGEL_EXPONENT): number {
  if (!(knownTimeSec > 0) || !(knownKm > 0) || !(targetKm > 0)) throw new RangeError('riegelTime needs positive times and distances');
  return knownTimeSec * (targetKm / knownKm) ** exponent;
}
