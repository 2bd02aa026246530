/** Hyperparameters of the race-time estimator and the grid `stride train --sweep` walks. */
export interface EstimatorConfig {
  hiddenUnits: number;
  hiddenLayers: number;
  learningRate: number;
  epochs: number;
  batchSize: number;
  l2: number;
  dropout: number;
  /** Epochs without a better validation loss before training stops. */
  patience: number;
  seed: number;
}

export const DEFAULT_ESTIMATOR_CONFIG: EstimatorConfig = {
  hiddenUnits: 32,
  hiddenLayers: 2,
  learningRate: 0.003,
  epochs: 300,
  batchSize: 64,
  l2: 1e-4,
  dropout: 0.1,
  patience: 30,
  seed: 42,
};

/** Nominal interval: p10..p90 holds 80 % of finishes. */
export const INTERVAL_LEVEL = 0.8;
/** Fewer runs than this before the as-of date: the Riegel prediction is served, flagged. */
export const MIN_RUNS_FOR_MODEL = 10;

/** Twelve settings around the default (ML-003 asks for at least ten runs per sweep). */
export function sweepGrid(base: EstimatorConfig = DEFAULT_ESTIMATOR_CONFIG): EstimatorConfig[] {
  const grid: EstimatorConfig[] = [];
  for (const hiddenUnits of [16, 32, 64]) {
    for (const learningRate of [0.001, 0.003]) {
      for (const dropout of [0, 0.2]) grid.push({ ...base, hiddenUnits, learningRate, dropout });
    }
  }
  return grid;
}
