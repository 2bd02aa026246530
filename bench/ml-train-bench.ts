// Times `stride train` end to end on the sample seeds (build excluded): both models,
// logged to a throw-away MLflow file store. Usage: npx tsx bench/ml-train-bench.ts [--sweep]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBAdapter } from '../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { textReporter } from '../orchestrator/run/reporter.ts';
import { runCommand } from '../orchestrator/stride.ts';
import { trainAll } from '../ml/pipeline/train.ts';
import { FileStore } from '../ml/tracking/file-store.ts';
import { copyStrideProject } from '../tests/helpers/project-copy.ts';

const dir = copyStrideProject();
const adapter = await DuckDBAdapter.open({ path: ':memory:' });
const options = { projectDir: dir, adapter, reporter: textReporter(() => undefined), vars: { as_of_date: '2026-11-22' } };
await runCommand('seed', options);
await runCommand('run', options);
const t0 = performance.now();
const result = await trainAll({ projectDir: dir, adapter, store: new FileStore(join(mkdtempSync(join(tmpdir(), 'stride-bench-')), 'mlruns')), sweep: process.argv.includes('--sweep'), vars: { as_of_date: '2026-11-22' }, log: () => undefined });
const seconds = (performance.now() - t0) / 1000;
await adapter.close();
process.stdout.write(
  `stride train on the sample (${result.estimator.examples.train + result.estimator.examples.validation + result.estimator.examples.test} races, tfjs ${result.backend}): ` +
    `${seconds.toFixed(1)} s total (estimator ${result.estimator.seconds.toFixed(1)} s for ${result.estimator.runs.length} run(s), detector ${result.detector.seconds.toFixed(1)} s)\n`,
);
