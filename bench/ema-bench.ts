/**
 * Time of the ema() macro (CTL and ATL together) on DuckDB for 10k, 100k and 1M days,
 * so the growth with the number of days can be seen (linear: ~10x per row).
 *   npx tsx bench/ema-bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { dialectFor } from '../orchestrator/adapters/dialects.ts';
import { createEnvironment } from '../orchestrator/compile/environment.ts';
import { renderTemplate } from '../orchestrator/compile/render-template.ts';

const ROOT = join(import.meta.dirname, '..');
const SIZES = [10_000, 100_000, 1_000_000];
const REPEATS = 3;

function renderQuery(table: string): string {
  const macro = { path: 'macros/ema.sql', raw: readFileSync(join(ROOT, 'macros', 'ema.sql'), 'utf8') };
  const te = createEnvironment([macro], dialectFor('duckdb'), 'local');
  const vars: Record<string, unknown> = { load_model: 'trainingpeaks' };
  const template = `
    select athlete_id, day_number,
        {{ ema('daily_tss', 'day_number', 42) }} as ctl_42d,
        {{ ema('daily_tss', 'day_number', 7) }} as atl_7d
    from ${table}`;
  return renderTemplate(te, template, 'ema_bench.sql', {
    ref: (name) => name,
    source: (s, t) => `${s}.${t}`,
    config: () => undefined,
    var: (name, fallback) => vars[name] ?? fallback,
    env_var: (_name, fallback) => fallback ?? '',
    isIncremental: false,
  });
}

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
console.log('days        layout                  best of 3   per 1k days');
for (const days of SIZES) {
  // One athlete with all the days, and the same days split over athletes of 10,000 days each.
  for (const [layout, daysPerAthlete] of [
    ['1 athlete', days],
    [`${days / 10_000} athletes x 10k days`, 10_000],
  ] as const) {
    await con.run(`
      create or replace table daily_load as
      select i // ${daysPerAthlete} as athlete_id, i % ${daysPerAthlete} as day_number,
             case when random() < 0.25 then 0 when random() < 0.05 then 800 + random() * 700 else random() * 250 end as daily_tss
      from range(${days}) as t(i)`);
    const sql = `create or replace table ema_out as ${renderQuery('daily_load')}`;
    let best = Infinity;
    for (let i = 0; i < REPEATS; i++) {
      const start = performance.now();
      await con.run(sql);
      best = Math.min(best, performance.now() - start);
    }
    const perK = (best / days) * 1000;
    console.log(`${String(days).padEnd(11)} ${layout.padEnd(23)} ${best.toFixed(1).padStart(8)} ms ${perK.toFixed(3).padStart(9)} ms`);
  }
}
con.closeSync();
instance.closeSync();
