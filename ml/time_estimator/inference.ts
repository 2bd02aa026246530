import type { BaselineTimes } from '../baselines/best-effort.ts';
import { DISTANCE_KEYS, type DistanceKey } from '../shared/distances.ts';
import { tf } from '../shared/tf.ts';
import type { EstimatorSpec } from './bundle.ts';
import { scale } from './features.ts';
import { quantilesOf } from './model.ts';

export interface LogQuantiles {
  p10: number[];
  p50: number[];
  p90: number[];
}

/** Network quantiles of log(time / Riegel) per distance, before conformal widening. */
export function predictLogQuantiles(model: tf.LayersModel, spec: EstimatorSpec, xs: number[][]): LogQuantiles[] {
  if (xs.length === 0) return [];
  return tf.tidy(() => {
    const raw = model.predict(tf.tensor2d(xs.map((x) => scale(x, spec.scaler)))) as tf.Tensor;
    const q = quantilesOf(raw);
    const [p10, p50, p90] = [q.p10.arraySync(), q.p50.arraySync(), q.p90.arraySync()];
    return xs.map((_, i) => ({ p10: p10[i], p50: p50[i], p90: p90[i] }));
  });
}

export interface TimePrediction {
  sec: number;
  p10: number;
  p90: number;
}
export type TimePredictions = Record<DistanceKey, TimePrediction>;

/** Finish times in seconds: Riegel times the learned ratio, the interval widened by the conformal margin. */
export function predictTimes(model: tf.LayersModel, spec: EstimatorSpec, inputs: { x: number[]; riegel: BaselineTimes }[]): TimePredictions[] {
  const q = predictLogQuantiles(model, spec, inputs.map((i) => i.x));
  return inputs.map((input, i) =>
    Object.fromEntries(
      DISTANCE_KEYS.map((d, k) => {
        const r = input.riegel[d];
        const m = spec.conformal[d];
        return [d, { sec: r * Math.exp(q[i].p50[k]), p10: r * Math.exp(q[i].p10[k] - m), p90: r * Math.exp(q[i].p90[k] + m) }];
      }),
    ) as TimePredictions,
  );
}

/** The Riegel prediction served to athletes with too short a history, with the interval Riegel's errors had in training. */
export function riegelFallback(spec: EstimatorSpec, riegel: BaselineTimes): TimePredictions {
  return Object.fromEntries(
    DISTANCE_KEYS.map((d) => {
      const [lo, , hi] = spec.riegelResidual[d];
      return [d, { sec: riegel[d], p10: riegel[d] * Math.exp(lo), p90: riegel[d] * Math.exp(hi) }];
    }),
  ) as TimePredictions;
}
