/** One recorded point of an activity file or stream: time, and what the device measured then. */
export interface Sample {
  /** Epoch milliseconds (UTC). */
  t: number;
  /** Cumulative distance in metres. */
  distance?: number;
  /** Metres per second. */
  speed?: number;
  /** Beats per minute. */
  hr?: number;
}

/** A gap longer than this adds no distance when distance is integrated from speed (a pause or lost signal). */
export const MAX_SPEED_GAP_S = 10;

/**
 * Samples in time order with a cumulative distance on every one: the recorded
 * distance (carried forward over gaps, never decreasing), else speed integrated
 * over time. Undefined when the samples have neither.
 */
export function withDistance(input: Sample[]): (Sample & { distance: number })[] | undefined {
  const samples = input.filter((s) => Number.isFinite(s.t)).sort((a, b) => a.t - b.t);
  if (samples.length < 2) return undefined;
  const hasDistance = samples.some((s) => s.distance !== undefined && Number.isFinite(s.distance));
  const hasSpeed = samples.some((s) => s.speed !== undefined && Number.isFinite(s.speed));
  if (!hasDistance && !hasSpeed) return undefined;
  let last = 0;
  return samples.map((s, i) => {
    if (hasDistance) {
      if (s.distance !== undefined && Number.isFinite(s.distance)) last = Math.max(last, s.distance);
    } else if (i > 0) {
      const dt = (s.t - samples[i - 1].t) / 1000;
      if (dt <= MAX_SPEED_GAP_S) last += Math.max(0, s.speed ?? 0) * dt;
    }
    return { ...s, distance: last };
  });
}
