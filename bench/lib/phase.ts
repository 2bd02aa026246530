// One measured step of the benchmark, run in its own process so its peak RSS is its own:
//   node --import tsx bench/lib/phase.ts <simulate|append|build|direct|ema> '<json>'
// Prints one line `BENCH_RESULT {...}`.
import type { Reporter } from '../../orchestrator/run/reporter.ts';

const [phase, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}');

const silent: Reporter = { start() {}, node() {}, summary() {}, info() {} };

async function main(): Promise<unknown> {
  switch (phase) {
    case 'simulate': {
      const { simulate } = await import('../../orchestrator/simulate/index.ts');
      const t0 = performance.now();
      const s = await simulate({ athletes: args.athletes, years: args.years, seed: args.seed, out: args.out, endDate: args.endDate, groundTruth: 'none' });
      return { seconds: (performance.now() - t0) / 1000, activityRows: s.activityRows, splitRows: s.splitRows, endDate: s.endDate };
    }
    case 'append': {
      const { appendOneDay } = await import('./append-day.ts');
      const t0 = performance.now();
      const r = await appendOneDay(args.from, args.to, args.day);
      return { seconds: (performance.now() - t0) / 1000, ...r };
    }
    case 'build': {
      const { runCommand } = await import('../../orchestrator/stride.ts');
      const t0 = performance.now();
      const r = await runCommand('build', { projectDir: args.projectDir, vars: args.vars, fullRefresh: args.fullRefresh ?? false, reporter: silent });
      const perNode = Object.fromEntries(r.results.map((x) => [x.id, x.executionTime]));
      const failed = r.results.filter((x) => x.status === 'error' || x.status === 'fail').map((x) => `${x.id}: ${x.message ?? x.status}`);
      return { seconds: (performance.now() - t0) / 1000, elapsed: r.elapsed, success: r.success, failed, perNode };
    }
    case 'direct': {
      const { runDirect } = await import('./direct-sql.ts');
      return runDirect(args.projectDir, args.dbPath, args.vars, args.memoryLimit, args.tempDirectory);
    }
    case 'ema': {
      const { compareEma } = await import('./ema-compare.ts');
      return compareEma(args.dbPath);
    }
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

const result = (await main()) as Record<string, unknown>;
// maxRSS is in kilobytes.
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
