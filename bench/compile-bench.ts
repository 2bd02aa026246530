/**
 * Compile benchmark: generates a project of N models (default 1,000) with refs,
 * macros and YAML tests, then times `stride compile` (load, render, write) and
 * reports peak memory. Target on a 2-core machine: under 2 s and 300 MB.
 *   npm run bench:compile -- --models 1000
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../orchestrator/stride.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const nModels = arg('models', 1000);

function generate(dir: string): void {
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('project.yml', `name: bench\nvars:\n  as_of_date: "2026-01-01"\n  factor: 2\nmodels:\n  layer_a:\n    materialized: table\n  layer_b:\n    materialized: view\ntargets:\n  default: local\n  local:\n    type: duckdb\n    path: ":memory:"\n`);
  write('macros/scaled.sql', '{% macro duckdb__scaled(col) %}({{ col }} * {{ var("factor") }}){% endmacro %}\n{% macro default__scaled(col) %}({{ col }} * {{ var("factor") }}){% endmacro %}\n');
  write('seeds/base.csv', 'id,value\n1,10\n2,20\n');
  for (let i = 0; i < nModels; i++) {
    const folder = i % 2 === 0 ? 'layer_a' : 'layer_b';
    const parents = i === 0 ? [] : [Math.floor(i / 2), Math.max(0, i - 1)];
    const from = i === 0 ? "{{ ref('base') }}" : `{{ ref('m${parents[0]}') }} as a\njoin {{ ref('m${parents[1]}') }} as b using (id)`;
    write(
      `models/${folder}/m${i}.sql`,
      `{{ config(tags=['t${i % 10}']) }}\n\nwith source_rows as (\n    select ${i === 0 ? 'id, value' : 'a.id, a.value + b.value as value'}\n    from ${from}\n),\n\nfinal as (\n    select\n        id,\n        {{ scaled('value') }} as value\n    from source_rows\n    {% if is_incremental() %}where id > 0{% endif %}\n)\n\nselect * from final\n`,
    );
    write(
      `models/${folder}/m${i}.yml`,
      `version: 2\nmodels:\n  - name: m${i}\n    description: Bench model ${i}.\n    columns:\n      - name: id\n        description: Key.\n        data_tests: [not_null, unique]\n      - name: value\n        data_tests:\n          - accepted_range: {min_value: 0}\n`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'stride-bench-compile-'));
generate(dir);
const t0 = performance.now();
const { compiled } = compile({ projectDir: dir, target: 'local' });
const seconds = (performance.now() - t0) / 1000;
// The kernel's high-water mark of this process, in KiB: the true peak, not a sample.
const peak = process.resourceUsage().maxRSS * 1024;
const models = [...compiled.nodes.values()].filter((n) => n.kind === 'model').length;
const tests = [...compiled.nodes.values()].filter((n) => n.kind === 'test').length;
rmSync(dir, { recursive: true, force: true });

const rows = [
  ['models', String(models)],
  ['tests', String(tests)],
  ['compile time', `${seconds.toFixed(3)} s (target < 2 s)`],
  ['peak RSS', `${(peak / 1024 / 1024).toFixed(0)} MB (target < 300 MB)`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(14)} ${v}`);
