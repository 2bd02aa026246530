// Activity ids: bigint-like, increasing with the local day like Strava's, unique across athletes.
// id = 1e9 + (day - 2000-01-01) * 4e6 + athlete index * 16 + slot; slots 0..7 hold the day's
// activities and 8..15 are kept for injected dirty rows, so dirty ids never collide with clean ones.

export const ID_BASE = 1_000_000_000;
export const DAY_2000 = 10_957; // 2000-01-01 as a day number
export const IDS_PER_DAY = 4_000_000;
export const SLOTS_PER_ATHLETE = 16;
export const MAX_ATHLETES = IDS_PER_DAY / SLOTS_PER_ATHLETE;

export function activityIdOf(day: number, athleteIndex: number, slot: number): number {
  if (slot < 0 || slot >= SLOTS_PER_ATHLETE) throw new Error(`activity slot out of range: ${slot}`);
  if (day < DAY_2000) throw new Error('activities before 2000-01-01 are not supported');
  return ID_BASE + (day - DAY_2000) * IDS_PER_DAY + athleteIndex * SLOTS_PER_ATHLETE + slot;
}

/** The local day an id was issued for. */
export function dayOfId(id: number): number {
  return DAY_2000 + Math.floor((id - ID_BASE) / IDS_PER_DAY);
}
