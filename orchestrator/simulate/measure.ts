// Measures a large run: `npx tsx orchestrator/simulate/measure.ts 10000 5 /tmp/sim [summary]`.
// Prints wall time, peak resident memory (sampled after each athlete) and file sizes.

import { simulate } from './index.ts';
import type { GroundTruthMode } from './options.ts';

const [athletes = '1000', years = '5', out = 'target/sim-measure', groundTruth = 'full'] = process.argv.slice(2);
const started = process.hrtime.bigint();
let peakRss = 0;
const summary = await simulate({
  athletes: Number(athletes),
  years: Number(years),
  seed: 1,
  out,
  groundTruth: groundTruth as GroundTruthMode,
  onProgress: (done, total) => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (done % 1000 === 0) console.error(`${done}/${total} athletes`);
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`${athletes} athletes x ${years} years: ${seconds.toFixed(1)} s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
for (const f of summary.files) console.log(`${f.name.padEnd(30)} ${String(f.rows).padStart(11)} rows ${(f.bytes / 2 ** 20).toFixed(1).padStart(9)} MiB`);
