import { describe, expect, it } from 'vitest';
import { bestEffort, riegelBaseline, vdotBaseline } from '../../ml/baselines/best-effort.ts';
import { riegelTime } from '../../ml/baselines/riegel.ts';
import { fractionOfMax, oxygenCost, vdot, vdotTime } from '../../ml/baselines/vdot.ts';
import { matchRaceDistance, normaliseToDistance } from '../../ml/shared/distances.ts';

describe('Riegel', () => {
  it('scales 20:00 for 5 km to 10 km by 2^1.06 = 2.08493', () => {
    // 1200 * 2^1.06 = 1200 * exp(1.06 * ln 2) = 1200 * 2.084931 = 2501.92
    expect(riegelTime(1200, 5, 10)).toBeCloseTo(2501.92, 1);
  });
  it('gives a 3:30:00 marathon from a 1:40:00 half (6000 * 2^1.06 = 12509.6 s)', () => {
    expect(riegelTime(6000, 21.0975, 42.195)).toBeCloseTo(12509.59, 1);
  });
  it('refuses a zero time', () => {
    expect(() => riegelTime(0, 5, 10)).toThrow(RangeError);
  });
});

describe('Daniels-Gilbert VDOT', () => {
  it('computes 49.81 for 5 km in 20:00 (Daniels tables: VDOT 50 runs 19:57)', () => {
    // v = 250 m/min: VO2 = -4.6 + 45.5645 + 6.5 = 47.4645
    expect(oxygenCost(250)).toBeCloseTo(47.4645, 4);
    // %max(20 min) = 0.8 + 0.1894393 e^-0.25556 + 0.2989558 e^-3.86521 = 0.952984
    expect(fractionOfMax(20)).toBeCloseTo(0.952984, 5);
    expect(vdot(5, 1200)).toBeCloseTo(49.806, 2);
  });
  it('inverts: the 5 km time of VDOT 49.806 is 20:00, and a 10 km at that VDOT takes 41:30 +- 10 s', () => {
    const v = vdot(5, 1200);
    expect(vdotTime(v, 5)).toBeCloseTo(1200, 3);
    // Daniels' table: VDOT 50 -> 10K 41:21; 49.8 is a few seconds slower.
    expect(vdotTime(v, 10)).toBeGreaterThan(2480);
    expect(vdotTime(v, 10)).toBeLessThan(2500);
  });
});

describe('best effort and baselines', () => {
  it('picks the run with the fastest Riegel 10 km equivalent, ignoring runs under 3 km', () => {
    const runs = [
      { distanceKm: 2, timeSec: 420 }, // fastest pace but too short
      { distanceKm: 5, timeSec: 1260 }, // 10K equivalent 1260 * 2.08493 = 2627
      { distanceKm: 10, timeSec: 2600 }, // 2600
      { distanceKm: 21.0975, timeSec: 5700 }, // 5700 * (10/21.0975)^1.06 = 2576.6
    ];
    expect(bestEffort(runs)).toEqual({ distanceKm: 21.0975, timeSec: 5700 });
    expect(bestEffort([{ distanceKm: 2.9, timeSec: 600 }])).toBeUndefined();
  });
  it('gives all four distances from one effort', () => {
    const r = riegelBaseline({ distanceKm: 5, timeSec: 1200 });
    expect(r['5k']).toBeCloseTo(1200, 6);
    expect(r['10k']).toBeCloseTo(2501.92, 1);
    const v = vdotBaseline({ distanceKm: 5, timeSec: 1200 });
    expect(v['5k']).toBeCloseTo(1200, 3);
    // Riegel: 1200 * (42.195 / 5)^1.06 = 1200 * 9.5914 = 11509.7 s
    expect(r['42k']).toBeCloseTo(11509.7, 0);
    // Daniels' table: VDOT 50 -> 3:10:49 (11449 s), VDOT 49 -> 3:13:49 (11629 s); 49.8 lies between.
    expect(v['42k']).toBeGreaterThan(11449);
    expect(v['42k']).toBeLessThan(11629);
  });
});

describe('race distances', () => {
  it('matches within 3 % and normalises with Riegel', () => {
    expect(matchRaceDistance(10.29)?.key).toBe('10k');
    expect(matchRaceDistance(10.31)).toBeUndefined();
    expect(matchRaceDistance(21.3)?.key).toBe('21k');
    expect(matchRaceDistance(16.09)).toBeUndefined();
    // 2550 s over 10.2 km -> at exactly 10 km: 2550 * (10/10.2)^1.06 = 2497.0
    expect(normaliseToDistance(2550, 10.2, 10)).toBeCloseTo(2497.01, 1);
  });
});
