import { DISTANCE_KEYS, type DistanceKey } from '../shared/distances.ts';
import { quantile } from '../shared/metrics.ts';
import { tf } from '../shared/tf.ts';
import type { EstimatorSpec } from './bundle.ts';
import { INTERVAL_LEVEL, MIN_RUNS_FOR_MODEL, type EstimatorConfig } from './config.ts';
import type { RaceExample } from './dataset.ts';
import { FEATURE_NAMES, fitScaler, scale } from './features.ts';
import { predictLogQuantiles } from './inference.ts';
import { buildModel, maskedQuantileLoss, OUTPUTS_PER_DISTANCE } from './model.ts';

const K = DISTANCE_KEYS.length;
const target = (e: RaceExample) => Math.log(e.timeSec / e.riegel[e.distance]);

function labels(examples: RaceExample[]): number[][] {
  return examples.map((e) => {
    // As wide as the output (tfjs checks it): targets, masks, then unused zeros.
    const row = new Array(K * OUTPUTS_PER_DISTANCE).fill(0);
    row[e.distanceIndex] = target(e);
    row[K + e.distanceIndex] = 1;
    return row;
  });
}

/** Below this many calibration races at one distance, the widening is pooled over all distances. */
const MIN_PER_DISTANCE = 30;

/**
 * Split-conformal calibration of the quantile interval (Romano et al. 2019, CQR): the
 * score of a held-out race is how far it falls outside [p10, p90]; widening by its
 * ceil((n + 1) * 0.8)-th smallest value gives 80 % coverage on exchangeable data.
 */
export function conformalWidening(scores: number[], level = INTERVAL_LEVEL): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => a - b);
  const k = Math.min(sorted.length, Math.ceil((sorted.length + 1) * level));
  return sorted[k - 1];
}

export interface TrainedEstimator {
  model: tf.LayersModel;
  spec: EstimatorSpec;
  history: { epoch: number; loss: number; val_loss: number }[];
}

export async function trainEstimator(train: RaceExample[], validation: RaceExample[], config: EstimatorConfig): Promise<TrainedEstimator> {
  if (train.length === 0) throw new Error('no training races: the time estimator needs races at 5K, 10K, half or marathon distance');
  const scaler = fitScaler(train.map((e) => e.x));
  const model = buildModel(FEATURE_NAMES.length, config);
  model.compile({ optimizer: tf.train.adam(config.learningRate), loss: maskedQuantileLoss });
  const xs = tf.tensor2d(train.map((e) => scale(e.x, scaler)));
  const ys = tf.tensor2d(labels(train));
  const hasValidation = validation.length > 0;
  const vx = hasValidation ? tf.tensor2d(validation.map((e) => scale(e.x, scaler))) : undefined;
  const vy = hasValidation ? tf.tensor2d(labels(validation)) : undefined;
  const history: TrainedEstimator['history'] = [];
  let best = Infinity;
  let bestWeights: tf.Tensor[] | undefined;
  let sinceBest = 0;
  try {
    await model.fit(xs, ys, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      shuffle: true,
      validationData: vx && vy ? [vx, vy] : undefined,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs) => {
          const loss = Number(logs?.loss);
          const valLoss = Number(logs?.val_loss ?? logs?.loss);
          history.push({ epoch, loss, val_loss: valLoss });
          // Early stopping that keeps the best weights (tfjs's own callback cannot restore them).
          if (valLoss < best - 1e-6) {
            best = valLoss;
            bestWeights?.forEach((t) => t.dispose());
            bestWeights = model.getWeights().map((w) => w.clone());
            sinceBest = 0;
          } else if (++sinceBest >= config.patience) {
            model.stopTraining = true;
          }
        },
      },
    });
    if (bestWeights) model.setWeights(bestWeights);
  } finally {
    bestWeights?.forEach((t) => t.dispose());
    tf.dispose([xs, ys, vx, vy].filter((t): t is tf.Tensor2D => t !== undefined));
  }

  const spec: EstimatorSpec = {
    kind: 'time_estimator',
    featureNames: [...FEATURE_NAMES],
    scaler,
    config,
    conformal: Object.fromEntries(DISTANCE_KEYS.map((d) => [d, 0])) as Record<DistanceKey, number>,
    riegelResidual: riegelResiduals([...train, ...validation]),
    minRunsForModel: MIN_RUNS_FOR_MODEL,
  };
  if (hasValidation) {
    const q = predictLogQuantiles(model, spec, validation.map((e) => e.x));
    const scores = validation.map((e, i) => {
      const y = target(e);
      return { d: e.distance, s: Math.max(q[i].p10[e.distanceIndex] - y, y - q[i].p90[e.distanceIndex]) };
    });
    const pooled = conformalWidening(scores.map((s) => s.s));
    for (const d of DISTANCE_KEYS) {
      const own = scores.filter((s) => s.d === d).map((s) => s.s);
      spec.conformal[d] = own.length >= MIN_PER_DISTANCE ? conformalWidening(own) : pooled;
    }
  }
  return { model, spec, history };
}

/** Quantiles of log(actual / Riegel) per distance, pooled where a distance has under 30 races. */
function riegelResiduals(examples: RaceExample[]): Record<DistanceKey, [number, number, number]> {
  const all = examples.map(target);
  const qs = (v: number[]): [number, number, number] => (v.length ? [quantile(v, 0.1), quantile(v, 0.5), quantile(v, 0.9)] : [-0.05, 0, 0.05]);
  return Object.fromEntries(
    DISTANCE_KEYS.map((d) => {
      const own = examples.filter((e) => e.distance === d).map(target);
      return [d, qs(own.length >= MIN_PER_DISTANCE ? own : all)];
    }),
  ) as Record<DistanceKey, [number, number, number]>;
}
