// CTL / ATL (section 6) by straightforward recursion in float64: this recursion is
// the reference definition the windowed SQL must match.
import type { LoadModel } from './vars.ts';

export function decayConstants(model: LoadModel): { k42: number; k7: number } {
  return model === 'trainingpeaks'
    ? { k42: 1 / 42, k7: 1 / 7 }
    : { k42: 1 - Math.exp(-1 / 42), k7: 1 - Math.exp(-1 / 7) };
}

/** x_d = x_{d-1} + (L_d - x_{d-1}) * k from x_{first-1} = 0; one value per load. */
export function ema(loads: readonly number[], k: number): number[] {
  const out: number[] = [];
  let previous = 0;
  for (const load of loads) {
    previous = previous + (load - previous) * k;
    out.push(previous);
  }
  return out;
}
