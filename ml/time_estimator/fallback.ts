import type { BaselineTimes } from '../baselines/best-effort.ts';
import type { EstimatorSpec } from './bundle.ts';
import { riegelFallback, type TimePredictions } from './inference.ts';
import { calibratedRiegel, type RiegelInterval } from './riegel-calibration.ts';

/**
 * Riegel with the trained spec's interval when a model exists; without one, with the
 * interval of Riegel's errors on the races run so far (none while they are too few).
 */
export function fallbackPrediction(spec: EstimatorSpec | undefined, riegel: BaselineTimes, interval?: RiegelInterval): TimePredictions | Record<string, { sec: number; p10: number | null; p90: number | null }> {
  if (spec) return riegelFallback(spec, riegel);
  return calibratedRiegel(riegel, interval ?? ({} as RiegelInterval));
}
