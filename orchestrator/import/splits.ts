import type { Sample } from './samples.ts';
import { withDistance } from './samples.ts';
import type { Split } from './types.ts';
import { round } from './values.ts';

/**
 * Moving-time rule: the time between two samples counts as moving when the distance
 * covered in it, divided by its duration, is at least 0.5 m/s (1.8 km/h, a slow
 * walk). Standing at a crossing, a paused timer (no samples, no distance) and GPS
 * drift while still all fall below it.
 */
export const MOVING_SPEED_MS = 0.5;

export interface TrackTotals {
  distance_km: number;
  moving_time: number;
  elapsed_time: number;
  average_heartrate: number | null;
  max_heartrate: number | null;
  has_heartrate: boolean;
}

interface Acc {
  distance: number;
  elapsed: number;
  moving: number;
  hrMoving: number;
  hrMovingTime: number;
  hrAll: number;
  hrAllTime: number;
  maxHr: number | null;
}

const acc = (): Acc => ({ distance: 0, elapsed: 0, moving: 0, hrMoving: 0, hrMovingTime: 0, hrAll: 0, hrAllTime: 0, maxHr: null });

function addPiece(a: Acc, dt: number, dd: number, moving: boolean, hr: number | undefined, sampleHr?: number): void {
  a.distance += dd;
  a.elapsed += dt;
  if (moving) a.moving += dt;
  if (hr !== undefined) {
    a.hrAll += hr * dt;
    a.hrAllTime += dt;
    if (moving) {
      a.hrMoving += hr * dt;
      a.hrMovingTime += dt;
    }
  }
  if (sampleHr !== undefined) a.maxHr = a.maxHr === null ? sampleHr : Math.max(a.maxHr, sampleHr);
}

function merge(a: Acc, b: Acc): Acc {
  return {
    distance: a.distance + b.distance,
    elapsed: a.elapsed + b.elapsed,
    moving: a.moving + b.moving,
    hrMoving: a.hrMoving + b.hrMoving,
    hrMovingTime: a.hrMovingTime + b.hrMovingTime,
    hrAll: a.hrAll + b.hrAll,
    hrAllTime: a.hrAllTime + b.hrAllTime,
    maxHr: a.maxHr === null ? b.maxHr : b.maxHr === null ? a.maxHr : Math.max(a.maxHr, b.maxHr),
  };
}

/** Average heart rate over moving time (stopped time excluded); over all time when never moving with HR. */
function averageHr(a: Acc): number | null {
  if (a.hrMovingTime > 0) return round(a.hrMoving / a.hrMovingTime, 1);
  if (a.hrAllTime > 0) return round(a.hrAll / a.hrAllTime, 1);
  return null;
}

const validHr = (hr: number | undefined) => (hr !== undefined && Number.isFinite(hr) && hr > 0 ? hr : undefined);

/**
 * Per-km splits from samples: boundaries at each full kilometre, placed by linear
 * interpolation inside the interval that crosses them, and a last partial split.
 * Each interval's heart rate is the one recorded at its end; a split's maximum is the
 * highest heart rate sampled inside it. Times are rounded on the
 * running total, so the splits' seconds add up exactly to the rounded totals; a
 * trailing piece with no moving time (standing after the finish) joins the split before it.
 */
export function splitsFromSamples(input: Sample[]): { splits: Split[]; totals: TrackTotals } | undefined {
  const samples = withDistance(input);
  if (!samples) return undefined;
  const done: Acc[] = [];
  const whole = acc();
  let current = acc();
  let boundary = samples[0].distance! + 1000;
  const firstHr = validHr(samples[0].hr);
  if (firstHr !== undefined) whole.maxHr = current.maxHr = firstHr;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    const dt = (b.t - a.t) / 1000;
    const dd = b.distance! - a.distance!;
    if (dt <= 0) continue;
    const moving = dd / dt >= MOVING_SPEED_MS;
    const hr = validHr(b.hr) ?? validHr(a.hr);
    addPiece(whole, dt, dd, moving, hr, validHr(b.hr));
    let from = a.distance!;
    let p0 = 0;
    while (b.distance! >= boundary && dd > 0) {
      const p1 = (boundary - a.distance!) / dd;
      addPiece(current, dt * (p1 - p0), boundary - from, moving, hr);
      done.push(current);
      current = acc();
      from = boundary;
      p0 = p1;
      boundary += 1000;
    }
    // The piece that ends at sample b: b's heart rate counts for this split's maximum.
    addPiece(current, dt * (1 - p0), b.distance! - from, moving, hr, validHr(b.hr));
  }
  if (current.elapsed > 0 || current.distance > 0) {
    if (done.length > 0 && Math.round(current.moving) < 1) done.push(merge(done.pop()!, current));
    else done.push(current);
  }
  let movingSum = 0;
  let elapsedSum = 0;
  const splits = done.map((s) => {
    const moving = Math.round(movingSum + s.moving) - Math.round(movingSum);
    const elapsed = Math.round(elapsedSum + s.elapsed) - Math.round(elapsedSum);
    movingSum += s.moving;
    elapsedSum += s.elapsed;
    return { distance_km: round(s.distance / 1000, 6), moving_time: moving, elapsed_time: elapsed, average_heartrate: averageHr(s), max_heartrate: s.maxHr };
  });
  return {
    splits,
    totals: {
      distance_km: round(whole.distance / 1000, 6),
      moving_time: Math.round(whole.moving),
      elapsed_time: Math.round(whole.elapsed),
      average_heartrate: averageHr(whole),
      max_heartrate: whole.maxHr,
      has_heartrate: whole.hrAllTime > 0,
    },
  };
}

/** Whether splits add up to an activity's distance and times within `tolerance` (1 %). */
export function splitsAddUp(splits: Split[], activity: { distance_km: number; moving_time: number; elapsed_time: number }, tolerance = 0.01): string | null {
  const sum = (k: keyof Split) => splits.reduce((s, x) => s + (x[k] as number), 0);
  const off = (got: number, want: number) => Math.abs(got - want) > tolerance * Math.max(want, 1e-9);
  const problems: string[] = [];
  if (off(sum('distance_km'), activity.distance_km)) problems.push(`distance ${round(sum('distance_km'), 3)} vs ${round(activity.distance_km, 3)} km`);
  if (off(sum('moving_time'), activity.moving_time)) problems.push(`moving time ${sum('moving_time')} vs ${activity.moving_time} s`);
  if (off(sum('elapsed_time'), activity.elapsed_time)) problems.push(`elapsed time ${sum('elapsed_time')} vs ${activity.elapsed_time} s`);
  return problems.length > 0 ? problems.join(', ') : null;
}
