/**
 * The staging checks built incrementally must equal a full refresh of the same silver
 * rows, whatever changed: appended days, new copies of old ids, rows without a readable
 * key, edited and removed rows, an activity that turns rejected (its splits follow),
 * and an as-of date moved back and forward. Silver is simulated with every kind of
 * dirty row.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { simulate } from '../../orchestrator/simulate/index.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';

const AS_OF = '2024-06-30';
const CHECKS = ['stg_strava__activity_checks', 'stg_strava__split_checks'] as const;
const TABLES = [...CHECKS, 'stg_strava__activities', 'stg_strava__splits', 'stg_strava__rejected_rows', 'stg_strava__validation_warnings'];

type Csv = Record<string, string>[];
interface Silver {
  activities: Csv;
  splits: Csv;
  activityHeader: string[];
  splitHeader: string[];
}

const readCsv = (file: string): Csv => parse(readFileSync(file), { columns: true }) as Csv;
const header = (file: string) => readFileSync(file, 'utf8').split('\n')[0].split(',');

function writeCsv(file: string, rows: Csv, columns: string[]): void {
  const quote = (v: string | undefined) => (v === undefined || v === '' ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(file, [columns.join(','), ...rows.map((r) => columns.map((h) => quote(r[h])).join(','))].join('\n') + '\n');
}

function writeSilver(project: string, silver: Silver): void {
  writeCsv(join(project, 'seeds', 'strava_activities.csv'), silver.activities, silver.activityHeader);
  writeCsv(join(project, 'seeds', 'strava_sub_activity.csv'), silver.splits, silver.splitHeader);
}

const clone = (s: Silver): Silver => ({ ...s, activities: s.activities.map((r) => ({ ...r })), splits: s.splits.map((r) => ({ ...r })) });

/** Every row of every staging relation, as text, in one order (the checks are not unique by key). */
async function dump(adapter: DuckDBAdapter): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await adapter.query(`select * from staging.${table}`);
    out[table] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
  }
  return out;
}

async function build(adapter: DuckDBAdapter, project: string, asOf: string, fullRefresh = false) {
  return runCommand('build', { projectDir: project, adapter, reporter: silentReporter(), select: ['+tag:staging'], vars: { as_of_date: asOf }, fullRefresh });
}

function expectSuccess(result: Awaited<ReturnType<typeof build>>): void {
  expect(result.results.filter((r) => !['success', 'pass'].includes(r.status)).map((r) => `${r.id} ${r.status}: ${r.message ?? ''}`)).toEqual([]);
}

const rowsOf = (result: Awaited<ReturnType<typeof build>>, model: string) => result.results.find((r) => r.id === `model.${model}`)?.rowsAffected;

/** The staging relations a full refresh gives on the project's current silver, in a fresh database. */
async function fullRefresh(project: string, asOf: string): Promise<Record<string, string[]>> {
  const adapter = await DuckDBAdapter.open({ path: ':memory:' });
  try {
    expectSuccess(await build(adapter, project, asOf, true));
    return await dump(adapter);
  } finally {
    await adapter.close();
  }
}

async function expectEqualToFullRefresh(adapter: DuckDBAdapter, project: string, asOf: string): Promise<void> {
  const actual = await dump(adapter);
  const expected = await fullRefresh(project, asOf);
  for (const table of TABLES) {
    expect(actual[table].length, table).toBeGreaterThan(0);
    expect(actual[table], table).toEqual(expected[table]);
  }
}

describe('incremental staging checks', () => {
  let base: Silver;
  let adapter: DuckDBAdapter;
  let project: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stride-staging-incremental-'));
    await simulate({ athletes: 3, years: 0.5, seed: 11, out: dir, endDate: AS_OF, everyDirtyKind: true, groundTruth: 'none' });
    const activities = join(dir, 'strava_activities.csv');
    const splits = join(dir, 'strava_sub_activity.csv');
    base = { activities: readCsv(activities), splits: readCsv(splits), activityHeader: header(activities), splitHeader: header(splits) };
  });
  afterAll(async () => adapter?.close());

  /** A fresh project and database built in full on `silver`. */
  async function start(silver: Silver, asOf = AS_OF): Promise<void> {
    await adapter?.close();
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
    project = copyStrideProject();
    writeSilver(project, silver);
    expectSuccess(await build(adapter, project, asOf, true));
  }

  const athleteIds = () => [...new Set(base.activities.map((a) => a.athlete_id).filter((id) => /^\d+$/.test(id)))].sort();
  /** Accepted-looking activities of one athlete, by id. */
  const activitiesOf = (silver: Silver, athlete: string) =>
    silver.activities.filter((a) => a.athlete_id === athlete && /^\d+$/.test(a.id)).sort((x, y) => Number(x.id) - Number(y.id));

  /** A run on the day after AS_OF for `athlete`, with two splits (one heart rate to repair). */
  function addNextDay(silver: Silver, athlete: string): string {
    const last = activitiesOf(silver, athlete).at(-1)!;
    const id = String(Math.max(...silver.activities.map((a) => Number(a.id)).filter(Number.isFinite)) + 1);
    silver.activities.push({ ...last, id, name: 'Morning Run', start_date: '2024-07-01 06:00:00', start_date_local: '2024-07-01 08:00:00', sport_type: 'Run', distance_km: '2', moving_time: '660', elapsed_time: '700' });
    silver.splits.push(
      { athlete_id: athlete, activity_id: id, split_id: '1', distance_km: '1', moving_time: '330', elapsed_time: '350', average_heartrate: '150', max_heartrate: '160' },
      { athlete_id: athlete, activity_id: id, split_id: '2', distance_km: '1', moving_time: '330', elapsed_time: '350', average_heartrate: '400', max_heartrate: '' },
    );
    return id;
  }

  it('a new day rebuilds only its rows, equal to a full refresh', async () => {
    await start(base);
    const before = await dump(adapter);
    const next = clone(base);
    const [a1, a2] = athleteIds();
    addNextDay(next, a1);
    addNextDay(next, a2);
    writeSilver(project, next);
    const result = await build(adapter, project, '2024-07-01');
    expectSuccess(result);
    await expectEqualToFullRefresh(adapter, project, '2024-07-01');
    expect(rowsOf(result, 'stg_strava__activity_checks')).toBe(2);
    expect(rowsOf(result, 'stg_strava__split_checks')).toBe(4);
    // every stored row is still there, byte for byte
    const after = await dump(adapter);
    for (const model of CHECKS) {
      expect(after[model].length, model).toBe(before[model].length + (model === 'stg_strava__activity_checks' ? 2 : 4));
      expect(before[model].filter((r) => !after[model].includes(r)), model).toEqual([]);
    }
  }, 120_000);

  it('new copies of old ids and rows without a readable key equal a full refresh', async () => {
    await start(base);
    const next = clone(base);
    const [a1, a2] = athleteIds();
    const id = addNextDay(next, a1);
    // a second copy of an old activity of athlete 2 that wins the dedup (greater name as text)
    const old = activitiesOf(next, a2)[3];
    next.activities.push({ ...old, name: `zz ${old.name}` });
    // rows whose athlete id or id cannot be read, and a split of an unreadable activity id
    const last = next.activities.find((a) => a.id === id)!;
    next.activities.push({ ...last, athlete_id: 'x1', id: `${id}1` });
    next.activities.push({ ...last, id: '' });
    next.splits.push({ athlete_id: a2, activity_id: 'abc', split_id: '1', distance_km: '1', moving_time: '300', elapsed_time: '300', average_heartrate: '', max_heartrate: '' });
    writeSilver(project, next);
    expectSuccess(await build(adapter, project, '2024-07-01'));
    await expectEqualToFullRefresh(adapter, project, '2024-07-01');
    // and once more without the rows that had no readable id
    next.activities = next.activities.filter((a) => a.id !== '' && a.athlete_id !== 'x1');
    writeSilver(project, next);
    const again = await build(adapter, project, '2024-07-01');
    expect(again.results.find((r) => r.id === 'model.stg_strava__activity_checks')?.message ?? '').toMatch(/--full-refresh/);
  }, 120_000);

  it('edited and removed rows in the middle and at the end equal a full refresh', async () => {
    await start(base);
    const next = clone(base);
    const [a1, a2, a3] = athleteIds();
    const middle = activitiesOf(next, a1)[10];
    middle.distance_km = String(Number(middle.distance_km) + 1.5);
    const gone = activitiesOf(next, a2)[12];
    next.activities = next.activities.filter((a) => a !== gone);
    next.splits = next.splits.filter((s) => !(s.athlete_id === a2 && s.activity_id === gone.id));
    const lastOf3 = activitiesOf(next, a3).at(-1)!;
    next.activities = next.activities.filter((a) => a !== lastOf3);
    // a split of athlete 3 edited, one removed
    const split = next.splits.find((s) => s.athlete_id === a3 && s.split_id === '2')!;
    split.average_heartrate = '171';
    next.splits.splice(next.splits.findIndex((s) => s.athlete_id === a3 && s.split_id === '3'), 1);
    writeSilver(project, next);
    expectSuccess(await build(adapter, project, AS_OF));
    await expectEqualToFullRefresh(adapter, project, AS_OF);
  }, 120_000);

  it('an activity that turns rejected takes its splits with it, and back', async () => {
    await start(base);
    const next = clone(base);
    const [a1] = athleteIds();
    const withSplits = activitiesOf(next, a1).filter((a) => next.splits.some((s) => s.athlete_id === a1 && s.activity_id === a.id));
    const target = withSplits[5];
    const before = { ...target };
    target.moving_time = String(Number(target.elapsed_time) + 3600); // moving_exceeds_elapsed
    writeSilver(project, next);
    expectSuccess(await build(adapter, project, AS_OF));
    await expectEqualToFullRefresh(adapter, project, AS_OF);
    const rejectedSplits = await adapter.query(
      `select count(*) as n from staging.stg_strava__split_checks where athlete_id = ${a1} and activity_id = ${target.id} and reason_code = 'activity_not_accepted'`,
    );
    expect(Number(rejectedSplits[0].n)).toBeGreaterThan(0);
    Object.assign(target, before);
    writeSilver(project, next);
    expectSuccess(await build(adapter, project, AS_OF));
    await expectEqualToFullRefresh(adapter, project, AS_OF);
  }, 120_000);

  it('an as-of date moved back rejects the later rows as future_date, and forward again accepts them', async () => {
    await start(base);
    const earlier = '2024-05-20';
    expectSuccess(await build(adapter, project, earlier));
    await expectEqualToFullRefresh(adapter, project, earlier);
    const future = await adapter.query(`select count(*) as n from staging.stg_strava__activity_checks where reason_code = 'future_date'`);
    expect(Number(future[0].n)).toBeGreaterThan(10);
    expectSuccess(await build(adapter, project, AS_OF));
    await expectEqualToFullRefresh(adapter, project, AS_OF);
  }, 120_000);

  it('no change rebuilds nothing', async () => {
    await start(base);
    const again = await build(adapter, project, AS_OF);
    expectSuccess(again);
    for (const model of CHECKS) expect(rowsOf(again, model), model).toBe(0);
  }, 120_000);

  it("an athlete's lowest id removed fails with a request for --full-refresh and keeps the tables", async () => {
    await start(base);
    const before = await dump(adapter);
    const next = clone(base);
    const [, a2] = athleteIds();
    const first = activitiesOf(next, a2)[0];
    next.activities = next.activities.filter((a) => !(a.athlete_id === a2 && a.id === first.id));
    writeSilver(project, next);
    const failed = await build(adapter, project, AS_OF);
    const checks = failed.results.find((r) => r.id === 'model.stg_strava__activity_checks')!;
    expect(checks.status).toBe('error');
    expect(checks.message).toMatch(new RegExp(`stg_strava__activity_checks: the stored rows of athlete ${a2} .*--full-refresh`));
    const kept = await dump(adapter);
    expect(kept.stg_strava__activity_checks).toEqual(before.stg_strava__activity_checks);
    // the full refresh it asks for repairs it
    expectSuccess(await build(adapter, project, AS_OF, true));
    await expectEqualToFullRefresh(adapter, project, AS_OF);
  }, 120_000);
});

