import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { HORIZON_DAYS } from './dataset.ts';

/** Break causes that count as forced (vacations are planned and are not labels). */
export const FORCED_CAUSES = new Set(['injury', 'illness']);

const DAY = 86_400_000;
const dayNumber = (d: unknown) => Math.floor(new Date(d as string | Date).getTime() / DAY);

/** Forced-break start days per athlete, from the simulator's ground_truth/breaks.csv. */
export function readForcedBreaks(groundTruthDir: string): Map<number, number[]> {
  const rows = parse(readFileSync(join(groundTruthDir, 'breaks.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const starts = new Map<number, number[]>();
  for (const r of rows) {
    if (!FORCED_CAUSES.has(r.cause)) continue;
    const id = Number(r.athlete_id);
    starts.set(id, [...(starts.get(id) ?? []), dayNumber(`${r.start_date}T00:00:00Z`)]);
  }
  return starts;
}

/** Ground-truth label of an athlete-day: a forced break starts in (D, D + 14]. */
export function groundTruthLabel(row: Row, breaks: Map<number, number[]>): boolean {
  const d = dayNumber(row.as_of_date);
  return (breaks.get(Number(row.athlete_id)) ?? []).some((s) => s > d && s <= d + HORIZON_DAYS);
}
