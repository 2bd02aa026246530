// Cross-training sessions: rides, swims, gym, walks, yoga... Their impulse counts toward running
// fitness only partly (transfer), and many are logged without heart rate or by hand.

import type { Rng } from './prng.ts';
import type { CrossSport } from './types.ts';

interface CrossSpec {
  minutes: [number, number];
  /** km/h; 0 for sports without distance. */
  speed: [number, number];
  climbPerKm: [number, number];
  hrr: [number, number];
  intensity: number;
  transfer: number;
  /** Probability the device records heart rate for this sport. */
  hrProb: number;
  /** Probability the session is entered by hand (no HR, round numbers). */
  manualProb: number;
  /** Elapsed / moving. */
  pause: [number, number];
}

export const CROSS_SPECS: Record<CrossSport, CrossSpec> = {
  Ride: { minutes: [40, 180], speed: [20, 32], climbPerKm: [4, 15], hrr: [0.5, 0.7], intensity: 0.72, transfer: 0.55, hrProb: 0.9, manualProb: 0.02, pause: [1.02, 1.15] },
  VirtualRide: { minutes: [30, 90], speed: [25, 35], climbPerKm: [3, 12], hrr: [0.55, 0.75], intensity: 0.75, transfer: 0.55, hrProb: 0.95, manualProb: 0, pause: [1, 1.01] },
  Swim: { minutes: [25, 70], speed: [2.2, 3.6], climbPerKm: [0, 0], hrr: [0.5, 0.7], intensity: 0.7, transfer: 0.4, hrProb: 0.4, manualProb: 0.05, pause: [1.15, 1.5] },
  WeightTraining: { minutes: [25, 70], speed: [0, 0], climbPerKm: [0, 0], hrr: [0.3, 0.5], intensity: 0.5, transfer: 0.3, hrProb: 0.6, manualProb: 0.5, pause: [1, 1] },
  Walk: { minutes: [20, 100], speed: [4.2, 5.8], climbPerKm: [2, 20], hrr: [0.2, 0.35], intensity: 0.4, transfer: 0.25, hrProb: 0.8, manualProb: 0.03, pause: [1.02, 1.2] },
  Hike: { minutes: [90, 300], speed: [3.2, 4.6], climbPerKm: [30, 90], hrr: [0.35, 0.55], intensity: 0.55, transfer: 0.4, hrProb: 0.85, manualProb: 0.03, pause: [1.1, 1.4] },
  Yoga: { minutes: [30, 75], speed: [0, 0], climbPerKm: [0, 0], hrr: [0.12, 0.25], intensity: 0.35, transfer: 0.05, hrProb: 0.3, manualProb: 0.5, pause: [1, 1] },
  Workout: { minutes: [30, 60], speed: [0, 0], climbPerKm: [0, 0], hrr: [0.5, 0.7], intensity: 0.7, transfer: 0.4, hrProb: 0.8, manualProb: 0.2, pause: [1, 1.05] },
  Elliptical: { minutes: [30, 60], speed: [0, 0], climbPerKm: [0, 0], hrr: [0.5, 0.7], intensity: 0.7, transfer: 0.6, hrProb: 0.7, manualProb: 0.3, pause: [1, 1] },
  NordicSki: { minutes: [60, 180], speed: [8, 16], climbPerKm: [8, 25], hrr: [0.55, 0.75], intensity: 0.75, transfer: 0.6, hrProb: 0.85, manualProb: 0.02, pause: [1.03, 1.2] },
};

export interface CrossSession {
  sport: CrossSport;
  km: number;
  movingTime: number;
  elapsedTime: number;
  elevation: number | null;
  hrr: number;
  load: number;
  manual: boolean;
  hrCapable: boolean;
}

export function buildCross(sport: CrossSport, rng: Rng, manualBias: number): CrossSession {
  const s = CROSS_SPECS[sport];
  const manual = rng.chance(Math.min(0.9, s.manualProb * (0.5 + manualBias * 1.5)));
  let minutes = rng.uniform(s.minutes[0], s.minutes[1]);
  if (manual) minutes = Math.max(15, Math.round(minutes / 15) * 15);
  const movingTime = Math.round(minutes * 60);
  const elapsedTime = manual ? movingTime : Math.round(movingTime * rng.uniform(s.pause[0], s.pause[1]));
  const km = s.speed[1] > 0 ? (rng.uniform(s.speed[0], s.speed[1]) * movingTime) / 3600 : 0;
  const climb = km > 0 && s.climbPerKm[1] > 0 ? km * rng.uniform(s.climbPerKm[0], s.climbPerKm[1]) : 0;
  const intensity = s.intensity * rng.uniform(0.9, 1.1);
  return {
    sport,
    km: manual ? Math.round(km) : km,
    movingTime,
    elapsedTime,
    elevation: manual ? null : Math.round(climb * 10) / 10,
    hrr: rng.uniform(s.hrr[0], s.hrr[1]),
    load: (movingTime / 3600) * intensity * intensity * 100 * s.transfer,
    manual,
    hrCapable: !manual && rng.chance(s.hrProb),
  };
}
