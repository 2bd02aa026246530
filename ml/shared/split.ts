import { createHash } from 'node:crypto';

export type Part = 'train' | 'validation' | 'test';

/**
 * Whole athletes go to one part, by a hash of (seed, athlete id): the same athletes are
 * held out on every training over the same data, so versions compare on the same rows.
 * Shares: 60 % train, 20 % validation (early stopping, calibration, thresholds), 20 % test.
 */
export function athletePart(athleteId: number | string, seed = 'stride'): Part {
  const h = createHash('sha256').update(`${seed}:${athleteId}`).digest().readUInt32BE(0) / 2 ** 32;
  return h < 0.6 ? 'train' : h < 0.8 ? 'validation' : 'test';
}
