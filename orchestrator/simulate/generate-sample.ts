// Regenerates the shipped sample: `npx tsx orchestrator/simulate/generate-sample.ts`.
// Writes everything to target/sample/ (ground truth included, not committed) and copies the three
// silver CSVs into seeds/. With --check it only compares a fresh run to seeds/ and exits 1 on a diff.

import { copyFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from './index.ts';
import { SAMPLE_FILES, SAMPLE_OPTIONS } from './sample.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const out = join(root, 'target', 'sample');
const seeds = join(root, 'seeds');
const check = process.argv.includes('--check');

const summary = await simulate({ ...SAMPLE_OPTIONS, out });
let differs = false;
for (const name of SAMPLE_FILES) {
  if (check) {
    const [fresh, shipped] = await Promise.all([readFile(join(out, name)), readFile(join(seeds, name)).catch(() => null)]);
    if (!shipped || !fresh.equals(shipped)) {
      differs = true;
      console.error(`seeds/${name} differs from a fresh run`);
    }
  } else {
    await copyFile(join(out, name), join(seeds, name));
  }
}
for (const f of summary.files) console.log(`${f.name.padEnd(30)} ${String(f.rows).padStart(8)} rows ${String(f.bytes).padStart(10)} bytes`);
if (summary.missingDirtyKinds.length > 0) {
  console.error(`dirty kinds missing: ${summary.missingDirtyKinds.join(', ')}`);
  process.exitCode = 1;
}
if (differs) process.exitCode = 1;
else console.log(check ? 'seeds/ matches a fresh run' : `sample written to seeds/ (ground truth in ${out}/ground_truth)`);
