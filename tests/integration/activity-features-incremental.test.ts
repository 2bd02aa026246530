import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { compileProject, renderHooks } from '../../orchestrator/compile/compile-project.ts';
import type { ModelNode } from '../../orchestrator/compile/nodes.ts';
import { renderTemplate } from '../../orchestrator/compile/render-template.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';
import { ACTIVITY_HEADER, activityCsvLine, addDays, csvLine, dayMs, random, SPLIT_HEADER, splitCsvLine, stamp, utcStart, type Activity, type Sport, type Split } from '../helpers/silver-rows.ts';
import { buildProject, dumpFeatureTables, expectBuildSuccess, expectSameRows, fullRefreshTables, rowsText, type BuildOptions } from '../helpers/feature-builds.ts';
import { dumpTable, stableJson } from '../helpers/tables.ts';

// activity_features built incrementally (per athlete, from the first changed start on)
// must equal a full refresh, and must rebuild only the rows a change can reach.

const MODELS = {
  activity_features: ['athlete_id', 'activity_id'],
  athlete_daily_features: ['athlete_id', 'activity_date'],
  athlete_weekly_features: ['athlete_id', 'week_start'],
  athlete_rolling_features: ['athlete_id', 'as_of_date'],
} as const;
type Model = keyof typeof MODELS;
const MODEL_NAMES = Object.keys(MODELS) as Model[];

const AS_OF = '2024-06-30';
const NEXT_DAY = '2024-07-01';

// ---------------------------------------------------------------------------------
// Silver data: four athletes over up to 16 months. 201 and 202 have heart rate on the
// activity, 203 only in its splits (the fallback), 204 none. Some runs are named after
// races: "Parkrun" (a race at 5 km), "Easy 10k" (an exclusion), "Stadtlauf" (no
// pattern until a test adds one).

const SETTINGS_HEADER = 'athlete_id,hr_max,hr_rest';

interface Athlete {
  id: number;
  first: string;
  timezone: string;
  utcOffsetHours: number;
  heartRate: 'activity' | 'splits' | 'none';
  sports: Sport[];
  restChance: number;
}

const ATHLETES: Athlete[] = [
  { id: 201, first: '2023-03-01', timezone: '(GMT+01:00) Europe/Paris', utcOffsetHours: 1, heartRate: 'activity', sports: ['Run', 'Run', 'TrailRun', 'Ride'], restChance: 0.3 },
  { id: 202, first: '2023-05-10', timezone: '(GMT-05:00) America/New_York', utcOffsetHours: -5, heartRate: 'activity', sports: ['Run', 'Ride', 'Walk'], restChance: 0.35 },
  { id: 203, first: '2023-09-01', timezone: '(GMT+09:00) Asia/Tokyo', utcOffsetHours: 9, heartRate: 'splits', sports: ['Run'], restChance: 0.4 },
  { id: 204, first: '2024-01-05', timezone: '(GMT+00:00) Europe/London', utcOffsetHours: 0, heartRate: 'none', sports: ['Run', 'Ride'], restChance: 0.45 },
];
const [A201, A202, A203, A204] = ATHLETES;

class Silver {
  activities: Activity[] = [];
  splits: Split[] = [];
  settings: { athleteId: number; hrMax: number | null; hrRest: number | null }[] = [{ athleteId: 201, hrMax: null, hrRest: 52 }];
  racePatternsAdded: string[] = [];
  private next = new Map<number, number>();
  constructor(readonly rand: () => number) {}

  /** One activity of the athlete at a local time, with per-km splits for runs with heart rate. */
  add(athlete: Athlete, local: string, sport: Sport = athlete.sports[Math.floor(this.rand() * athlete.sports.length)], shape: Partial<Activity> = {}): Activity {
    const r = this.rand;
    const n = (this.next.get(athlete.id) ?? 0) + 1;
    this.next.set(athlete.id, n);
    const isRun = sport === 'Run' || sport === 'TrailRun';
    const named = isRun ? r() : 1;
    const [name, distanceKm] =
      named < 0.05 ? ['Parkrun', 5] : named < 0.09 ? ['Easy 10k', 10] : named < 0.14 ? ['Stadtlauf', 10] : [`${sport} ${n}`, sport === 'Ride' ? 20 + r() * 50 : sport === 'Walk' ? 2 + r() * 5 : 4 + r() * 18];
    const secPerKm = sport === 'Ride' ? 120 + r() * 40 : sport === 'Walk' ? 600 + r() * 200 : 280 + r() * 120;
    const movingTime = Math.round(distanceKm * secPerKm);
    const hr = athlete.heartRate !== 'none' && sport !== 'Walk' ? Math.round((120 + r() * 50) * 10) / 10 : null;
    const activity: Activity = {
      athleteId: athlete.id,
      id: athlete.id * 100_000 + n,
      name,
      sport,
      workoutType: isRun && r() < 0.2 ? 0 : null,
      local,
      utcOffsetHours: athlete.utcOffsetHours,
      timezone: athlete.timezone,
      distanceKm: Math.round(distanceKm * 1000) / 1000,
      movingTime,
      elapsedTime: movingTime + Math.floor(r() * 300),
      elevation: r() < 0.1 ? null : Math.round(r() * 300),
      avgHr: athlete.heartRate === 'activity' ? hr : null,
      maxHr: athlete.heartRate === 'activity' && hr !== null ? Math.round(hr + 10 + r() * 20) : null,
      ...shape,
    };
    this.activities.push(activity);
    if (isRun && hr !== null) {
      const whole = Math.floor(activity.distanceKm);
      const pace = activity.movingTime / activity.distanceKm;
      for (let s = 1; s <= whole + 1; s++) {
        const km = s <= whole ? 1 : Math.round((activity.distanceKm - whole) * 1000) / 1000;
        if (km <= 0) continue;
        const splitHr = r() < 0.1 ? null : Math.round((hr - 8 + r() * 16) * 10) / 10;
        this.splits.push({ athleteId: athlete.id, activityId: activity.id, splitId: s, distanceKm: km, movingTime: Math.round(km * pace), avgHr: splitHr, maxHr: splitHr === null ? null : Math.round(splitHr + 5 + r() * 10) });
      }
    }
    return activity;
  }

  /** A local start on `date` at `hour`, with a few random minutes. */
  at(date: string, hour: number): string {
    return stamp(dayMs(date) + hour * 3_600_000 + Math.floor(this.rand() * 3_000) * 1000);
  }

  /** Every athlete from its first day to `last`: rest days, one or two activities a day. */
  static generate(last: string): Silver {
    const silver = new Silver(random(20240701));
    for (const athlete of ATHLETES) {
      // the first day has exactly one activity, so deleting it moves the first start later;
      // uploaded after the others (a higher id), so staging can remove it incrementally
      silver.add(athlete, silver.at(athlete.first, 7), 'Run', { id: athlete.id * 100_000 + 99_999 });
      for (let date = addDays(athlete.first, 1); date <= last; date = addDays(date, 1)) {
        if (silver.rand() < athlete.restChance) continue;
        silver.add(athlete, silver.at(date, silver.rand() < 0.15 ? 21 : 7));
        if (silver.rand() < 0.15) silver.add(athlete, silver.at(date, 18));
      }
    }
    return silver;
  }

  of(athlete: Athlete): Activity[] {
    return this.activities.filter((a) => a.athleteId === athlete.id).sort((a, b) => utcStart(a).localeCompare(utcStart(b)));
  }

  remove(activity: Activity): void {
    this.activities = this.activities.filter((a) => a !== activity);
    this.splits = this.splits.filter((s) => s.activityId !== activity.id);
  }

  write(dir: string): void {
    const activityRows = this.activities.map(activityCsvLine);
    const splitRows = this.splits.map(splitCsvLine);
    const settingsRows = this.settings.map((s) => csvLine([s.athleteId, s.hrMax, s.hrRest]));
    writeFileSync(join(dir, 'strava_activities.csv'), [ACTIVITY_HEADER, ...activityRows, ''].join('\n'));
    writeFileSync(join(dir, 'strava_sub_activity.csv'), [SPLIT_HEADER, ...splitRows, ''].join('\n'));
    writeFileSync(join(dir, 'athlete_settings.csv'), [SETTINGS_HEADER, ...settingsRows, ''].join('\n'));
  }
}

// ---------------------------------------------------------------------------------
// Projects and builds

/** A private project whose silver and athlete_settings seeds hold `silver`. */
function projectWith(silver: Silver): string {
  const csvDir = mkdtempSync(join(tmpdir(), 'stride-activity-incremental-csv-'));
  silver.write(csvDir);
  const files = ['strava_activities', 'strava_sub_activity', 'athlete_settings'];
  return copyStrideProject(Object.fromEntries(files.map((f) => [f, join(csvDir, `${f}.csv`)])));
}

function rewriteSeeds(project: string, silver: Silver): void {
  silver.write(join(project, 'seeds'));
}

const build = (adapter: DuckDBAdapter, projectDir: string, asOf: string, options: BuildOptions = {}) => buildProject<Model>(adapter, projectDir, asOf, options);
type Built = Awaited<ReturnType<typeof build>>;
const dump = (adapter: DuckDBAdapter) => dumpFeatureTables(adapter, MODELS);
const fullRefresh = (projectDir: string, asOf: string, vars: Record<string, unknown> = {}) => fullRefreshTables(projectDir, asOf, MODELS, vars);

/**
 * Same rows as a full refresh. activity_features exactly, bit for bit (its windows
 * read exact sums, so which rows a build read cannot change a value); the downstream
 * models with doubles within 1e-9 relative.
 */
function expectSameTables(actual: Record<Model, Row[]>, expected: Record<Model, Row[]>): void {
  expect(text(actual.activity_features)).toEqual(text(expected.activity_features));
  expectSameRows(actual, expected, MODELS);
}

const text = rowsText;

function expectSuccess(built: Built): void {
  expectBuildSuccess(built);
  expect(built.action('activity_features')).toMatch(/^incremental \(/);
}

/** The athlete's activity_features rows starting at or after `from` (an event_timestamp text). */
const rowsFrom = (rows: Row[], athlete: Athlete, from: string) => rows.filter((r) => r.athlete_id === athlete.id && String(r.event_timestamp) >= from);
/** Every other row. */
const rowsBefore = (rows: Row[], athlete: Athlete, from: string) => rows.filter((r) => !(r.athlete_id === athlete.id && String(r.event_timestamp) >= from));

/**
 * Builds incrementally, checks that the result equals a full refresh, and that only
 * `athlete`'s rows from `from` on were written: the rows before are byte-identical to
 * `before`, and the write counted exactly the rows from there on.
 */
async function expectRebuiltFrom(
  adapter: DuckDBAdapter,
  project: string,
  before: Record<Model, Row[]>,
  scope: { athlete: Athlete; from: string } | 'all',
  vars: Record<string, unknown> = {},
): Promise<Record<Model, Row[]>> {
  const next = await build(adapter, project, AS_OF, { vars });
  expectSuccess(next);
  expect(next.action('activity_features')).toBe('incremental (delete+insert)');
  const after = await dump(adapter);
  expectSameTables(after, await fullRefresh(project, AS_OF, vars));
  if (scope === 'all') {
    expect(next.rows('activity_features')).toBe(after.activity_features.length);
  } else {
    const { athlete, from } = scope;
    expect(next.rows('activity_features')).toBe(rowsFrom(after.activity_features, athlete, from).length);
    expect(text(rowsBefore(after.activity_features, athlete, from))).toEqual(text(rowsBefore(before.activity_features, athlete, from)));
  }
  return after;
}

// ---------------------------------------------------------------------------------

describe('incremental activity_features', () => {
  let adapter: DuckDBAdapter;
  beforeAll(async () => {
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
  });
  afterAll(async () => adapter?.close());

  it('(a) a new day rebuilds only the new activities, equal to a full refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    const first = await build(adapter, project, AS_OF, { fullRefresh: true });
    expectSuccess(first);
    expect(first.action('activity_features')).toBe('incremental (full)');
    expect(first.rows('activity_features')).toBe(silver.activities.length);
    const before = await dump(adapter);

    // the next day: athlete 201 runs twice, 203 once (heart rate in its splits); 202 and 204 rest
    const added = [
      silver.add(A201, silver.at(NEXT_DAY, 7), 'Run'),
      silver.add(A201, silver.at(NEXT_DAY, 18), 'Run'),
      silver.add(A203, silver.at(NEXT_DAY, 6), 'Run'),
    ];
    rewriteSeeds(project, silver);
    const next = await build(adapter, project, NEXT_DAY);
    expectSuccess(next);
    expect(next.action('activity_features')).toBe('incremental (delete+insert)');
    expect(next.rows('activity_features')).toBe(added.length);
    const after = await dump(adapter);
    expectSameTables(after, await fullRefresh(project, NEXT_DAY));

    const isNew = (r: Row) => added.some((a) => a.id === r.activity_id);
    expect(after.activity_features.filter(isNew).map((r) => r.activity_id)).toEqual(added.map((a) => a.id));
    expect(text(after.activity_features.filter((r) => !isNew(r))), 'every older row untouched').toEqual(text(before.activity_features));
    const total = after.activity_features.length;
    console.log(`(a) activity_features: ${next.rows('activity_features')} rows rebuilt of ${total} (${((100 * next.rows('activity_features')!) / total).toFixed(2)} %)`);
  });

  it('(b) a back-dated long hard run whose windows reach later activities equals a full refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);

    // 30 km in 2:15 with a max heart rate above anything athlete 201 ever had: it raises
    // hr_max for 365 days, the best one-hour effort for 90 days, the longest run for 30
    const run = silver.add(A201, silver.at('2024-01-20', 10), 'Run', { name: 'Long run', distanceKm: 30, movingTime: 8100, elapsedTime: 8200, avgHr: 165, maxHr: 215 });
    rewriteSeeds(project, silver);
    const after = await expectRebuiltFrom(adapter, project, before, { athlete: A201, from: utcStart(run) });

    // the windows of later activities changed: hr_max, threshold pace and spike ratio
    const later = (rows: Row[]) => rowsFrom(rows, A201, utcStart(run)).filter((r) => r.activity_id !== run.id);
    const changed = (column: string) => later(after.activity_features).filter((r, i) => r[column] !== later(before.activity_features)[i][column]).length;
    expect(later(after.activity_features).map((r) => r.activity_id)).toEqual(later(before.activity_features).map((r) => r.activity_id));
    expect(changed('hr_max')).toBeGreaterThan(50);
    expect(changed('threshold_pace_min_km')).toBeGreaterThan(10);
    expect(changed('spike_ratio')).toBeGreaterThan(5);
    expect(later(after.activity_features).filter((r) => r.hr_max === 215).length).toBe(changed('hr_max'));
  });

  it('(c) a changed split heart rate, athlete setting, race-name pattern or var equals a full refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    let before = await dump(adapter);

    // athlete 203's heart rate comes from its splits: a higher split maximum is the
    // activity's max_hr and the hr_max of the next 365 days; a split average moves its zones
    const activity = silver.of(A203).find((a) => a.local >= '2024-02-01' && silver.splits.some((s) => s.activityId === a.id && s.avgHr !== null))!;
    const splits = silver.splits.filter((s) => s.activityId === activity.id && s.avgHr !== null);
    splits[0].maxHr = 212;
    splits[splits.length - 1].avgHr = splits[splits.length - 1].avgHr! + 25;
    rewriteSeeds(project, silver);
    let after = await expectRebuiltFrom(adapter, project, before, { athlete: A203, from: utcStart(activity) });
    expect(after.activity_features.find((r) => r.activity_id === activity.id)!.max_hr).toBe(212);
    expect(rowsFrom(after.activity_features, A203, utcStart(activity)).filter((r) => r.hr_max === 212).length).toBeGreaterThan(50);

    // an athlete_settings row for athlete 202: every one of its rows, no other
    before = after;
    silver.settings.push({ athleteId: 202, hrMax: 186, hrRest: 47 });
    rewriteSeeds(project, silver);
    after = await expectRebuiltFrom(adapter, project, before, { athlete: A202, from: '' });
    expect(after.activity_features.filter((r) => r.athlete_id === 202).every((r) => r.hr_max === 186 && r.hr_rest === 47)).toBe(true);

    // a new race-name pattern: every row of every athlete. Some athletes have an even
    // number of activities: a change common to all rows must not cancel out of their
    // bit_xor fingerprints
    expect(new Set(ATHLETES.map((athlete) => silver.of(athlete).length % 2))).toEqual(new Set([0, 1]));
    before = after;
    const patterns = join(project, 'seeds', 'race_name_patterns.csv');
    writeFileSync(patterns, `${readFileSync(patterns, 'utf8').trimEnd()}\nstadtlauf\n`);
    after = await expectRebuiltFrom(adapter, project, before, 'all');
    const stadtlauf = (rows: Row[]) => rows.filter((r) => silver.activities.some((a) => a.id === r.activity_id && a.name === 'Stadtlauf' && a.workoutType === null));
    expect(stadtlauf(before.activity_features).length).toBeGreaterThan(5);
    expect(stadtlauf(before.activity_features).some((r) => r.is_race)).toBe(false);
    expect(stadtlauf(after.activity_features).every((r) => r.is_race)).toBe(true);

    // another threshold-pace method: every row again
    before = after;
    after = await expectRebuiltFrom(adapter, project, before, 'all', { threshold_pace_method: 'avg_30d' });
    expect(after.activity_features.some((r) => r.threshold_pace_source === 'best_effort_90d')).toBe(false);
  });

  it('(d) a deleted activity in the middle, a deleted last activity and a moved start equal a full refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    let before = await dump(adapter);

    // gone from the middle: the rebuild starts at the activity before it, re-emitted unchanged
    const history = silver.of(A202);
    const middle = Math.floor(history.length / 2);
    silver.remove(history[middle]);
    rewriteSeeds(project, silver);
    let after = await expectRebuiltFrom(adapter, project, before, { athlete: A202, from: utcStart(history[middle - 1]) });
    const previous = (rows: Row[]) => rows.find((r) => r.activity_id === history[middle - 1].id);
    expect(stableJson(previous(after.activity_features))).toBe(stableJson(previous(before.activity_features)));

    // the last activity gone: only the one before it is written again
    before = after;
    const last = silver.of(A204);
    silver.remove(last[last.length - 1]);
    rewriteSeeds(project, silver);
    after = await expectRebuiltFrom(adapter, project, before, { athlete: A204, from: utcStart(last[last.length - 2]) });
    expect(rowsFrom(after.activity_features, A204, utcStart(last[last.length - 2])).length).toBe(1);

    // a start moved 36 hours later: rebuilt from its old start's predecessor
    before = after;
    const moving = silver.of(A201);
    const moved = moving[Math.floor(moving.length / 3)];
    const predecessor = moving[Math.floor(moving.length / 3) - 1];
    moved.local = stamp(Date.parse(`${moved.local.replace(' ', 'T')}Z`) + 36 * 3_600_000);
    rewriteSeeds(project, silver);
    await expectRebuiltFrom(adapter, project, before, { athlete: A201, from: utcStart(predecessor) });
  });

  it("(d) deleting an athlete's first activity, or all of them, fails with a request for --full-refresh and keeps the tables", async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);

    const first = silver.of(A203)[0];
    const firstSplits = silver.splits.filter((s) => s.activityId === first.id);
    silver.remove(first);
    rewriteSeeds(project, silver);
    const failed = await build(adapter, project, AS_OF);
    expect(failed.result.success).toBe(false);
    expect(failed.status('activity_features')).toBe('error');
    expect(failed.message('activity_features')).toMatch(/activity_features: athlete 203 lost its first activity .*--full-refresh/);
    for (const model of MODEL_NAMES.slice(1)) expect(failed.status(model), model).toBe('skipped');
    expect(await dump(adapter)).toEqual(before);

    // the first activity back, and every activity of athlete 204 gone: staging asks for a
    // full refresh first; after one of staging alone, activity_features asks too
    silver.activities.push(first);
    silver.splits.push(...firstSplits);
    silver.activities = silver.activities.filter((a) => a.athleteId !== 204);
    rewriteSeeds(project, silver);
    const gone = await build(adapter, project, AS_OF);
    expect(gone.result.success).toBe(false);
    expect(gone.status('activity_features')).not.toBe('success');
    expect(await dump(adapter)).toEqual(before);
    const run = (select: string[], fullRefresh: boolean) => runCommand('run', { projectDir: project, adapter, reporter: silentReporter(), vars: { as_of_date: AS_OF }, fullRefresh, select });
    expect((await run(['tag:staging'], true)).success).toBe(true);
    const alone = (await run(['activity_features'], false)).results.find((r) => r.id === 'model.activity_features')!;
    expect(alone.status).toBe('error');
    expect(alone.message).toMatch(/activity_features: athlete 204 lost its first activity \(or activity day\) or all its activities .*--full-refresh/);
    expect(await dumpTable(adapter, 'feature_store.activity_features', [...MODELS.activity_features])).toEqual(before.activity_features);

    // the full refresh it asks for repairs everything, and the next run has nothing to do
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    expectSameTables(await dump(adapter), await fullRefresh(project, AS_OF));
    expect((await build(adapter, project, AS_OF)).rows('activity_features')).toBe(0);
  });

  it('(e) a build without a change emits no row', async () => {
    const project = projectWith(Silver.generate(AS_OF));
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);
    const again = await build(adapter, project, AS_OF);
    expectSuccess(again);
    for (const model of MODEL_NAMES) {
      expect(again.action(model), model).toBe('incremental (delete+insert)');
      expect(again.rows(model), model).toBe(0);
    }
    expect(await dump(adapter)).toEqual(before);
  });
});

describe('the incremental activity_features SQL on Databricks', () => {
  const project = loadProject(join(import.meta.dirname, '..', '..'));
  const compiled = compileProject(project, { target: 'databricks', today: AS_OF, env: {} });
  const node = compiled.nodes.get('model.activity_features') as ModelNode;
  const ctx = compiled.context;
  const incremental = renderTemplate(ctx.te, node.model.raw, node.path, renderHooks(ctx, node.path, node.model.raw, new Set(), { thisRelation: node.relation, isIncremental: true }));
  const own = '`uc_athlete_data`.`feature_store`.`activity_features`';

  it('reads its own table only when incremental, with Databricks functions and no trailing comma', () => {
    expect(compiled.errors).toEqual([]);
    expect(node.compiledSql).not.toContain(own);
    expect(incremental).toContain(`from ${own}`);
    expect(incremental).toContain('raise_error(');
    expect(incremental).toContain('unix_micros(event_timestamp)');
    expect(incremental).not.toMatch(/(?<![a-z_])(error|hash|epoch_us|unnest|generate_series)\(/);
    expect(incremental).not.toMatch(/,(\s|--[^\n]*\n)*(\bfrom\b|\))/i);
  });

  it('fingerprints with xxhash64 behind a null mask, from the staging source row hashes', () => {
    expect(node.compiledSql).toContain(
      'xxhash64(array(p.project_hash is null, st.hr_max is null, st.hr_rest is null, coalesce(s.splits_hash, 0) is null, coalesce(s.split_count, 0) is null, a.source_row_hash is null), p.project_hash, st.hr_max, st.hr_rest, coalesce(s.splits_hash, 0), coalesce(s.split_count, 0), a.source_row_hash) as source_fingerprint',
    );
    expect(node.compiledSql).toContain('bit_xor(xxhash64(array(source_row_hash is null), source_row_hash)) as splits_hash');
  });

  it('after the rebuild scope, the full and incremental SQL differ only in the input and output filters', () => {
    const tail = (sql: string) => sql.slice(sql.indexOf('activities_in_scope as ('));
    const strip = (sql: string) =>
      tail(sql)
        .replace(/\n {4}inner join rebuild_scopes as r\n {8}on a\.athlete_id = r\.athlete_id\n {8}and a\.start_us >= r\.rebuild_from_us - \d+/, '')
        .replace(/\n {4}inner join rebuild_scopes as r\n {8}on h\.athlete_id = r\.athlete_id\n {8}and h\.start_us >= r\.rebuild_from_us/, '');
    expect(strip(incremental).trim()).toBe(tail(node.compiledSql).trim());
    expect(tail(incremental)).not.toBe(tail(node.compiledSql));
  });
});
