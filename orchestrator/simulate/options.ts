// Options of `stride simulate`, their defaults, and parsing from CLI strings.

import { DAY_2000, MAX_ATHLETES } from './ids.ts';
import { parseDay, yearsBefore } from './calendar.ts';
import type { AthleteSpec } from './profiles.ts';

/** A fixed end date, never today's: the same options must always give the same bytes. */
export const DEFAULT_END_DATE = '2026-11-22';

export type SplitMode = 'runs' | 'all' | 'none';
export type GroundTruthMode = 'full' | 'summary' | 'none';

export interface SimulateOptions {
  /** Number of athletes. */
  athletes: number;
  /** Years of history up to the end date (fractions allowed). */
  years: number;
  seed: number;
  /** Output folder (created when missing). */
  out: string;
  /** Last simulated day, YYYY-MM-DD (default 2026-11-22). */
  endDate?: string;
  /** Probability that an activity gets a random dirty row (default 0). */
  dirtyRate?: number;
  /** Place at least one dirty row of every kind (default false; the shipped sample uses true). */
  everyDirtyKind?: boolean;
  /** Which activities get per-km splits (default 'runs'). */
  splits?: SplitMode;
  /** 'full' adds per-day and per-activity truth to the per-athlete, race, break and dirty-row files. */
  groundTruth?: GroundTruthMode;
  /** Scripted athletes: entry i overrides athlete i's drawn traits. */
  cast?: AthleteSpec[];
  /** Called after each athlete is written. */
  onProgress?: (done: number, total: number) => void;
}

export interface ResolvedOptions extends Required<Omit<SimulateOptions, 'onProgress' | 'endDate'>> {
  endDate: string;
  startDay: number;
  endDay: number;
  onProgress?: (done: number, total: number) => void;
}

function int(name: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got '${String(value)}'`);
  }
  return n;
}

function real(name: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max}, got '${String(value)}'`);
  }
  return n;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new Error(`--${name} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  }
  return value as T;
}

const bool = (v: unknown) => v === true || v === 'true' || v === '1' || v === 'yes';

/**
 * Options from loosely typed input (commander gives strings): camelCase or kebab-case keys.
 * Throws an Error whose message names the offending flag.
 */
export function parseSimulateOptions(raw: Record<string, unknown>): SimulateOptions {
  const get = (k: string) => raw[k] ?? raw[k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)];
  const out = get('out');
  if (typeof out !== 'string' || out.trim() === '') throw new Error('--out must name an output folder');
  const o: SimulateOptions = {
    athletes: int('athletes', get('athletes'), 1, MAX_ATHLETES),
    years: real('years', get('years'), 0.05, 25),
    seed: int('seed', get('seed') ?? 42, 0, 2 ** 31 - 1),
    out,
  };
  if (get('endDate') !== undefined) o.endDate = String(get('endDate'));
  if (get('dirtyRate') !== undefined) o.dirtyRate = real('dirty-rate', get('dirtyRate'), 0, 0.5);
  if (get('everyDirtyKind') !== undefined) o.everyDirtyKind = bool(get('everyDirtyKind'));
  if (get('splits') !== undefined) o.splits = oneOf('splits', get('splits'), ['runs', 'all', 'none'] as const);
  if (get('groundTruth') !== undefined) o.groundTruth = oneOf('ground-truth', get('groundTruth'), ['full', 'summary', 'none'] as const);
  resolveOptions(o);
  return o;
}

export function resolveOptions(o: SimulateOptions): ResolvedOptions {
  const athletes = int('athletes', o.athletes, 1, MAX_ATHLETES);
  const years = real('years', o.years, 0.05, 25);
  const seed = int('seed', o.seed, 0, 2 ** 31 - 1);
  const endDate = o.endDate ?? DEFAULT_END_DATE;
  let endDay: number;
  try {
    endDay = parseDay(endDate);
  } catch (err) {
    throw new Error(`--end-date: ${(err as Error).message}`);
  }
  const startDay = yearsBefore(endDay, years) + 1;
  if (startDay < DAY_2000) throw new Error('--years reaches before 2000-01-01');
  return {
    athletes,
    years,
    seed,
    out: o.out,
    endDate,
    startDay,
    endDay,
    dirtyRate: real('dirty-rate', o.dirtyRate ?? 0, 0, 0.5),
    everyDirtyKind: o.everyDirtyKind ?? false,
    splits: oneOf('splits', o.splits ?? 'runs', ['runs', 'all', 'none'] as const),
    groundTruth: oneOf('ground-truth', o.groundTruth ?? 'full', ['full', 'summary', 'none'] as const),
    cast: o.cast ?? [],
    onProgress: o.onProgress,
  };
}
