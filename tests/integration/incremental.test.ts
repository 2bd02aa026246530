import { mkdtempSync, writeFileSync } from 'node:fs';
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
import { ACTIVITY_HEADER, activityCsvLine, addDays, dayMs, random, SPLIT_HEADER, splitCsvLine, stamp, type Activity, type Split } from '../helpers/silver-rows.ts';
import { buildProject, dumpFeatureTables, expectBuildSuccess, expectSameRows, fullRefreshTables, rowsText, type BuildOptions } from '../helpers/feature-builds.ts';
import { diffRows, dumpTable } from '../helpers/tables.ts';

// The daily, weekly and rolling feature models built incrementally must equal a full
// refresh, and must rebuild only what changed.

const MODELS = {
  athlete_daily_features: ['athlete_id', 'activity_date'],
  athlete_weekly_features: ['athlete_id', 'week_start'],
  athlete_rolling_features: ['athlete_id', 'as_of_date'],
} as const;
type Model = keyof typeof MODELS;
const MODEL_NAMES = Object.keys(MODELS) as Model[];
const DATE_KEY: Record<Model, string> = {
  athlete_daily_features: 'activity_date',
  athlete_weekly_features: 'week_start',
  athlete_rolling_features: 'as_of_date',
};

const AS_OF = '2024-06-30'; // a Sunday: the next day opens a new week
const NEXT_DAY = '2024-07-01';

// ---------------------------------------------------------------------------------
// Silver data: four athletes over 18 months, rest days, runs with and without heart
// rate, rides and walks, evening activities whose UTC day is the next day.

interface Athlete {
  id: number;
  first: string;
  timezone: string;
  utcOffsetHours: number;
  heartRate: 'always' | 'sometimes' | 'never';
  sports: Activity['sport'][];
  restChance: number;
}

const ATHLETES: Athlete[] = [
  { id: 101, first: '2023-01-02', timezone: 'Europe/Paris', utcOffsetHours: 1, heartRate: 'always', sports: ['Run', 'Run', 'TrailRun'], restChance: 0.3 },
  { id: 102, first: '2023-06-15', timezone: 'America/New_York', utcOffsetHours: -5, heartRate: 'sometimes', sports: ['Run', 'Ride', 'Ride', 'Walk'], restChance: 0.35 },
  { id: 103, first: '2024-01-10', timezone: 'Europe/Paris', utcOffsetHours: 1, heartRate: 'sometimes', sports: ['Run', 'Walk'], restChance: 0.5 },
  { id: 104, first: '2023-03-01', timezone: 'Asia/Tokyo', utcOffsetHours: 9, heartRate: 'never', sports: ['Run'], restChance: 0.4 },
];

class Silver {
  activities: Activity[] = [];
  splits: Split[] = [];
  private next = new Map<number, number>();
  constructor(private readonly rand: () => number) {}

  /** One activity of the athlete on a local day, with per-km splits for runs. */
  add(athlete: Athlete, date: string, hour: number, sport = athlete.sports[Math.floor(this.rand() * athlete.sports.length)]): Activity {
    const r = this.rand;
    const n = (this.next.get(athlete.id) ?? 0) + 1;
    this.next.set(athlete.id, n);
    const isRun = sport === 'Run' || sport === 'TrailRun';
    const race = isRun && r() < 0.04;
    const distanceKm = race ? 10 : sport === 'Ride' ? 20 + r() * 50 : sport === 'Walk' ? 2 + r() * 5 : 4 + r() * 18;
    const secPerKm = sport === 'Ride' ? 120 + r() * 40 : sport === 'Walk' ? 600 + r() * 200 : (race ? 250 : 280) + r() * 120;
    const movingTime = Math.round(distanceKm * secPerKm);
    const hasHr = athlete.heartRate === 'always' || (athlete.heartRate === 'sometimes' && sport !== 'Walk' && r() < 0.7);
    const avgHr = hasHr ? Math.round((120 + r() * 50) * 10) / 10 : null;
    const localMs = dayMs(date) + hour * 3_600_000 + Math.floor(r() * 3_000) * 1000;
    const activity: Activity = {
      athleteId: athlete.id,
      id: athlete.id * 100_000 + n,
      name: race ? 'Race 10K' : `${sport} ${n}`,
      sport,
      workoutType: race ? 1 : isRun && r() < 0.3 ? 0 : null,
      local: stamp(localMs),
      utcOffsetHours: athlete.utcOffsetHours,
      timezone: athlete.timezone,
      distanceKm: Math.round(distanceKm * 1000) / 1000,
      movingTime,
      elapsedTime: movingTime + Math.floor(r() * 300),
      elevation: r() < 0.1 ? null : Math.round(r() * 300),
      avgHr,
      maxHr: avgHr === null ? null : Math.round(avgHr + 10 + r() * 20),
    };
    this.activities.push(activity);
    if (isRun && hasHr) {
      const whole = Math.floor(activity.distanceKm);
      for (let s = 1; s <= whole + 1; s++) {
        const km = s <= whole ? 1 : Math.round((activity.distanceKm - whole) * 1000) / 1000;
        if (km <= 0) continue;
        const hr = r() < 0.1 ? null : Math.round((avgHr! - 8 + r() * 16) * 10) / 10;
        this.splits.push({ athleteId: athlete.id, activityId: activity.id, splitId: s, distanceKm: km, movingTime: Math.round(km * secPerKm), avgHr: hr, maxHr: hr === null ? null : Math.round(hr + 5) });
      }
    }
    return activity;
  }

  /** Every athlete from its first day to `last`: rest days, one or two activities, some in the evening. */
  static generate(last: string): Silver {
    const silver = new Silver(random(20240630));
    for (const athlete of ATHLETES) {
      // the first day has exactly one activity, so deleting it moves the first day
      silver.add(athlete, athlete.first, 7);
      for (let date = addDays(athlete.first, 1); date <= last; date = addDays(date, 1)) {
        if (athlete.id === 102 && date >= '2023-10-01' && date < '2023-10-25') continue; // a break
        if (silver.rand() < athlete.restChance) continue;
        silver.add(athlete, date, silver.rand() < 0.15 ? 21 : 7);
        if (silver.rand() < 0.15) silver.add(athlete, date, 18);
      }
    }
    return silver;
  }

  write(dir: string): void {
    const activityRows = this.activities.map(activityCsvLine);
    const splitRows = this.splits.map(splitCsvLine);
    writeFileSync(join(dir, 'strava_activities.csv'), [ACTIVITY_HEADER, ...activityRows, ''].join('\n'));
    writeFileSync(join(dir, 'strava_sub_activity.csv'), [SPLIT_HEADER, ...splitRows, ''].join('\n'));
  }
}

// ---------------------------------------------------------------------------------
// Projects and builds

/** A private project whose silver seeds hold `silver`. */
function projectWith(silver: Silver): string {
  const csvDir = mkdtempSync(join(tmpdir(), 'stride-incremental-csv-'));
  silver.write(csvDir);
  return copyStrideProject({ strava_activities: join(csvDir, 'strava_activities.csv'), strava_sub_activity: join(csvDir, 'strava_sub_activity.csv') });
}

function rewriteSeeds(project: string, silver: Silver): void {
  silver.write(join(project, 'seeds'));
}

const build = (adapter: DuckDBAdapter, projectDir: string, asOf: string, options: BuildOptions = {}) => buildProject<Model>(adapter, projectDir, asOf, options);
const relation = (model: Model) => `feature_store.${model}`;
const dump = (adapter: DuckDBAdapter) => dumpFeatureTables(adapter, MODELS);
const fullRefresh = (projectDir: string, asOf: string, vars: Record<string, unknown> = {}) => fullRefreshTables(projectDir, asOf, MODELS, vars);
const expectSameTables = (actual: Record<Model, Row[]>, expected: Record<Model, Row[]>) => expectSameRows(actual, expected, MODELS);
const text = rowsText;
const expectSuccess = expectBuildSuccess;

// ---------------------------------------------------------------------------------

describe('incremental daily, weekly and rolling features', () => {
  let adapter: DuckDBAdapter;
  beforeAll(async () => {
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
  });
  afterAll(async () => adapter?.close());

  it('(a) a new day of activities rebuilds only the new day, equal to a full refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    const first = await build(adapter, project, AS_OF, { fullRefresh: true });
    expectSuccess(first);
    for (const model of MODEL_NAMES) expect(first.action(model)).toBe('incremental (full)');
    const before = await dump(adapter);

    // the next day: athlete 101 runs twice, 102 rides; 103 and 104 rest
    silver.add(ATHLETES[0], NEXT_DAY, 7, 'Run');
    silver.add(ATHLETES[0], NEXT_DAY, 18, 'Run');
    silver.add(ATHLETES[1], NEXT_DAY, 21, 'Ride');
    rewriteSeeds(project, silver);
    const next = await build(adapter, project, NEXT_DAY);
    expectSuccess(next);
    const after = await dump(adapter);
    expectSameTables(after, await fullRefresh(project, NEXT_DAY));

    for (const model of MODEL_NAMES) {
      expect(next.action(model)).toBe('incremental (delete+insert)');
      // one new row per athlete: the new day, and the new week it opens
      expect(next.rows(model), model).toBe(ATHLETES.length);
      const key = DATE_KEY[model];
      const old = after[model].filter((r) => String(r[key]) < NEXT_DAY);
      expect(text(old), `${model}: rows before ${NEXT_DAY} untouched`).toEqual(text(before[model]));
      const total = after[model].length;
      console.log(`(a) ${model}: ${next.rows(model)} rows rebuilt of ${total} (${((100 * next.rows(model)!) / total).toFixed(2)} %)`);
    }
    const newDay = after.athlete_daily_features.filter((r) => r.activity_date === NEXT_DAY);
    expect(newDay.map((r) => [r.athlete_id, r.n_activities])).toEqual([
      [101, 2],
      [102, 1],
      [103, 0],
      [104, 0],
    ]);
  });

  it('(b) a back-dated activity in the middle of the history equals a full refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);
    // on the last day of athlete 102's break (a rest day) and on an active day of athlete 104
    silver.add(ATHLETES[1], '2023-10-24', 7, 'Run');
    const activeDay = before.athlete_daily_features.find((r) => r.athlete_id === 104 && (r.activity_date as string) > '2024-02-01' && !r.is_rest_day)!;
    silver.add(ATHLETES[3], activeDay.activity_date as string, 19, 'Run');
    rewriteSeeds(project, silver);
    const next = await build(adapter, project, AS_OF);
    expectSuccess(next);
    const after = await dump(adapter);
    expectSameTables(after, await fullRefresh(project, AS_OF));
    // only athletes 102 and 104 were rebuilt, from the back-dated days on
    const from = { 102: '2023-10-24', 104: activeDay.activity_date as string };
    for (const model of MODEL_NAMES) {
      const key = DATE_KEY[model];
      const untouched = (r: Row) => !(r.athlete_id === 102 || r.athlete_id === 104) || String(r[key]) < (model === 'athlete_weekly_features' ? weekStart(from[r.athlete_id as 102 | 104]) : from[r.athlete_id as 102 | 104]);
      expect(text(after[model].filter(untouched)), model).toEqual(text(before[model].filter(untouched)));
      expect(next.rows(model), model).toBe(after[model].filter((r) => !untouched(r)).length);
    }
  });

  it('(c) a changed distance equals a full refresh (also with the exponential load model)', async () => {
    for (const vars of [{}, { load_model: 'exponential' }]) {
      const silver = Silver.generate(AS_OF);
      const project = projectWith(silver);
      expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true, vars }));
      // a run of athlete 104 in February: its threshold pace feeds the next 90 days
      const run = silver.activities.find((a) => a.athleteId === 104 && a.local >= '2024-02-01' && a.sport === 'Run')!;
      run.distanceKm = Math.round((run.distanceKm + 3.5) * 1000) / 1000;
      rewriteSeeds(project, silver);
      const next = await build(adapter, project, AS_OF, { vars });
      expectSuccess(next);
      expectSameTables(await dump(adapter), await fullRefresh(project, AS_OF, vars));
      expect(next.rows('athlete_rolling_features')).toBeGreaterThan(0);
      const total = (await adapter.query(`select count(*) as n from ${relation('athlete_rolling_features')}`))[0].n as number;
      expect(next.rows('athlete_rolling_features')).toBeLessThan(total / 4);
    }
  });

  it('(d) deleting an athlete\'s first activity fails with a request for --full-refresh and keeps the tables', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);
    const first = silver.activities.findIndex((a) => a.athleteId === 103);
    expect(silver.activities[first].local.slice(0, 10)).toBe(ATHLETES[2].first);
    silver.activities.splice(first, 1);
    rewriteSeeds(project, silver);

    const failed = await build(adapter, project, AS_OF);
    expect(failed.result.success).toBe(false);
    // an upstream model (staging or activity_features) fails first, with the same request
    expect(failed.result.results.find((r) => r.status === 'error')?.message).toMatch(/athlete 103 .*--full-refresh/);
    expect(failed.status('athlete_daily_features')).toBe('skipped');
    expect(failed.status('athlete_weekly_features')).toBe('skipped');
    expect(failed.status('athlete_rolling_features')).toBe('skipped');
    expect(await dump(adapter)).toEqual(before);

    // weekly and rolling check on their own too, e.g. after a full refresh of the daily model and its ancestors alone
    const runAlone = async (models: string[], fullRefresh = false) =>
      runCommand('run', { projectDir: project, adapter, reporter: silentReporter(), vars: { as_of_date: AS_OF }, fullRefresh, select: models });
    expect((await runAlone(['+athlete_daily_features'], true)).success).toBe(true);
    const downstream = await runAlone(['athlete_weekly_features', 'athlete_rolling_features']);
    const rolling = downstream.results.find((r) => r.id === 'model.athlete_rolling_features')!;
    expect(rolling.status).toBe('error');
    expect(rolling.message).toMatch(/athlete_rolling_features: athlete 103 .*--full-refresh/);
    expect(await dumpTable(adapter, relation('athlete_rolling_features'), [...MODELS.athlete_rolling_features])).toEqual(before.athlete_rolling_features);
    // the first activity day moved within its week, which still starts the calendar: weekly is exact
    const newFirst = silver.activities.find((a) => a.athleteId === 103)!.local.slice(0, 10);
    expect(weekStart(newFirst)).toBe(weekStart(ATHLETES[2].first));
    expect(downstream.results.find((r) => r.id === 'model.athlete_weekly_features')!.status).toBe('success');
    const expected = await fullRefresh(project, AS_OF);
    const weekly = await dumpTable(adapter, relation('athlete_weekly_features'), [...MODELS.athlete_weekly_features]);
    expect(diffRows(weekly, expected.athlete_weekly_features, [...MODELS.athlete_weekly_features])).toEqual([]);

    // without any activity in its first week, the weekly model fails too
    silver.activities = silver.activities.filter((a) => !(a.athleteId === 103 && a.local < addDays(weekStart(ATHLETES[2].first), 7)));
    rewriteSeeds(project, silver);
    expect((await build(adapter, project, AS_OF)).result.success).toBe(false);
    expect((await runAlone(['+athlete_daily_features'], true)).success).toBe(true);
    const weeklyAlone = (await runAlone(['athlete_weekly_features'])).results[0];
    expect(weeklyAlone.status).toBe('error');
    expect(weeklyAlone.message).toMatch(/athlete_weekly_features: athlete 103 .*--full-refresh/);

    // the full refresh it asks for repairs everything
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    expectSameTables(await dump(adapter), await fullRefresh(project, AS_OF));
  });

  it('an athlete whose activities are all gone fails each model with a request for --full-refresh', async () => {
    const silver = Silver.generate(AS_OF);
    const project = projectWith(silver);
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);
    silver.activities = silver.activities.filter((a) => a.athleteId !== 104);
    rewriteSeeds(project, silver);
    const failed = await build(adapter, project, AS_OF);
    expect(failed.result.results.find((r) => r.status === 'error')?.message).toMatch(/athlete 104 .*--full-refresh/);
    expect(failed.status('athlete_daily_features')).toBe('skipped');
    const run = (models: string[], fullRefresh = false) =>
      runCommand('run', { projectDir: project, adapter, reporter: silentReporter(), vars: { as_of_date: AS_OF }, fullRefresh, select: models });
    expect((await run(['+athlete_daily_features'], true)).success).toBe(true);
    for (const model of ['athlete_weekly_features', 'athlete_rolling_features'] as const) {
      const result = (await run([model])).results[0];
      expect(result.status, model).toBe('error');
      expect(result.message).toMatch(new RegExp(`${model}: athlete 104 .*--full-refresh`));
      expect(await dumpTable(adapter, relation(model), [...MODELS[model]])).toEqual(before[model]);
    }
  });

  it('(e) the same as-of date rebuilt without a data change emits no row', async () => {
    const project = projectWith(Silver.generate(AS_OF));
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const before = await dump(adapter);
    const again = await build(adapter, project, AS_OF);
    expectSuccess(again);
    for (const model of MODEL_NAMES) {
      expect(again.action(model)).toBe('incremental (delete+insert)');
      expect(again.rows(model), model).toBe(0);
    }
    expect(await dump(adapter)).toEqual(before);
  });

  it('an as-of date moved back cuts the tables back, and forward again, equal to a full refresh', async () => {
    const project = projectWith(Silver.generate(AS_OF));
    expectSuccess(await build(adapter, project, AS_OF, { fullRefresh: true }));
    const earlier = '2024-06-12'; // a Wednesday
    expectSuccess(await build(adapter, project, earlier));
    expectSameTables(await dump(adapter), await fullRefresh(project, earlier));
    // and forward again over 18 days at once
    expectSuccess(await build(adapter, project, AS_OF));
    expectSameTables(await dump(adapter), await fullRefresh(project, AS_OF));
  });
});

/** Monday of the ISO week of a date. */
function weekStart(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

describe('the incremental SQL on Databricks', () => {
  const project = loadProject(join(import.meta.dirname, '..', '..'));
  const compiled = compileProject(project, { target: 'databricks', today: AS_OF, env: {} });

  /** The model rendered as the runner renders it for an incremental build. */
  const incrementalSql = (model: Model) => {
    const node = compiled.nodes.get(`model.${model}`) as ModelNode;
    const ctx = compiled.context;
    return renderTemplate(ctx.te, node.model.raw, node.path, renderHooks(ctx, node.path, node.model.raw, new Set(), { thisRelation: node.relation, isIncremental: true }));
  };

  it('compiles the full builds without errors', () => {
    expect(compiled.errors).toEqual([]);
  });

  for (const model of MODEL_NAMES) {
    it(`${model}: uses Databricks functions and reads its own table only when incremental`, () => {
      const own = `\`uc_athlete_data\`.\`feature_store\`.\`${model}\``;
      const full = (compiled.nodes.get(`model.${model}`) as ModelNode).compiledSql;
      expect(full).not.toContain(own);
      const sql = incrementalSql(model);
      expect(sql).toContain(`from ${own}`);
      expect(sql).toContain('raise_error(');
      expect(sql).toContain('bit_xor(');
      expect(sql).not.toMatch(/(?<![a-z_])(error|hash|unnest|generate_series)\(/);
      expect(sql).not.toMatch(/,(\s|--[^\n]*\n)*(\bfrom\b|\))/i);
    });
  }

  it('hashes activities with xxhash64 behind a null mask (xxhash64 skips nulls)', () => {
    expect(incrementalSql('athlete_daily_features')).toMatch(/xxhash64\(array\(activity_id is null, activity_date is null, [^)]*\), activity_id, activity_date, /);
  });
});
