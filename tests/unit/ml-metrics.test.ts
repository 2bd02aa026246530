import { describe, expect, it } from 'vitest';
import { aucRoc, classificationMetrics, coverage, quantile, regressionMetrics, thresholdForRecall } from '../../ml/shared/metrics.ts';
import { athletePart } from '../../ml/shared/split.ts';
import { conformalWidening } from '../../ml/time_estimator/train.ts';

describe('regression metrics', () => {
  it('matches hand-computed MAE, RMSE, MAPE and bias', () => {
    // errors +10, -20, +30 on actuals 100, 200, 300
    const m = regressionMetrics([110, 180, 330], [100, 200, 300]);
    expect(m.mae).toBeCloseTo(20, 9);
    expect(m.rmse).toBeCloseTo(Math.sqrt((100 + 400 + 900) / 3), 9);
    expect(m.mape).toBeCloseTo(10, 9); // (10 % + 10 % + 10 %) / 3
    expect(m.bias).toBeCloseTo(20 / 3, 9);
    expect(m.bias_pct).toBeCloseTo((10 - 10 + 10) / 3, 9);
  });
  it('counts coverage inclusively', () => {
    expect(coverage([0, 0, 0, 0], [10, 10, 10, 10], [0, 5, 10, 11])).toBe(75);
  });
  it('takes numpy-style quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 9);
  });
});

describe('classification metrics', () => {
  it('computes AUC by ranks, ties counted half', () => {
    // positives 0.9, 0.4; negatives 0.5, 0.1: pairs won 3 of 4 -> 0.75
    expect(aucRoc([0.9, 0.4, 0.5, 0.1], [true, true, false, false])).toBe(0.75);
    expect(aucRoc([0.5, 0.5], [true, false])).toBe(0.5);
  });
  it('computes precision, recall, F1', () => {
    const m = classificationMetrics([true, true, false, false, true], [true, false, true, false, true]);
    expect(m.precision).toBeCloseTo(2 / 3, 9);
    expect(m.recall).toBeCloseTo(2 / 3, 9);
    expect(m.f1).toBeCloseTo(2 / 3, 9);
  });
  it('picks the highest threshold that keeps recall at 0.8', () => {
    // positives' scores 0.9, 0.8, 0.7, 0.6, 0.2: recall 0.8 needs 4 of 5 -> threshold 0.6
    const scores = [0.9, 0.8, 0.7, 0.6, 0.2, 0.65, 0.1];
    const labels = [true, true, true, true, true, false, false];
    expect(thresholdForRecall(scores, labels, 0.8)).toBe(0.6);
  });
});

describe('conformal widening and the athlete split', () => {
  it('takes the ceil((n + 1) * 0.8)-th smallest score', () => {
    // n = 9: ceil(10 * 0.8) = 8th smallest of 1..9 -> 8
    expect(conformalWidening([9, 1, 8, 2, 7, 3, 6, 4, 5])).toBe(8);
    // n = 3: ceil(4 * 0.8) = 4 > n -> the largest
    expect(conformalWidening([-0.1, 0.2, 0.05])).toBe(0.2);
  });
  it('puts an athlete in the same part every time, about 60/20/20 over many athletes', () => {
    expect(athletePart(10000424)).toBe(athletePart(10000424));
    const parts = Array.from({ length: 5000 }, (_, i) => athletePart(i));
    const share = (p: string) => parts.filter((x) => x === p).length / parts.length;
    expect(share('train')).toBeGreaterThan(0.57);
    expect(share('train')).toBeLessThan(0.63);
    expect(share('test')).toBeGreaterThan(0.17);
    expect(share('test')).toBeLessThan(0.23);
  });
});
