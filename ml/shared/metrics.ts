/** Error and classification metrics, plain and hand-checkable. */
export interface RegressionMetrics {
  n: number;
  mae: number;
  rmse: number;
  mape: number;
  /** Mean of predicted - actual, seconds: positive means predictions too slow. */
  bias: number;
  /** Mean of (predicted - actual) / actual, %. */
  bias_pct: number;
}

export function regressionMetrics(predicted: number[], actual: number[]): RegressionMetrics {
  const n = actual.length;
  if (n === 0) return { n: 0, mae: NaN, rmse: NaN, mape: NaN, bias: NaN, bias_pct: NaN };
  let abs = 0;
  let sq = 0;
  let pct = 0;
  let bias = 0;
  let biasPct = 0;
  for (let i = 0; i < n; i++) {
    const e = predicted[i] - actual[i];
    abs += Math.abs(e);
    sq += e * e;
    pct += Math.abs(e) / actual[i];
    bias += e;
    biasPct += e / actual[i];
  }
  return { n, mae: abs / n, rmse: Math.sqrt(sq / n), mape: (100 * pct) / n, bias: bias / n, bias_pct: (100 * biasPct) / n };
}

/** Share (%) of actual values inside [lo, hi]. */
export function coverage(lo: number[], hi: number[], actual: number[]): number {
  if (actual.length === 0) return NaN;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lo[i] && actual[i] <= hi[i]) inside++;
  return (100 * inside) / actual.length;
}

/** The q-quantile of values, linear between order statistics (numpy's default). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties counted half. */
export function aucRoc(scores: number[], labels: boolean[]): number {
  const idx = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k][1]] = rank;
    i = j + 1;
  }
  const pos = labels.filter(Boolean).length;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  let sum = 0;
  labels.forEach((l, i) => {
    if (l) sum += ranks[i];
  });
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface ClassificationMetrics {
  n: number;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function classificationMetrics(predicted: boolean[], labels: boolean[]): ClassificationMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i] && labels[i]) tp++;
    else if (predicted[i]) fp++;
    else if (labels[i]) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { n: labels.length, positives: tp + fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The highest threshold whose recall on (scores, labels) is at least `minRecall`. */
export function thresholdForRecall(scores: number[], labels: boolean[], minRecall: number): number {
  const positives = scores.filter((_, i) => labels[i]).sort((a, b) => b - a);
  if (positives.length === 0) return 0.5;
  const needed = Math.ceil(minRecall * positives.length);
  return positives[Math.max(0, needed - 1)];
}
