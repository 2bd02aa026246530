/** Least-squares slope of log(y) on log(x): 1 means linear growth. */
export function loglogSlope(points: [number, number][]): number {
  if (points.length < 2) return NaN;
  const xs = points.map(([x]) => Math.log(x));
  const ys = points.map(([, y]) => Math.log(y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

/** Seconds and share of a build per group: seeds, staging, activity_features, incremental models, tests, runner. */
export function shares(perNode: Record<string, number>, total: number): Record<string, { seconds: number; share: number }> {
  const group = (id: string) =>
    id.startsWith('seed.') ? 'seeds'
    : id.startsWith('model.stg_') ? 'staging'
    : id === 'model.activity_features' ? 'activity_features'
    : id.startsWith('model.') ? 'incremental models'
    : 'tests';
  const sums: Record<string, number> = {};
  for (const [id, s] of Object.entries(perNode)) sums[group(id)] = (sums[group(id)] ?? 0) + s;
  sums['runner (outside nodes)'] = Math.max(0, total - Object.values(sums).reduce((a, b) => a + b, 0));
  return Object.fromEntries(Object.entries(sums).map(([k, s]) => [k, { seconds: s, share: s / total }]));
}
