// Runs a command under /usr/bin/time -v (when present) and returns its output, wall
// time and peak resident memory.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from './bench-project.ts';

export interface ChildRun {
  wallSeconds: number;
  peakRssMb?: number;
  stdout: string;
  result?: Record<string, any>;
}

const TIME = '/usr/bin/time';

export function runChild(command: string, args: string[], env: Record<string, string> = {}): ChildRun {
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const p = spawnSync(useTime ? TIME : command, useTime ? ['-v', command, ...args] : args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (p.status !== 0) throw new Error(`${command} ${args.join(' ').slice(0, 200)} exited with ${p.status}:\n${p.stderr.slice(-3000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(p.stderr);
  const line = p.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  return {
    wallSeconds,
    peakRssMb: rss ? Number(rss[1]) / 1024 : undefined,
    stdout: p.stdout,
    result: line ? JSON.parse(line.slice('BENCH_RESULT '.length)) : undefined,
  };
}

/** One benchmark phase in a fresh Node process. */
export function runPhase(phase: string, args: unknown): ChildRun {
  const run = runChild(process.execPath, ['--import', 'tsx', 'bench/lib/phase.ts', phase, JSON.stringify(args)]);
  if (!run.result) throw new Error(`phase ${phase} printed no result:\n${run.stdout.slice(-2000)}`);
  run.peakRssMb ??= run.result.maxRssMb;
  return run;
}
