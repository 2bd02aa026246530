// The race-time estimator on real runners: trains a champion on simulated athletes, then
// scores it, beside Riegel, VDOT and the runner's last race, on every race of each real
// sample in ../shared/data/real (imported with `stride import`, built with `stride build`).
// Usage: npx tsx bench/ml-real-eval.ts [--athletes 200] [--years 3] [--keep]
// Prints the tables and writes target/ml-real-eval.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeBenchProject, ROOT } from './lib/bench-project.ts';

const SHARED_REAL = join(ROOT, '..', 'shared', 'data', 'real');
const { values } = parseArgs({ options: { athletes: { type: 'string', default: '200' }, years: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } } });
if (!existsSync(SHARED_REAL)) {
  process.stderr.write(`${SHARED_REAL} is absent: the real samples are not part of a clone, so there is nothing to evaluate on\n`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'stride-real-eval-'));
const stride = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(process.execPath, [join(ROOT, 'bin', 'stride.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
const step = (label: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${label}\n`);

// 1. A champion trained on simulated athletes only.
const sim = join(work, 'sim');
step(`simulating ${values.athletes} athletes x ${values.years} years`);
stride(['simulate', '--athletes', values.athletes!, '--years', values.years!, '--seed', '7', '--out', join(sim, 'data'), '--ground-truth', 'summary']);
const simProject = makeBenchProject({ dir: join(sim, 'project'), dataDir: join(sim, 'data'), memoryLimit: '3GB' });
step('building the simulated features');
stride(['build', '--project-dir', simProject, '--vars', '{as_of_date: 2026-11-22}']);
step('training on the simulated athletes');
const trainOutput = stride(['train', '--project-dir', simProject, '--ground-truth', join(sim, 'data', 'ground_truth'), '--vars', '{as_of_date: 2026-11-22}']);
const store = join(simProject, 'mlruns');

// 2. Each real sample in its own project, scored by that champion.
const SAMPLES: { name: string; importArgs: string[] }[] = [
  { name: 'strava_api_json', importArgs: ['strava-api', join(SHARED_REAL, 'strava_api_json', 'activities.json')] },
  { name: 'strava_api_csv', importArgs: ['strava-api', join(SHARED_REAL, 'strava_api_csv', 'strava_activities.csv')] },
  {
    name: 'multi_athlete_summary',
    importArgs: ['csv', join(SHARED_REAL, 'multi_athlete_summary', 'raw-data-kaggle.csv'), '--mapping', join(ROOT, 'import-mappings', 'multi-athlete-summary.yml')],
  },
];
const results: Record<string, unknown> = {};
const reports: string[] = [`## simulated held-out athletes (stride train)\n\n${trainOutput.trim()}`];
for (const sample of SAMPLES) {
  const dir = makeBenchProject({ dir: join(work, sample.name), dataDir: join(ROOT, 'seeds'), memoryLimit: '3GB' });
  step(`${sample.name}: import, build, evaluate`);
  stride(['import', ...sample.importArgs, '--project-dir', dir]);
  const vars = ['--vars', '{local_silver_schema: silver_import}'];
  stride(['build', '--project-dir', dir, ...vars]);
  const json = join(dir, 'target', 'ml-evaluation.json');
  try {
    const report = stride(['ml', 'evaluate', '--project-dir', dir, ...vars, '--json', json], { MLFLOW_TRACKING_URI: store });
    reports.push(`## ${sample.name}\n\n${report.trim()}`);
    results[sample.name] = JSON.parse(readFileSync(json, 'utf8'));
  } catch (err) {
    const message = (err as { stderr?: string }).stderr?.trim() || String(err);
    reports.push(`## ${sample.name}\n\n${message}`);
    results[sample.name] = { error: message };
  }
}

process.stdout.write(`${reports.join('\n\n')}\n`);
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'ml-real-eval.json'), `${JSON.stringify({ simulated: { athletes: Number(values.athletes), years: Number(values.years) }, samples: results }, null, 2)}\n`);
process.stdout.write(`\nwritten to ${join(ROOT, 'target', 'ml-real-eval.json')}\n`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
else process.stdout.write(`projects kept in ${work}\n`);
