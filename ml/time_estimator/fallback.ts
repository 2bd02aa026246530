import type { BaselineTimes } from '../baselines/best-effort.ts';
import { DISTANCE_KEYS } from '../shared/distances.ts';
import type { EstimatorSpec } from './bundle.ts';
import { riegelFallback, type TimePredictions } from './inference.ts';

/** Riegel with the trained spec's interval when a model exists; without one, Riegel alone (no interval). */
export function fallbackPrediction(spec: EstimatorSpec | undefined, riegel: BaselineTimes): TimePredictions | Record<string, { sec: number; p10: number | null; p90: number | null }> {
  if (spec) return riegelFallback(spec, riegel);
  return Object.fromEntries(DISTANCE_KEYS.map((d) => [d, { sec: riegel[d], p10: null, p90: null }]));
}
