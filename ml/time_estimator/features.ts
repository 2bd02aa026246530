import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { riegelBaseline, type BaselineTimes } from '../baselines/best-effort.ts';
import { DISTANCE_KEYS, type DistanceKey } from '../shared/distances.ts';

/** Input columns of the estimator, in tensor order (the MLmodel signature lists them). */
export const FEATURE_NAMES = [
  'ctl_42d', 'atl_7d', 'tsb', 'acwr', 'acwr_missing', 'ramp_rate_7d', 'training_monotony', 'rest_days_7d',
  'pace_trend_30d', 'pace_trend_missing', 'best_pace_30d_vs_effort', 'best_pace_missing', 'avg_distance_30d',
  'consistency_score', 'log_days_of_history', 'effort_log_km', 'effort_log_pace', 'log_riegel_10k',
  ...DISTANCE_KEYS.map((d) => `last_race_${d}_vs_riegel`),
  ...DISTANCE_KEYS.map((d) => `has_last_race_${d}`),
] as const;

/** A past race the athlete ran at a standard distance, normalised to it. */
export interface PastRace {
  athleteId: number;
  at: number;
  distance: DistanceKey;
  timeSec: number;
}

/** Races this long ago still say something about a runner's level at that distance. */
const LAST_RACE_DAYS = 365;

const num = (v: unknown): number | undefined => (v === null || v === undefined || Number.isNaN(Number(v)) ? undefined : Number(v));
const clip = (v: number, lim: number) => Math.max(-lim, Math.min(lim, v));

/** The raw (unscaled) input vector of one PIT row, its Riegel baseline, or undefined without a best effort. */
export function featureVector(row: Row, pastRaces: PastRace[]): { x: number[]; riegel: BaselineTimes } | undefined {
  const effortKm = num(row.effort_km);
  const effortSec = num(row.effort_sec);
  if (effortKm === undefined || effortSec === undefined || num(row.ctl_42d) === undefined) return undefined;
  const riegel = riegelBaseline({ distanceKm: effortKm, timeSec: effortSec });
  const effortPace = effortSec / 60 / effortKm;
  const at = new Date(row.event_local as string | Date).getTime();
  const last = Object.fromEntries(DISTANCE_KEYS.map((d) => [d, undefined])) as Record<DistanceKey, number | undefined>;
  for (const race of pastRaces) {
    if (race.athleteId !== Number(row.athlete_id) || race.at >= at || at - race.at > LAST_RACE_DAYS * 86_400_000) continue;
    last[race.distance] = Math.log(race.timeSec / riegel[race.distance]); // races are in time order: the latest wins
  }
  const acwr = num(row.acwr);
  const trend = num(row.pace_trend_30d);
  const bestPace = num(row.best_pace_30d);
  const x = [
    num(row.ctl_42d) ?? 0,
    num(row.atl_7d) ?? 0,
    num(row.tsb) ?? 0,
    acwr ?? 1,
    acwr === undefined ? 1 : 0,
    num(row.ramp_rate_7d) ?? 0,
    Math.min(num(row.training_monotony) ?? 0, 10),
    num(row.rest_days_7d) ?? 0,
    clip(trend ?? 0, 0.5),
    trend === undefined ? 1 : 0,
    bestPace === undefined ? 0 : clip(Math.log(bestPace / effortPace), 1),
    bestPace === undefined ? 1 : 0,
    num(row.avg_distance_30d) ?? 0,
    num(row.consistency_score) ?? 0,
    Math.log1p(num(row.days_of_history) ?? 0),
    Math.log(effortKm),
    Math.log(effortPace),
    Math.log(riegel['10k']),
    ...DISTANCE_KEYS.map((d) => clip(last[d] ?? 0, 0.5)),
    ...DISTANCE_KEYS.map((d) => (last[d] === undefined ? 0 : 1)),
  ];
  return { x, riegel };
}

export interface Scaler {
  mean: number[];
  std: number[];
}

export function fitScaler(rows: number[][]): Scaler {
  const k = rows[0]?.length ?? FEATURE_NAMES.length;
  const mean = new Array(k).fill(0);
  const std = new Array(k).fill(0);
  for (const r of rows) r.forEach((v, j) => (mean[j] += v / rows.length));
  for (const r of rows) r.forEach((v, j) => (std[j] += (v - mean[j]) ** 2 / rows.length));
  return { mean, std: std.map((s) => (Math.sqrt(s) > 1e-9 ? Math.sqrt(s) : 1)) };
}

export const scale = (x: number[], s: Scaler) => x.map((v, j) => (v - s.mean[j]) / s.std[j]);
