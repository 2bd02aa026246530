/**
 * Daniels-Gilbert VDOT (Daniels & Gilbert, "Oxygen Power", 1979): the oxygen cost of
 * running at velocity v (m/min) divided by the fraction of VO2max sustainable for t minutes.
 */
export function oxygenCost(metresPerMin: number): number {
  return -4.6 + 0.182258 * metresPerMin + 0.000104 * metresPerMin ** 2;
}

export function fractionOfMax(minutes: number): number {
  return 0.8 + 0.1894393 * Math.exp(-0.012778 * minutes) + 0.2989558 * Math.exp(-0.1932605 * minutes);
}

/** VDOT of a performance: `km` covered in `timeSec` seconds. */
export function vdot(km: number, timeSec: number): number {
  if (!(km > 0) || !(timeSec > 0)) throw new RangeError('vdot needs a positive distance and time');
  const minutes = timeSec / 60;
  return oxygenCost((km * 1000) / minutes) / fractionOfMax(minutes);
}

/**
 * The time (seconds) at which a runner of the given VDOT covers `km`: the root of
 * vdot(km, t) = target. VDOT falls as t grows (slower is a lower VDOT), so bisection on
 * [1 min, 2 days] converges to well under a millisecond.
 */
export function vdotTime(targetVdot: number, km: number): number {
  if (!(targetVdot > 0) || !(km > 0)) throw new RangeError('vdotTime needs a positive VDOT and distance');
  let lo = 60;
  let hi = 172_800;
  for (let i = 0; i < 100 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    if (vdot(km, mid) > targetVdot) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
