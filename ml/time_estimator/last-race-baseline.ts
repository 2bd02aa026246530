import type { RaceExample } from './dataset.ts';
import type { PastRace } from './features.ts';

/** How far back a runner's last race at the distance still counts as a prediction. */
export const LAST_RACE_BASELINE_DAYS = 365;

/**
 * The runner's own last race at the same distance, in the year before: the prediction
 * runners make for themselves ("I'll run what I ran last time"). Undefined without one.
 */
export function lastRaceTime(example: Pick<RaceExample, 'athleteId' | 'at' | 'distance'>, pastRaces: PastRace[]): number | undefined {
  let time: number | undefined;
  for (const race of pastRaces) {
    if (race.athleteId !== example.athleteId || race.distance !== example.distance) continue;
    if (race.at >= example.at || example.at - race.at > LAST_RACE_BASELINE_DAYS * 86_400_000) continue;
    time = race.timeSec; // pastRaces are in time order: the latest wins
  }
  return time;
}
