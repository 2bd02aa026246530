import { DISTANCE_KEYS, type DistanceKey } from '../shared/distances.ts';
import { coverage, regressionMetrics, type RegressionMetrics } from '../shared/metrics.ts';
import type { tf } from '../shared/tf.ts';
import type { EstimatorSpec } from './bundle.ts';
import type { RaceExample } from './dataset.ts';
import { predictTimes, riegelFallback, type TimePredictions } from './inference.ts';

export interface DistanceEvaluation {
  model: RegressionMetrics;
  riegel: RegressionMetrics;
  vdot: RegressionMetrics;
  /** % of finishes inside the model's [p10, p90]. */
  coverage: number;
}

export interface EstimatorEvaluation {
  rows: number;
  athletes: number;
  /** Rows served by the Riegel fallback (fewer than 10 runs before the race). */
  fallbackRows: number;
  perDistance: Partial<Record<DistanceKey, DistanceEvaluation>>;
  overall: DistanceEvaluation;
  gate: { passed: boolean; reasons: string[] };
}

/** Gate for registering a version (ML-001): 10K MAE under 180 s and below Riegel's on the same rows; coverage 72-88 %. */
// A 10K MAE over a handful of races says little: the gate wants at least min10kRaces of them.
export const GATE = { maxMae10kSec: 180, min10kRaces: 10, minCoverage: 72, maxCoverage: 88 } as const;

/** What predict serves for each race: the model, or the Riegel fallback for a short history. */
export function servedTimes(model: tf.LayersModel, spec: EstimatorSpec, examples: RaceExample[]): TimePredictions[] {
  const predictions = predictTimes(model, spec, examples);
  return examples.map((e, i) => (e.nRunsBefore < spec.minRunsForModel ? riegelFallback(spec, e.riegel) : predictions[i]));
}

/** Scores a model on held-out races beside Riegel and VDOT on exactly the same rows, as predict would serve them. */
export function evaluateEstimator(model: tf.LayersModel, spec: EstimatorSpec, examples: RaceExample[], served = servedTimes(model, spec, examples)): EstimatorEvaluation {
  const block = (rows: number[]): DistanceEvaluation => {
    const actual = rows.map((i) => examples[i].timeSec);
    const pick = (f: (i: number) => number) => rows.map(f);
    return {
      model: regressionMetrics(pick((i) => served[i][examples[i].distance].sec), actual),
      riegel: regressionMetrics(pick((i) => examples[i].riegel[examples[i].distance]), actual),
      vdot: regressionMetrics(pick((i) => examples[i].vdot[examples[i].distance]), actual),
      coverage: coverage(pick((i) => served[i][examples[i].distance].p10), pick((i) => served[i][examples[i].distance].p90), actual),
    };
  };
  const perDistance: EstimatorEvaluation['perDistance'] = {};
  for (const d of DISTANCE_KEYS) {
    const rows = examples.flatMap((e, i) => (e.distance === d ? [i] : []));
    if (rows.length) perDistance[d] = block(rows);
  }
  const overall = block(examples.map((_, i) => i));
  const reasons: string[] = [];
  const tenK = perDistance['10k'];
  if (!tenK) reasons.push('no held-out 10K races');
  else {
    if (tenK.model.n < GATE.min10kRaces) reasons.push(`only ${tenK.model.n} held-out 10K races, fewer than ${GATE.min10kRaces}`);
    if (!(tenK.model.mae < GATE.maxMae10kSec)) reasons.push(`10K MAE ${tenK.model.mae.toFixed(1)} s is not under ${GATE.maxMae10kSec} s`);
    if (!(tenK.model.mae < tenK.riegel.mae)) reasons.push(`10K MAE ${tenK.model.mae.toFixed(1)} s does not beat Riegel's ${tenK.riegel.mae.toFixed(1)} s`);
  }
  if (!(overall.coverage >= GATE.minCoverage && overall.coverage <= GATE.maxCoverage)) {
    reasons.push(`interval coverage ${overall.coverage.toFixed(1)} % is outside ${GATE.minCoverage}-${GATE.maxCoverage} %`);
  }
  return {
    rows: examples.length,
    athletes: new Set(examples.map((e) => e.athleteId)).size,
    fallbackRows: examples.filter((e) => e.nRunsBefore < spec.minRunsForModel).length,
    perDistance,
    overall,
    gate: { passed: reasons.length === 0, reasons },
  };
}

/** Model MAPE over all held-out rows: the figure a new version must beat to take the champion alias. */
export const championScore = (e: EstimatorEvaluation) => e.overall.model.mape;
