/**
 * The feature tables on simulated athletes: the contract's acceptance tests (AT-*,
 * DATA-*), the point-in-time rule, isolation between athletes, and a row-by-row
 * comparison with the plain TypeScript reference implementation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { simulate } from '../../orchestrator/simulate/index.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';
import { diffRows, dumpTable, stableJson } from '../helpers/tables.ts';
import { referencePipeline } from '../reference/index.ts';

const AS_OF = '2026-11-22';
const TABLES = {
  activity_features: ['athlete_id', 'activity_id'],
  athlete_daily_features: ['athlete_id', 'activity_date'],
  athlete_weekly_features: ['athlete_id', 'week_start'],
  athlete_rolling_features: ['athlete_id', 'as_of_date'],
} as const;
type Table = keyof typeof TABLES;

interface Built {
  adapter: DuckDBAdapter;
  dir: string;
  tables: Record<Table, Row[]>;
}

const readCsv = (file: string): Record<string, string | null>[] =>
  parse(readFileSync(file), { columns: true, cast: (v) => (v === '' ? null : v) }) as Record<string, string | null>[];

function writeCsv(file: string, rows: Record<string, string | null>[], header: string[]): void {
  const quote = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(file, [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? null)).join(','))].join('\n') + '\n');
}

async function buildOn(silverDir: string): Promise<Built> {
  const dir = copyStrideProject({
    strava_activities: join(silverDir, 'strava_activities.csv'),
    strava_sub_activity: join(silverDir, 'strava_sub_activity.csv'),
    athlete_settings: join(silverDir, 'athlete_settings.csv'),
  });
  const adapter = await DuckDBAdapter.open({ path: ':memory:' });
  const result = await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter(), vars: { as_of_date: AS_OF } });
  const failed = result.results.filter((r) => r.status === 'error' || r.status === 'fail');
  if (failed.length > 0) throw new Error(`build failed: ${failed.map((f) => `${f.id}: ${f.message ?? `${f.failures} failing rows`}`).join('; ')}`);
  const tables = {} as Record<Table, Row[]>;
  for (const [table, keys] of Object.entries(TABLES) as [Table, readonly string[]][]) {
    tables[table] = await dumpTable(adapter, `feature_store.${table}`, [...keys]);
  }
  return { adapter, dir, tables };
}

/**
 * Cells that differ between two row lists of the same shape (first 10). Everything
 * must be equal, except that a double may move in its last bits (1e-12 relative):
 * DuckDB's window aggregates (the 30-day regression slope and means) combine partial
 * results in blocks that span neighbouring athletes' rows, so another athlete's row
 * count can change the rounding, never the value.
 */
function isolationDiff(actual: Row[], expected: Row[]): string[] {
  const out: string[] = [];
  if (actual.length !== expected.length) return [`${actual.length} rows, expected ${expected.length}`];
  expected.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const a = actual[i][k];
      const same =
        typeof a === 'number' && typeof v === 'number' && !Number.isInteger(v)
          ? Math.abs(a - v) <= 1e-12 * Math.max(1, Math.abs(v))
          : stableJson(a) === stableJson(v);
      if (!same && out.length < 10) out.push(`${row.athlete_id} ${row.as_of_date ?? row.activity_date ?? row.week_start ?? row.activity_id} ${k}: ${stableJson(a)} != ${stableJson(v)}`);
    }
  });
  return out;
}

let silver: string;
let base: Built;
const opened: DuckDBAdapter[] = [];

beforeAll(async () => {
  silver = mkdtempSync(join(tmpdir(), 'stride-sim-'));
  await simulate({ athletes: 6, years: 1.5, seed: 11, out: silver, endDate: AS_OF, everyDirtyKind: true, groundTruth: 'none' });
  base = await buildOn(silver);
  opened.push(base.adapter);
}, 300_000);

afterAll(async () => {
  for (const a of opened) await a.close();
});

describe('acceptance tests on simulated athletes', () => {
  it('AT-001: every accepted activity has an activity_features row with every column', async () => {
    const [{ accepted }] = await base.adapter.query('select count(*) as accepted from staging.stg_strava__activities');
    expect(base.tables.activity_features.length).toBe(Number(accepted));
    const always = ['athlete_id', 'activity_id', 'event_timestamp', 'activity_date', 'moving_time_min', 'threshold_pace_min_km', 'threshold_pace_source', 'intensity_factor', 'estimated_tss', 'tss_method', 'hr_rest', 'hr_max', 'is_race', 'is_run'];
    for (const row of base.tables.activity_features) for (const c of always) expect(row[c], `${c} of ${row.activity_id}`).not.toBeNull();
  });

  it('AT-002: from 30 days of history, CTL, ATL and TSB are set, and ACWR wherever CTL reaches acwr_min_ctl', () => {
    const rows = base.tables.athlete_rolling_features.filter((r) => Number(r.days_of_history) >= 30);
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      expect(r.ctl_42d).not.toBeNull();
      expect(r.atl_7d).not.toBeNull();
      expect(r.tsb).not.toBeNull();
      if (Number(r.ctl_42d) >= 10) expect(r.acwr, `${r.athlete_id} ${r.as_of_date}`).not.toBeNull();
      else expect(r.acwr).toBeNull();
    }
  });

  it('AT-005 / DATA-002: every activity with heart rate has five zone percentages summing to 100', () => {
    const withHr = base.tables.activity_features.filter((r) => r.avg_hr !== null);
    expect(withHr.length).toBeGreaterThan(100);
    for (const r of withHr) {
      const zones = [1, 2, 3, 4, 5].map((k) => r[`hr_zone_${k}_pct`] as number);
      zones.forEach((z) => expect(z).not.toBeNull());
      expect(Math.abs(zones.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(1e-9);
    }
  });

  it('AT-009: an activity without heart rate has null HR features and everything else', () => {
    const noHr = base.tables.activity_features.filter((r) => r.avg_hr === null);
    expect(noHr.length).toBeGreaterThan(10);
    for (const r of noHr) {
      for (const k of [1, 2, 3, 4, 5]) expect(r[`hr_zone_${k}_pct`]).toBeNull();
      expect(r.efficiency_index).toBeNull();
      expect(r.estimated_tss).not.toBeNull();
      expect(r.distance_km).not.toBeNull();
    }
  });

  it('DATA-001: 100 % of activities have estimated_tss', () => {
    expect(base.tables.activity_features.filter((r) => r.estimated_tss === null)).toEqual([]);
  });

  it('matches the reference implementation on every row of the four tables', () => {
    const ref = referencePipeline(
      readCsv(join(silver, 'strava_activities.csv')),
      readCsv(join(silver, 'strava_sub_activity.csv')),
      AS_OF,
      readCsv(join(silver, 'athlete_settings.csv')).map((s) => ({
        athlete_id: Number(s.athlete_id),
        hr_max: s.hr_max === null ? null : Number(s.hr_max),
        hr_rest: s.hr_rest === null ? null : Number(s.hr_rest),
      })),
    );
    const expected: Record<Table, Row[]> = {
      activity_features: ref.activity as unknown as Row[],
      athlete_daily_features: ref.daily as unknown as Row[],
      athlete_weekly_features: ref.weekly as unknown as Row[],
      athlete_rolling_features: ref.rolling as unknown as Row[],
    };
    for (const table of Object.keys(TABLES) as Table[]) {
      expect(diffRows(base.tables[table], expected[table], [...TABLES[table]]), table).toEqual([]);
    }
  });
});

describe('reproducibility and isolation', () => {
  it('AT-008: building twice gives byte-identical tables with no duplicates', async () => {
    await runCommand('build', { projectDir: base.dir, adapter: base.adapter, reporter: silentReporter(), vars: { as_of_date: AS_OF } });
    for (const [table, keys] of Object.entries(TABLES) as [Table, readonly string[]][]) {
      const again = await dumpTable(base.adapter, `feature_store.${table}`, [...keys]);
      expect(stableJson(again), table).toBe(stableJson(base.tables[table]));
      const distinct = new Set(again.map((r) => keys.map((k) => r[k]).join('|')));
      expect(distinct.size, `${table} keys are unique`).toBe(again.length);
    }
    const fresh = await buildOn(silver);
    opened.push(fresh.adapter);
    for (const table of Object.keys(TABLES) as Table[]) expect(stableJson(fresh.tables[table]), `${table} in a new database`).toBe(stableJson(base.tables[table]));
  });

  it("AT-010: changing and adding one athlete's data changes no other athlete's features", async () => {
    const activities = readCsv(join(silver, 'strava_activities.csv'));
    const header = Object.keys(activities[0]);
    const target = activities.find((a) => a.sport_type === 'Run' && a.athlete_id !== null)!.athlete_id!;
    const changed = activities.map((a) => (a.athlete_id === target && a.sport_type === 'Run' && a.distance_km ? { ...a, distance_km: String(Number(a.distance_km) * 1.1) } : a));
    const extra = { ...activities.find((a) => a.athlete_id === target)!, id: '999999999001', start_date: '2026-06-01 06:00:00', start_date_local: '2026-06-01 08:00:00' };
    const dir = mkdtempSync(join(tmpdir(), 'stride-sim-changed-'));
    writeCsv(join(dir, 'strava_activities.csv'), [...changed, extra], header);
    writeFileSync(join(dir, 'strava_sub_activity.csv'), readFileSync(join(silver, 'strava_sub_activity.csv')));
    writeFileSync(join(dir, 'athlete_settings.csv'), readFileSync(join(silver, 'athlete_settings.csv')));
    const other = await buildOn(dir);
    opened.push(other.adapter);
    for (const table of Object.keys(TABLES) as Table[]) {
      const keep = (rows: Row[]) => rows.filter((r) => String(r.athlete_id) !== target);
      expect(isolationDiff(keep(other.tables[table]), keep(base.tables[table])), table).toEqual([]);
      expect(stableJson(other.tables[table]), `${table} changed for the edited athlete`).not.toBe(stableJson(base.tables[table]));
    }
  });

  it('PIT: deleting every activity after day D leaves every feature up to D unchanged', async () => {
    const cut = '2026-05-15';
    const activities = readCsv(join(silver, 'strava_activities.csv'));
    const header = Object.keys(activities[0]);
    const dir = mkdtempSync(join(tmpdir(), 'stride-sim-pit-'));
    writeCsv(join(dir, 'strava_activities.csv'), activities.filter((a) => !a.start_date_local || a.start_date_local.slice(0, 10) <= cut), header);
    writeFileSync(join(dir, 'strava_sub_activity.csv'), readFileSync(join(silver, 'strava_sub_activity.csv')));
    writeFileSync(join(dir, 'athlete_settings.csv'), readFileSync(join(silver, 'athlete_settings.csv')));
    const pit = await buildOn(dir);
    opened.push(pit.adapter);
    const upTo = (table: Table, rows: Row[]) =>
      rows.filter((r) => {
        if (table === 'activity_features') return String(r.activity_date) <= cut;
        if (table === 'athlete_weekly_features') return String(r.week_start) <= '2026-05-04'; // weeks that end before D
        return String(r.activity_date ?? r.as_of_date) <= cut;
      });
    for (const table of Object.keys(TABLES) as Table[]) {
      const before = upTo(table, base.tables[table]);
      expect(before.length).toBeGreaterThan(100);
      expect(isolationDiff(upTo(table, pit.tables[table]), before), table).toEqual([]);
    }
  });
});
