/**
 * Performance benchmark on DuckDB: simulated athletes x years through the whole pipeline.
 *   npm run bench -- [--athletes 1000] [--years 3] [--large] [--seed 42] [--memory-limit 2GB]
 * Measures, each step in its own process (peak RSS from /usr/bin/time -v, else the child's
 * maxRSS): full build, incremental build after one more day for every athlete, predict for
 * the last as-of day, the same compiled SQL run directly (orchestration overhead), the
 * CTL/ATL step in SQL against a TypeScript loop, and full-build scaling over 100, N (and
 * 10,000 with --large) athletes. Prints a table and writes target/bench.json.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_END_DATE } from '../orchestrator/simulate/index.ts';
import { linkSeeds, makeBenchProject, ROOT } from './lib/bench-project.ts';
import { runChild, runPhase, type ChildRun } from './lib/child.ts';
import { formatReport } from './lib/report.ts';
import { loglogSlope, shares } from './lib/stats.ts';

const flag = (name: string) => process.argv.includes(`--${name}`);
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const athletes = Number(arg('athletes', '1000'));
const years = Number(arg('years', '3'));
const seed = Number(arg('seed', '42'));
const memoryLimit = arg('memory-limit', '2GB');
const large = flag('large');
const scalingSizes = [...new Set([100, athletes, ...(large ? [10_000] : [])])].sort((a, b) => a - b);

const BENCH = join(ROOT, 'target', 'bench');
const endDate = DEFAULT_END_DATE;
const nextDay = new Date(Date.parse(`${endDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Simulated CSVs for one size, kept between runs (same options give the same bytes). */
function simulated(n: number): { dir: string; run?: ChildRun } {
  const dir = join(BENCH, 'data', `${n}x${years}-s${seed}`);
  if (existsSync(join(dir, 'done'))) return { dir };
  log(`simulating ${n} athletes x ${years} years`);
  const run = runPhase('simulate', { athletes: n, years, seed, out: dir, endDate });
  writeFileSync(join(dir, 'done'), '');
  return { dir, run };
}

function fullBuild(n: number, dataDir: string) {
  const projectDir = makeBenchProject({ dir: join(BENCH, `run-${n}x${years}`), dataDir, memoryLimit });
  log(`full build, ${n} athletes`);
  const run = runPhase('build', { projectDir, vars: { as_of_date: endDate } });
  if (!run.result!.success) log(`build reported failures: ${run.result!.failed.join('; ')}`);
  return { projectDir, run };
}

const mb = (r: ChildRun) => r.peakRssMb ?? r.result?.maxRssMb;

mkdirSync(BENCH, { recursive: true });
const data = simulated(athletes);
const main = fullBuild(athletes, data.dir);
const dbPath = join(main.projectDir, 'stride.duckdb');

log('EMA: SQL against a TypeScript loop');
const ema = runPhase('ema', { dbPath });

log('orchestration overhead: the compiled SQL run directly');
const directDb = join(main.projectDir, 'direct.duckdb');
rmSync(directDb, { force: true });
const direct = runPhase('direct', { projectDir: main.projectDir, dbPath: directDb, vars: { as_of_date: endDate }, memoryLimit, tempDirectory: join(main.projectDir, 'duckdb_tmp') });
rmSync(directDb, { force: true });

log(`incremental build: one more day (${nextDay}) for every athlete`);
const plusDir = `${data.dir}-plus1`;
const append = runPhase('append', { from: data.dir, to: plusDir, day: nextDay });
linkSeeds(main.projectDir, plusDir);
const incremental = runPhase('build', { projectDir: main.projectDir, vars: { as_of_date: nextDay } });
if (!incremental.result!.success) log(`incremental build reported failures: ${incremental.result!.failed.join('; ')}`);

log('predict for the last as-of day');
const predict = runChild(process.execPath, ['bin/stride.mjs', 'predict', '--project-dir', main.projectDir]);
const predictLine = predict.stdout.trim().split('\n').slice(-2).join(' ');

const scaling = scalingSizes.map((n) => {
  const run = n === athletes ? main.run : fullBuild(n, simulated(n).dir).run;
  const seconds = run.result!.elapsed as number;
  return { athletes: n, years, athleteYears: n * years, buildSeconds: seconds, msPerAthleteYear: (seconds / (n * years)) * 1000, peakRssMb: mb(run) };
});

const fullSeconds = main.run.result!.elapsed as number;
const incSeconds = incremental.result!.elapsed as number;
const overheadSeconds = fullSeconds - direct.result!.sqlSeconds;
const report = {
  machine: { nproc: cpus().length, cpu: cpus()[0]?.model, memoryGb: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${process.platform} ${process.arch}` },
  size: { athletes, years, seed, endDate, memoryLimit },
  simulate: data.run ? { seconds: data.run.result!.seconds, activityRows: data.run.result!.activityRows, splitRows: data.run.result!.splitRows, peakRssMb: mb(data.run) } : 'reused',
  fullBuild: { seconds: fullSeconds, wallSeconds: main.run.wallSeconds, peakRssMb: mb(main.run), perNode: main.run.result!.perNode },
  incremental: {
    appended: { activities: append.result!.activities, splits: append.result!.splits, day: nextDay },
    seconds: incSeconds,
    wallSeconds: incremental.wallSeconds,
    peakRssMb: mb(incremental),
    ratioToFull: incSeconds / fullSeconds,
    shares: shares(incremental.result!.perNode, incSeconds),
    perNode: incremental.result!.perNode,
  },
  predict: { wallSeconds: predict.wallSeconds, peakRssMb: predict.peakRssMb, output: predictLine, fallback: /Riegel fallback rows [1-9]/.test(predictLine) && /no champion/.test(predictLine) },
  orchestration: {
    strideBuildSeconds: fullSeconds,
    directSqlSeconds: direct.result!.sqlSeconds,
    directCompileSeconds: direct.result!.compileSeconds,
    statements: direct.result!.statements,
    overheadSeconds,
    overheadRatio: overheadSeconds / direct.result!.sqlSeconds,
    overheadRatioWithoutCompile: (overheadSeconds - direct.result!.compileSeconds) / direct.result!.sqlSeconds,
    directPeakRssMb: mb(direct),
    // Where the build spends more than the direct statements: the version history of the feature tables, catalog look-ups.
    largestPerNodeOverhead: Object.entries(main.run.result!.perNode as Record<string, number>)
      .map(([id, s]) => ({ id, seconds: s - (direct.result!.perNode[id] ?? 0) }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 5),
    directPerNode: direct.result!.perNode,
  },
  ema: { ...ema.result, ratioSqlToLoop: ema.result!.sqlSeconds / ema.result!.tsLoopSeconds, ratioSqlToFetchAndLoop: ema.result!.sqlSeconds / (ema.result!.tsLoopSeconds + ema.result!.tsFetchSeconds) },
  scaling: { points: scaling, exponent: loglogSlope(scaling.map((s) => [s.athleteYears, s.buildSeconds])) },
};
const targets = {
  orchestrationOverheadUnder10pct: report.orchestration.overheadRatio < 0.1,
  incrementalUnder10pctOfFull: report.incremental.ratioToFull < 0.1,
  exponentBetween0_9And1_1: scaling.length > 1 ? report.scaling.exponent >= 0.9 && report.scaling.exponent <= 1.1 : null,
  peakUnder4GbAt10000x3: (() => {
    const p = scaling.find((s) => s.athletes === 10_000 && years === 3);
    return p ? (p.peakRssMb ?? Infinity) < 4096 : null;
  })(),
};
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'bench.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), ...report, targets }, null, 2)}\n`);
process.stdout.write(formatReport(report, targets));
process.stdout.write('\nwrote target/bench.json\n');
