import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectFor } from '../../orchestrator/adapters/dialects.ts';
import { createEnvironment } from '../../orchestrator/compile/environment.ts';
import { renderTemplate } from '../../orchestrator/compile/render-template.ts';

// The EMA macro (CTL/ATL) against the plain recursion E_d = E_{d-1} + (L_d - E_{d-1}) * k.

const ROOT = join(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'tests', 'golden', 'ema.databricks.sql');
const DAYS_30_YEARS = 10_958;

type Engine = 'duckdb' | 'databricks';
type LoadModel = 'trainingpeaks' | 'exponential';

/** Renders a template with the project's ema macro, as the runner does. */
function render(template: string, engine: Engine, vars: Record<string, unknown> = { load_model: 'trainingpeaks' }): string {
  const macro = { path: 'macros/ema.sql', raw: readFileSync(join(ROOT, 'macros', 'ema.sql'), 'utf8') };
  const te = createEnvironment([macro], dialectFor(engine), engine === 'duckdb' ? 'local' : 'databricks');
  expect(te.errors).toEqual([]);
  return renderTemplate(te, template, 'ema_query.sql', {
    ref: (name) => name,
    source: (s, t) => `${s}.${t}`,
    config: () => undefined,
    var: (name, fallback) => (name in vars ? vars[name] : fallback),
    env_var: (_name, fallback) => fallback ?? '',
    isIncremental: false,
  });
}

function rate(span: number, model: LoadModel): number {
  return model === 'trainingpeaks' ? 1 / span : 1 - Math.exp(-1 / span);
}

/** The definition: E before the first day is 0. */
function recursion(loads: number[], k: number): number[] {
  let e = 0;
  return loads.map((load) => (e = e + (load - e) * k));
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 30 years of daily loads: ordinary training (0-250), hard days up to 1,500, rest days,
 * and breaks of 2, 4 and 7 years (longer than one ATL block and than one CTL block
 * of the macro, so a carry must cross an empty block).
 */
function thirtyYears(): number[] {
  const next = random(20240601);
  const breaks = [
    [1_500, 2_230],
    [4_000, 5_460],
    [6_200, 8_760],
  ];
  return Array.from({ length: DAYS_30_YEARS }, (_, day) => {
    if (breaks.some(([from, to]) => day >= from && day < to)) return 0;
    const r = next();
    if (r < 0.25) return 0;
    if (r < 0.3) return 800 + next() * 700;
    return next() * 250;
  });
}

async function loadSeries(con: DuckDBConnection, table: string, series: { athlete: number; day: number; load: number }[]): Promise<void> {
  await con.run(`create or replace table ${table} (athlete_id bigint, day_number bigint, daily_tss double)`);
  const appender = await con.createAppender(table);
  for (const row of series) {
    appender.appendBigInt(BigInt(row.athlete));
    appender.appendBigInt(BigInt(row.day));
    appender.appendDouble(row.load);
    appender.endRow();
  }
  appender.closeSync();
}

async function emaOnDuckdb(con: DuckDBConnection, table: string, span: number, model: LoadModel): Promise<Map<string, number>> {
  const sql = render(
    `select athlete_id, day_number, {{ ema('daily_tss', 'day_number', ${span}) }} as ema from ${table}`,
    'duckdb',
    { load_model: model },
  );
  const rows = (await con.runAndReadAll(sql)).getRowObjects();
  return new Map(rows.map((r) => [`${r.athlete_id}:${r.day_number}`, r.ema as number]));
}

const relativeError = (got: number, want: number) => Math.abs(got - want) / Math.max(1, Math.abs(want));

describe('ema macro on DuckDB', () => {
  let instance: DuckDBInstance;
  let con: DuckDBConnection;
  const loads = thirtyYears();

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    con = await instance.connect();
    // Athlete 1: the 30-year series, one row per day. Athlete 2: the same loads in reverse
    // order, starting at day 500, with only its non-zero days present (missing days are rest).
    // Athlete 3: the series starting at day -12,000, so blocks cross day 0.
    const reversed = [...loads].reverse();
    await loadSeries(con, 'daily_load', [
      ...loads.map((load, day) => ({ athlete: 1, day, load })),
      ...reversed.flatMap((load, i) => (load > 0 ? [{ athlete: 2, day: 500 + i, load }] : [])),
      ...loads.map((load, i) => ({ athlete: 3, day: i - 12_000, load })),
    ]);
  });
  afterAll(() => {
    con?.closeSync();
    instance?.closeSync();
  });

  it('the series really is hard: loads up to 1,500 and breaks of years', () => {
    expect(Math.max(...loads)).toBeGreaterThan(1_450);
    let longest = 0;
    let run = 0;
    for (const load of loads) longest = Math.max(longest, (run = load === 0 ? run + 1 : 0));
    expect(longest).toBeGreaterThanOrEqual(2_560);
  });

  for (const model of ['trainingpeaks', 'exponential'] as const) {
    for (const span of [42, 7]) {
      it(`equals the recursion on every day of 30 years (${model}, span ${span})`, async () => {
        const k = rate(span, model);
        const got = await emaOnDuckdb(con, 'daily_load', span, model);
        const want1 = recursion(loads, k);
        const want2 = recursion([...loads].reverse(), k);
        let maxError = 0;
        let worst = '';
        const check = (key: string, want: number) => {
          const value = got.get(key);
          expect(value, key).toBeTypeOf('number');
          const error = relativeError(value!, want);
          if (error > maxError) [maxError, worst] = [error, key];
        };
        want1.forEach((want, day) => check(`1:${day}`, want));
        want1.forEach((want, i) => check(`3:${i - 12_000}`, want));
        want2.forEach((want, i) => {
          if ((loads[loads.length - 1 - i] ?? 0) > 0) check(`2:${500 + i}`, want);
        });
        console.log(`ema ${model} span ${span} (k=${k}): max relative error ${maxError.toExponential(2)} at ${worst} over ${got.size} rows of 3 athletes`);
        expect(maxError).toBeLessThanOrEqual(1e-9);
        // After 2,560 days of rest the average is tiny but must still be the exact decay.
        expect(got.get(`1:${8_759}`)!).toBeGreaterThanOrEqual(0);
      });
    }
  }

  it('gives the contract test vectors (TrainingPeaks constants)', async () => {
    await loadSeries(con, 'vectors', [
      ...Array.from({ length: 42 }, (_, day) => ({ athlete: 10, day, load: 100 })),
      { athlete: 11, day: 0, load: 100 },
      { athlete: 11, day: 1, load: 0 },
    ]);
    const ctl = await emaOnDuckdb(con, 'vectors', 42, 'trainingpeaks');
    const atl = await emaOnDuckdb(con, 'vectors', 7, 'trainingpeaks');
    expect(ctl.get('10:41')!).toBeCloseTo(63.65, 2);
    expect(atl.get('10:6')!).toBeCloseTo(66.01, 2);
    expect(ctl.get('11:0')!).toBeCloseTo(100 / 42, 12);
    expect(atl.get('11:0')!).toBeCloseTo(100 / 7, 12);
    expect(ctl.get('11:0')! - atl.get('11:0')!).toBeCloseTo(-11.905, 3);
  });

  it('fails the query, naming the variable, for an unknown load_model', async () => {
    const sql = render(`select {{ ema('daily_tss', 'day_number', 42) }} as e from daily_load`, 'duckdb', { load_model: 'banister' });
    await expect(con.runAndReadAll(sql)).rejects.toThrow(/load_model must be trainingpeaks or exponential, not banister/);
  });
});

describe('ema macro on Databricks', () => {
  const query = [
    '-- golden: ema() rendered for Databricks SQL (load_model trainingpeaks)',
    'select',
    '    athlete_id,',
    '    day_number,',
    "    {{ ema('daily_tss', 'day_number', 42) }} as ctl_42d,",
    "    {{ ema('daily_tss', 'day_number', 7) }} as atl_7d",
    'from daily_load',
    '',
  ].join('\n');

  it('renders the golden SQL (UPDATE_GOLDEN=1 rewrites it)', () => {
    const sql = render(query, 'databricks');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, sql);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(sql).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('uses only functions and frames Databricks SQL has, with double arithmetic', () => {
    const sql = render(query, 'databricks');
    const code = sql.replace(/--[^\n]*/g, '');
    const functions = new Set([...code.matchAll(/\b([a-z_]+)\s*\(/g)].map((m) => m[1]));
    expect([...functions].sort()).toEqual(['cast', 'coalesce', 'exp', 'ln', 'over', 'sum']);
    // Integer literals divided as double: 1 / 42 must not become an integer or decimal division.
    expect(sql).toContain('1 / cast(42 as double)');
    // The previous block: a range frame with equal literal bounds over the block's first day.
    expect(sql).toMatch(/order by day_number - \(day_number % 8200\)\s+range between 8200 preceding and 8200 preceding/);
    expect(sql).not.toMatch(/recursive|ignore nulls|exclude|qualify/i);
  });

  it('renders the same expression on both engines', () => {
    expect(render(query, 'duckdb')).toBe(render(query, 'databricks'));
  });
});
