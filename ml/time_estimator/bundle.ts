import type { Scaler } from './features.ts';
import type { EstimatorConfig } from './config.ts';
import type { DistanceKey } from '../shared/distances.ts';

/** Everything besides the network weights that inference needs (feature_spec.json). */
export interface EstimatorSpec {
  kind: 'time_estimator';
  featureNames: string[];
  scaler: Scaler;
  config: EstimatorConfig;
  /** Conformal widening of [p10, p90] in log space, per distance (negative narrows). */
  conformal: Record<DistanceKey, number>;
  /** Quantiles (0.1, 0.5, 0.9) of log(actual / Riegel) on training races: the fallback's interval. */
  riegelResidual: Record<DistanceKey, [number, number, number]>;
  minRunsForModel: number;
}
