import { DISTANCE_KEYS } from '../shared/distances.ts';
import { tf } from '../shared/tf.ts';
import type { EstimatorConfig } from './config.ts';

const K = DISTANCE_KEYS.length;
/** Per distance: the median and two spreads (softplus keeps p10 <= p50 <= p90). */
export const OUTPUTS_PER_DISTANCE = 3;

/**
 * Multi-output network: for each of the four distances, the 10th, 50th and 90th
 * percentile of log(finish time / Riegel prediction). The output layer starts at zero
 * weights, so an untrained network predicts Riegel and learns the correction.
 */
export function buildModel(inputs: number, c: EstimatorConfig): tf.LayersModel {
  const model = tf.sequential();
  for (let i = 0; i < c.hiddenLayers; i++) {
    model.add(
      tf.layers.dense({
        units: c.hiddenUnits,
        activation: 'relu',
        inputShape: i === 0 ? [inputs] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + i }),
        kernelRegularizer: c.l2 > 0 ? tf.regularizers.l2({ l2: c.l2 }) : undefined,
      }),
    );
    if (c.dropout > 0) model.add(tf.layers.dropout({ rate: c.dropout, seed: c.seed + 100 + i }));
  }
  model.add(tf.layers.dense({ units: K * OUTPUTS_PER_DISTANCE, kernelInitializer: 'zeros', biasInitializer: 'zeros', inputShape: c.hiddenLayers === 0 ? [inputs] : undefined }));
  return model;
}

/** Raw outputs [n, 12] to quantiles [n, 4] each. */
export function quantilesOf(raw: tf.Tensor): { p10: tf.Tensor2D; p50: tf.Tensor2D; p90: tf.Tensor2D } {
  return tf.tidy(() => {
    const r = raw.reshape([-1, K, OUTPUTS_PER_DISTANCE]);
    const part = (j: number) => r.slice([0, 0, j], [-1, K, 1]).reshape([-1, K]) as tf.Tensor2D;
    const p50 = part(0);
    return { p10: p50.sub(tf.softplus(part(1))) as tf.Tensor2D, p50, p90: p50.add(tf.softplus(part(2))) as tf.Tensor2D };
  });
}

function pinball(q: number, y: tf.Tensor, p: tf.Tensor): tf.Tensor {
  const e = y.sub(p);
  return tf.maximum(e.mul(q), e.mul(q - 1));
}

/**
 * Masked pinball loss: `yTrue` is [n, 12] = four targets, four masks, four unused zeros; each race
 * labels one distance, so only that distance's three outputs learn from it.
 */
export function maskedQuantileLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const target = yTrue.slice([0, 0], [-1, K]);
    const mask = yTrue.slice([0, K], [-1, K]);
    const { p10, p50, p90 } = quantilesOf(yPred);
    const loss = pinball(0.1, target, p10).add(pinball(0.5, target, p50)).add(pinball(0.9, target, p90)).mul(mask);
    return loss.sum().div(mask.sum().maximum(1)) as tf.Scalar;
  });
}
