import { describe, expect, it } from 'vitest';
import { calibratedRiegel, MIN_CALIBRATION_RACES, riegelIntervalBefore, type RiegelResidual } from '../../ml/time_estimator/riegel-calibration.ts';

// 20 10K races at times 0..19 with log(finish / Riegel) = 0.00, 0.01, ..., 0.19;
// five marathons at times 100..104, each 0.10 slower than Riegel in log terms.
const residuals: RiegelResidual[] = [
  ...Array.from({ length: 20 }, (_, i): RiegelResidual => ({ at: i, distance: '10k', logRatio: i / 100 })),
  ...Array.from({ length: 5 }, (_, i): RiegelResidual => ({ at: 100 + i, distance: '42k', logRatio: 0.1 })),
];

describe('Riegel interval without a model', () => {
  it('needs 20 races run before the day', () => {
    expect(MIN_CALIBRATION_RACES).toBe(20);
    const before19 = riegelIntervalBefore(residuals, 19);
    expect(Object.values(before19)).toEqual([null, null, null, null]);
  });

  it('takes p10 and p90 of the races run before, per distance when it has 20, pooled otherwise', () => {
    // 20 known 10K races: p10 at rank 1.9 -> 0.019, p90 at rank 17.1 -> 0.171; others pool the same 20.
    const at20 = riegelIntervalBefore(residuals, 20);
    for (const d of ['5k', '10k', '21k', '42k'] as const) {
      expect(at20[d]!.p10).toBeCloseTo(0.019, 12);
      expect(at20[d]!.p90).toBeCloseTo(0.171, 12);
    }
    // All 25 known: the 10K keeps its own; the marathon (5 races) pools 25 values:
    // sorted 0..0.09, six times 0.10, 0.11..0.19; p10 at rank 2.4 -> 0.024, p90 at rank 21.6 -> 0.166.
    const later = riegelIntervalBefore(residuals, 200);
    expect(later['10k']!.p10).toBeCloseTo(0.019, 12);
    expect(later['42k']!.p10).toBeCloseTo(0.024, 12);
    expect(later['42k']!.p90).toBeCloseTo(0.166, 12);
  });

  it('puts the interval around Riegel and leaves it out where there is none', () => {
    const riegel = { '5k': 1400, '10k': 3000, '21k': 6700, '42k': 14000 };
    const withInterval = calibratedRiegel(riegel, riegelIntervalBefore(residuals, 20));
    expect(withInterval['10k'].sec).toBe(3000);
    expect(withInterval['10k'].p10).toBeCloseTo(3000 * Math.exp(0.019), 9);
    expect(withInterval['10k'].p90).toBeCloseTo(3000 * Math.exp(0.171), 9);
    expect(calibratedRiegel(riegel, riegelIntervalBefore(residuals, 0))['42k']).toEqual({ sec: 14000, p10: null, p90: null });
  });
});
