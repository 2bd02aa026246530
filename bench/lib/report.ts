// The printed table of `npm run bench`.
const s = (x: number) => `${x.toFixed(2)} s`;
const m = (x: number | undefined) => (x === undefined ? '-' : `${Math.round(x)} MB`);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ok = (v: boolean | null) => (v === null ? 'not measured' : v ? 'met' : 'MISSED');

export function formatReport(r: any, targets: Record<string, boolean | null>): string {
  const rows: [string, string, string][] = [
    ['machine', `${r.machine.nproc} cpu, ${r.machine.memoryGb} GB, node ${r.machine.node}`, ''],
    ['size', `${r.size.athletes} athletes x ${r.size.years} years (memory_limit ${r.size.memoryLimit})`, ''],
    ['full build', s(r.fullBuild.seconds), m(r.fullBuild.peakRssMb)],
    ['incremental build (+1 day)', `${s(r.incremental.seconds)} = ${pct(r.incremental.ratioToFull)} of full`, m(r.incremental.peakRssMb)],
    ...Object.entries(r.incremental.shares as Record<string, { seconds: number; share: number }>).map(
      ([k, v]) => [`  ${k}`, `${s(v.seconds)} (${pct(v.share)})`, ''] as [string, string, string],
    ),
    ['predict (last as-of day)', `${s(r.predict.wallSeconds)} wall${r.predict.fallback ? ', Riegel fallback (no champion)' : ''}`, m(r.predict.peakRssMb)],
    ['direct SQL (same statements)', s(r.orchestration.directSqlSeconds), m(r.orchestration.directPeakRssMb)],
    ['orchestration overhead', `${s(r.orchestration.overheadSeconds)} = ${pct(r.orchestration.overheadRatio)} of SQL (${pct(r.orchestration.overheadRatioWithoutCompile)} without compile)`, ''],
    ...(r.orchestration.largestPerNodeOverhead ?? []).map(
      (o: { id: string; seconds: number }) => [`  ${o.id.length > 44 ? `${o.id.slice(0, 43)}~` : o.id}`, `+${s(o.seconds)} against direct`, ''] as [string, string, string],
    ),
    ['EMA SQL (CTL+ATL)', `${s(r.ema.sqlSeconds)} over ${r.ema.rows} rows`, ''],
    ['EMA TypeScript loop', `${s(r.ema.tsLoopSeconds)} (+ ${s(r.ema.tsFetchSeconds)} fetch); SQL/loop ${r.ema.ratioSqlToLoop.toFixed(1)}x, max diff ${r.ema.maxAbsDiff.toExponential(1)}`, ''],
    ...r.scaling.points.map((p: any) => [`scaling ${p.athletes} x ${p.years}`, `${s(p.buildSeconds)}, ${p.msPerAthleteYear.toFixed(1)} ms/athlete-year`, m(p.peakRssMb)] as [string, string, string]),
    ['growth exponent', Number.isFinite(r.scaling.exponent) ? r.scaling.exponent.toFixed(2) : '-', ''],
  ];
  const w = Math.max(...rows.map(([a]) => a.length));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(w)}  ${b}${c ? `   peak ${c}` : ''}`);
  lines.push('', 'targets:');
  for (const [k, v] of Object.entries(targets)) lines.push(`  ${k.padEnd(34)} ${ok(v)}`);
  return `${lines.join('\n')}\n`;
}
