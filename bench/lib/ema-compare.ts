// EMA efficiency on the built daily rows: the ema() macro's CTL/ATL step in DuckDB
// against one pass of E += (L - E) * k in TypeScript over the same rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { dialectFor } from '../../orchestrator/adapters/dialects.ts';
import { createEnvironment } from '../../orchestrator/compile/environment.ts';
import { renderTemplate } from '../../orchestrator/compile/render-template.ts';
import { ROOT } from './bench-project.ts';

const ROWS = `select athlete_id, days_of_history - 1 as day_number, daily_tss
    from feature_store.athlete_rolling_features`;

function emaSql(): string {
  const macro = { path: 'macros/ema.sql', raw: readFileSync(join(ROOT, 'macros', 'ema.sql'), 'utf8') };
  const te = createEnvironment([macro], dialectFor('duckdb'), 'local');
  const template = `
    select athlete_id, day_number,
        {{ ema('daily_tss', 'day_number', 42) }} as ctl_42d,
        {{ ema('daily_tss', 'day_number', 7) }} as atl_7d
    from ema_input`;
  return renderTemplate(te, template, 'ema_compare.sql', {
    ref: (name) => name,
    source: (s, t) => `${s}.${t}`,
    config: () => undefined,
    var: (name, fallback) => (name === 'load_model' ? 'trainingpeaks' : fallback),
    env_var: (_name, fallback) => fallback ?? '',
    isIncremental: false,
  });
}

export interface EmaResult {
  rows: number;
  sqlSeconds: number;
  tsLoopSeconds: number;
  tsFetchSeconds: number;
  maxAbsDiff: number;
}

const best = async (n: number, f: () => Promise<void> | void) => {
  let t = Infinity;
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await f();
    t = Math.min(t, performance.now() - s);
  }
  return t / 1000;
};

export async function compareEma(dbPath: string): Promise<EmaResult> {
  const instance = await DuckDBInstance.create(dbPath);
  const con = await instance.connect();
  await con.run(`create temp table ema_input as ${ROWS}`);
  const sql = `create or replace temp table ema_sql as ${emaSql()}`;
  const sqlSeconds = await best(3, () => con.run(sql).then(() => undefined));

  // Fetch the same rows in athlete/day order as typed columns, then one pass per athlete.
  let athlete: number[] = [];
  let day: number[] = [];
  let load: number[] = [];
  const tsFetchSeconds = await best(1, async () => {
    const reader = await con.runAndReadAll('select athlete_id::double, day_number::double, daily_tss::double from ema_input order by athlete_id, day_number');
    const cols = reader.getColumns() as number[][];
    [athlete, day, load] = cols;
  });
  const n = load.length;
  const ctl = new Float64Array(n);
  const atl = new Float64Array(n);
  const kc = 1 / 42;
  const ka = 1 / 7;
  const tsLoopSeconds = await best(3, () => {
    let c = 0;
    let a = 0;
    for (let i = 0; i < n; i++) {
      if (i === 0 || athlete[i] !== athlete[i - 1]) {
        c = 0;
        a = 0;
      } else {
        // Days without a row count as zero load.
        const gap = day[i] - day[i - 1] - 1;
        if (gap > 0) {
          c *= (1 - kc) ** gap;
          a *= (1 - ka) ** gap;
        }
      }
      c += (load[i] - c) * kc;
      a += (load[i] - a) * ka;
      ctl[i] = c;
      atl[i] = a;
    }
  });
  const reader = await con.runAndReadAll('select ctl_42d, atl_7d from ema_sql order by athlete_id, day_number');
  const [sc, sa] = reader.getColumns() as number[][];
  let maxAbsDiff = 0;
  for (let i = 0; i < n; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(sc[i] - ctl[i]), Math.abs(sa[i] - atl[i]));
  con.closeSync();
  instance.closeSync();
  return { rows: n, sqlSeconds, tsLoopSeconds, tsFetchSeconds, maxAbsDiff };
}
