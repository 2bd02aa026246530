import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { aucRoc, classificationMetrics, thresholdForRecall, type ClassificationMetrics } from '../shared/metrics.ts';
import { athletePart, type Part } from '../shared/split.ts';
import { tf } from '../shared/tf.ts';
import { fitScaler, scale, type Scaler } from '../time_estimator/features.ts';
import { DETECTOR_FEATURES, detectorVector } from './dataset.ts';

export interface DetectorConfig {
  hiddenUnits: number;
  learningRate: number;
  epochs: number;
  batchSize: number;
  /** Recall the threshold is chosen for on validation days. */
  minRecall: number;
  seed: number;
}

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = { hiddenUnits: 16, learningRate: 0.01, epochs: 15, batchSize: 512, minRecall: 0.8, seed: 42 };

export interface DetectorSpec {
  kind: 'overtraining_detector';
  featureNames: string[];
  scaler: Scaler;
  threshold: number;
  config: DetectorConfig;
  labelSource: 'ground_truth' | 'proxy';
}

export interface DetectorExample {
  athleteId: number;
  x: number[];
  label: boolean;
  rule: boolean;
  part: Part;
}

/** Labelled athlete-days: rows whose 14-day future is known and where the athlete is not already stopped. */
export function detectorExamples(rows: Row[], label: (row: Row) => boolean, seed = 'stride'): DetectorExample[] {
  return rows
    .filter((r) => r.label_known && Number(r.rest_days_7d) < 7)
    .map((r) => ({
      athleteId: Number(r.athlete_id),
      x: detectorVector(r),
      label: label(r),
      rule: Boolean(r.is_overtraining_risk),
      part: athletePart(Number(r.athlete_id), seed),
    }));
}

export function buildDetector(inputs: number, c: DetectorConfig): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: c.hiddenUnits, activation: 'relu', inputShape: [inputs], kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed }) }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 1 }) }));
  return model;
}

export function predictProbabilities(model: tf.LayersModel, scaler: Scaler, xs: number[][]): number[] {
  if (xs.length === 0) return [];
  return tf.tidy(() => Array.from((model.predict(tf.tensor2d(xs.map((x) => scale(x, scaler)))) as tf.Tensor).dataSync()));
}

export interface DetectorEvaluation {
  rows: number;
  positives: number;
  auc: number;
  threshold: number;
  model: ClassificationMetrics;
  rule: ClassificationMetrics;
  /** What is served: the rule (acwr > 1.5) OR the model. */
  combined: ClassificationMetrics;
}

export function evaluateDetector(model: tf.LayersModel, spec: DetectorSpec, examples: DetectorExample[]): DetectorEvaluation {
  const p = predictProbabilities(model, spec.scaler, examples.map((e) => e.x));
  const labels = examples.map((e) => e.label);
  return {
    rows: examples.length,
    positives: labels.filter(Boolean).length,
    auc: aucRoc(p, labels),
    threshold: spec.threshold,
    model: classificationMetrics(p.map((v) => v >= spec.threshold), labels),
    rule: classificationMetrics(examples.map((e) => e.rule), labels),
    combined: classificationMetrics(examples.map((e, i) => e.rule || p[i] >= spec.threshold), labels),
  };
}

/** Binary cross-entropy with the rare positive days weighted up to balance the classes. */
export async function trainDetector(
  train: DetectorExample[],
  validation: DetectorExample[],
  config: DetectorConfig,
  labelSource: DetectorSpec['labelSource'],
  onEpoch?: (epoch: number, loss: number) => void,
): Promise<{ model: tf.LayersModel; spec: DetectorSpec }> {
  if (train.length === 0) throw new Error('no labelled athlete-days to train the overtraining detector on');
  const scaler = fitScaler(train.map((e) => e.x));
  const model = buildDetector(DETECTOR_FEATURES.length, config);
  model.compile({ optimizer: tf.train.adam(config.learningRate), loss: 'binaryCrossentropy' });
  const positives = train.filter((e) => e.label).length;
  const weight = positives ? (train.length - positives) / positives : 1;
  const xs = tf.tensor2d(train.map((e) => scale(e.x, scaler)));
  const ys = tf.tensor2d(train.map((e) => [e.label ? 1 : 0]));
  try {
    await model.fit(xs, ys, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      shuffle: true,
      verbose: 0,
      classWeight: { 0: 1, 1: weight },
      callbacks: { onEpochEnd: async (epoch, logs) => onEpoch?.(epoch, Number(logs?.loss)) },
    });
  } finally {
    tf.dispose([xs, ys]);
  }
  const chooseOn = validation.length && validation.some((e) => e.label) ? validation : train;
  const p = predictProbabilities(model, scaler, chooseOn.map((e) => e.x));
  const threshold = thresholdForRecall(p, chooseOn.map((e) => e.label), config.minRecall);
  return { model, spec: { kind: 'overtraining_detector', featureNames: [...DETECTOR_FEATURES], scaler, threshold, config, labelSource } };
}
