import { describe, expect, it } from 'vitest';
import { illnessHazard, injuryHazard, weeklyStrain } from '../../orchestrator/simulate/breaks.ts';
import type { AthleteProfile } from '../../orchestrator/simulate/types.ts';

const athlete = { injuryRate: 1.46, illnessRate: 0.73 } as AthleteProfile;

describe('break hazards of the simulator', () => {
  it("computes Foster's weekly strain: sum x mean / sd, monotony capped at 4", () => {
    // Three days of 100 in seven: mean 42.857, sd 49.487, monotony sqrt(3)/2 = 0.8660, strain 259.81.
    expect(weeklyStrain([0, 100, 0, 100, 0, 100, 0])).toBeCloseTo(259.8076, 3);
    // The same load every day: no variation, monotony at its cap.
    expect(weeklyStrain([50, 50, 50, 50, 50, 50, 50])).toBe(350 * 4);
    expect(weeklyStrain([0, 0, 0])).toBe(0);
    expect(weeklyStrain([])).toBe(0);
  });

  it('raises the illness hazard above a strain ratio of 1.2 and an ACWR of 1.3', () => {
    const base = 0.73 / 365;
    expect(illnessHazard(athlete, 1.0, 1.0)).toBeCloseTo(base, 15);
    expect(illnessHazard(athlete, 1.0, 1.2)).toBeCloseTo(base, 15);
    expect(illnessHazard(athlete, 1.0, 1.5)).toBeCloseTo(base * Math.exp(0.6), 15);
    expect(illnessHazard(athlete, 1.5, 1.5)).toBeCloseTo(base * 1.2 * Math.exp(0.6), 15);
  });

  it('raises the injury hazard steeply above an ACWR of 1.1', () => {
    expect(injuryHazard(athlete, 1.0)).toBeCloseTo(1.46 / 365, 15);
    expect(injuryHazard(athlete, 1.5)).toBeCloseTo((1.46 / 365) * Math.exp(1.6), 15);
  });
});
