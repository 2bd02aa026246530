/** The four race distances the time estimator predicts, and how a raced distance maps onto one. */
export const RACE_DISTANCES = [
  { key: '5k', km: 5 },
  { key: '10k', km: 10 },
  { key: '21k', km: 21.0975 },
  { key: '42k', km: 42.195 },
] as const;

export type DistanceKey = (typeof RACE_DISTANCES)[number]['key'];
export const DISTANCE_KEYS: DistanceKey[] = RACE_DISTANCES.map((d) => d.key);

/**
 * A race counts as a label for a standard distance when its recorded distance is within
 * 3 % of it: the tolerance of the `is_race` name heuristic, wide enough for GPS error on
 * a certified course, narrow enough that a 10-mile race never passes for a 15K or a half.
 */
export const DISTANCE_TOLERANCE = 0.03;

/** Riegel's fatigue exponent (Riegel 1981), used for baselines and for normalising labels. */
export const RIEGEL_EXPONENT = 1.06;

export function matchRaceDistance(distanceKm: number): (typeof RACE_DISTANCES)[number] | undefined {
  return RACE_DISTANCES.find((d) => Math.abs(distanceKm - d.km) <= DISTANCE_TOLERANCE * d.km);
}

/** The finish time at exactly `targetKm`, from a time over a slightly different recorded distance (Riegel scaling). */
export function normaliseToDistance(timeSec: number, recordedKm: number, targetKm: number): number {
  return timeSec * (targetKm / recordedKm) ** RIEGEL_EXPONENT;
}

/**
 * Effort filter on race labels: a "race" slower than its Riegel prediction (from the best
 * effort of the 90 days before) by more than this factor is taken for an easy run that the
 * name heuristic flagged ("Easy 10k", "parkrun, not racing"). On simulated athletes true
 * races stay under 1.06 x Riegel at 5K/10K in 98 % of cases while the flagged easy runs
 * sit at 1.1-1.6; the limits grow with distance because real marathons run 10 % or more
 * slower than Riegel.
 */
export const MAX_RACE_VS_RIEGEL: Record<DistanceKey, number> = { '5k': 1.1, '10k': 1.12, '21k': 1.2, '42k': 1.35 };
