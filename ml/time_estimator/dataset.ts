import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { vdotBaseline, type BaselineTimes } from '../baselines/best-effort.ts';
import { DISTANCE_KEYS, MAX_RACE_VS_RIEGEL, matchRaceDistance, normaliseToDistance, type DistanceKey } from '../shared/distances.ts';
import { athletePart, type Part } from '../shared/split.ts';
import { featureVector, type PastRace } from './features.ts';

/** One labelled race: its inputs as of the race, the distance it labels and the normalised finish time. */
export interface RaceExample {
  athleteId: number;
  activityId: number;
  at: number;
  distance: DistanceKey;
  distanceIndex: number;
  timeSec: number;
  x: number[];
  riegel: BaselineTimes;
  vdot: BaselineTimes;
  nRunsBefore: number;
  part: Part;
}

/** Races at a standard distance (within the tolerance), normalised to it, in time order. */
export function pastRacesFrom(rows: Row[]): PastRace[] {
  const races: PastRace[] = [];
  for (const row of rows) {
    const match = matchRaceDistance(Number(row.race_km));
    if (!match) continue;
    races.push({
      athleteId: Number(row.athlete_id),
      at: new Date(row.event_local as string | Date).getTime(),
      distance: match.key,
      timeSec: normaliseToDistance(Number(row.race_sec), Number(row.race_km), match.km),
    });
  }
  return races.sort((a, b) => a.at - b.at);
}

/** Run at race effort: not slower than MAX_RACE_VS_RIEGEL times its Riegel prediction (else a race run as training). */
export const isRaceEffort = (e: Pick<RaceExample, 'distance' | 'timeSec' | 'riegel'>) => e.timeSec <= MAX_RACE_VS_RIEGEL[e.distance] * e.riegel[e.distance];

/**
 * Labelled examples from the PIT rows of the race spine. Left out: races without a best
 * effort in the 90 days before, and (unless `keepSlow`) efforts slower than
 * MAX_RACE_VS_RIEGEL times their Riegel prediction.
 */
export function raceExamples(rows: Row[], seed = 'stride', keepSlow = false): RaceExample[] {
  const past = pastRacesFrom(rows);
  const examples: RaceExample[] = [];
  for (const row of rows) {
    const match = matchRaceDistance(Number(row.race_km));
    if (!match) continue;
    const features = featureVector(row, past);
    if (!features) continue;
    const timeSec = normaliseToDistance(Number(row.race_sec), Number(row.race_km), match.km);
    if (!keepSlow && !isRaceEffort({ distance: match.key, timeSec, riegel: features.riegel })) continue;
    const effort = { distanceKm: Number(row.effort_km), timeSec: Number(row.effort_sec) };
    examples.push({
      athleteId: Number(row.athlete_id),
      activityId: Number(row.spine_id),
      at: new Date(row.event_local as string | Date).getTime(),
      distance: match.key,
      distanceIndex: DISTANCE_KEYS.indexOf(match.key),
      timeSec,
      x: features.x,
      riegel: features.riegel,
      vdot: vdotBaseline(effort),
      nRunsBefore: Number(row.n_runs_before ?? 0),
      part: athletePart(Number(row.athlete_id), seed),
    });
  }
  return examples;
}
