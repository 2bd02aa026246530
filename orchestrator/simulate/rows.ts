// Formats records as CSV cells: fixed decimals, no locale, null for an empty field.

import { formatDateTime } from './calendar.ts';
import type { Row } from './contract.ts';
import { DM_PER_KM } from './splits.ts';
import type { ActivityRecord, SplitRecord } from './types.ts';

/** Fixed decimals with trailing zeros dropped ('10.5', '10', never '-0'). */
export function num(x: number, decimals: number): string {
  let s = x.toFixed(decimals);
  if (decimals > 0) {
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--; // '0'
    if (s.charCodeAt(end - 1) === 46) end--; // '.'
    s = s.slice(0, end);
  }
  return s === '-0' ? '0' : s;
}

export function km(distanceDm: number): string {
  return num(distanceDm / DM_PER_KM, 4);
}

const RUN_TYPES = new Set(['Run', 'TrailRun', 'VirtualRun']);
export const isRunSport = (sport: string) => RUN_TYPES.has(sport);

export function activityRow(athleteId: number, a: ActivityRecord): Row {
  const pace = a.writePace && a.distanceDm > 0 ? num(a.movingTime / 60 / (a.distanceDm / DM_PER_KM), 4) : null;
  return [
    String(athleteId),
    String(a.id),
    a.name,
    a.sportType,
    a.workoutType === null ? null : String(a.workoutType),
    formatDateTime(a.startUtcMs),
    formatDateTime(a.startLocalMs),
    a.timezone,
    km(a.distanceDm),
    String(a.movingTime),
    String(a.elapsedTime),
    a.elevation === null ? null : num(a.elevation, 1),
    pace,
    a.avgHr === null ? null : num(a.avgHr, 1),
    a.maxHr === null ? null : num(a.maxHr, 0),
    a.hasHr ? 'true' : 'false',
  ];
}

export function splitRow(athleteId: number, activityId: number, s: SplitRecord): Row {
  return [
    String(athleteId),
    String(activityId),
    String(s.splitId),
    km(s.distanceDm),
    String(s.movingTime),
    String(s.elapsedTime),
    s.avgHr === null ? null : num(s.avgHr, 1),
    s.maxHr === null ? null : num(s.maxHr, 0),
  ];
}
