// Small statistics shared by the weekly and rolling features (section 6).

export const MONOTONY_CAP = 10;

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function mean(values: readonly number[]): number | null {
  return values.length > 0 ? sum(values) / values.length : null;
}

/** Population standard deviation (divide by n), two-pass. */
export function populationSd(values: readonly number[]): number {
  const m = sum(values) / values.length;
  return Math.sqrt(sum(values.map((v) => (v - m) ** 2)) / values.length);
}

/**
 * Foster's monotony: mean / population SD of the loads, zeros included; capped at
 * 10 (10 when the spread is 0); null when the mean is 0 (that check comes first).
 */
export function monotony(loads: readonly number[]): number | null {
  const m = mean(loads);
  if (m === null || m === 0) return null;
  const sd = populationSd(loads);
  return sd === 0 ? MONOTONY_CAP : Math.min(MONOTONY_CAP, m / sd);
}

/** Load sum * monotony; null when monotony is null. */
export function strain(loads: readonly number[]): number | null {
  const m = monotony(loads);
  return m === null ? null : sum(loads) * m;
}

/** Least-squares slope of y on x; null with fewer than 3 points or when all x are equal. */
export function slope(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 3) return null;
  const mx = sum(points.map((p) => p.x)) / points.length;
  const my = sum(points.map((p) => p.y)) / points.length;
  const sxx = sum(points.map((p) => (p.x - mx) ** 2));
  if (sxx === 0) return null;
  return sum(points.map((p) => (p.x - mx) * (p.y - my))) / sxx;
}
