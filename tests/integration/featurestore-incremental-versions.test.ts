import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { findFeatureTable } from '../../orchestrator/featurestore/feature-tables.ts';
import { listVersions, versionSelect } from '../../orchestrator/featurestore/versions.ts';
import { runCommand, type RunResult } from '../../orchestrator/stride.ts';
import { silentReporter } from '../helpers/fixture.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';

/**
 * After an incremental write the version hook compares only the rows the write
 * replaced. On the sample data, each version must still record exactly the rows that
 * differ from the previous one (counted here with EXCEPT ALL over snapshots of the
 * whole table) and read back exactly as the table was after its build.
 */
const AS_OF = '2026-11-22';
const NEXT_DAY = '2026-11-23';
const TABLES = ['activity_features', 'athlete_daily_features', 'athlete_weekly_features', 'athlete_rolling_features'];

let adapter: DuckDBAdapter;
let dir: string;
const builds: RunResult[] = [];

const build = async (asOf: string, fullRefresh = false): Promise<RunResult> => {
  const result = await runCommand('build', { projectDir: dir, adapter, reporter: silentReporter(), fullRefresh, vars: { as_of_date: asOf } });
  expect(result.results.filter((r) => !['success', 'pass', 'warn'].includes(r.status)).map((r) => `${r.id}: ${r.message}`)).toEqual([]);
  builds.push(result);
  // A snapshot of each table after build n, to compare with the versions.
  for (const table of TABLES) await adapter.execute(`create table snap.${table}__${builds.length} as select * from feature_store.${table}`);
  return result;
};

const count = async (sql: string) => Number((await adapter.query(`select count(*) as n from (${sql}) as x`))[0].n);

beforeAll(async () => {
  dir = copyStrideProject();
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
  await adapter.execute('create schema snap');
  await build(AS_OF, true);
  // The next day: the calendars grow by one day, no activity changes.
  await build(NEXT_DAY);
  // A back-dated change: a run in the middle of one athlete's history is 2 km longer.
  const file = join(dir, 'seeds', 'strava_activities.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  const runs = rows.filter((r) => r.sport_type === 'Run' && r.distance_km !== '');
  const run = runs[Math.floor(runs.length / 2)];
  run.distance_km = String(Number(run.distance_km) + 2);
  run.moving_time = String(Math.round(Number(run.moving_time) * (Number(run.distance_km) / (Number(run.distance_km) - 2))));
  run.elapsed_time = String(Number(run.moving_time) + 30);
  writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]) }));
  await build(NEXT_DAY);
  // Nothing changed: no version.
  await build(NEXT_DAY);
}, 240_000);
afterAll(async () => adapter?.close());

describe('feature-table versions after incremental builds', () => {
  it('the incremental builds wrote only part of the daily, weekly and rolling tables', () => {
    for (const model of ['athlete_daily_features', 'athlete_weekly_features', 'athlete_rolling_features']) {
      for (const b of builds.slice(1)) expect(b.results.find((r) => r.id === `model.${model}`)?.action, model).toBe('incremental (delete+insert)');
    }
  });

  for (const table of TABLES) {
    it(`${table}: each version records exactly the changed rows and reads back as the table was`, async () => {
      const versions = await listVersions(adapter, table);
      // Builds 1 and 2 change every table (new day); build 3 changes what the run touches; build 4 nothing.
      expect(builds[3].versions.filter((v) => v.table === table)).toEqual([]);
      const compiled = builds.at(-1)!.compiled;
      const feature = findFeatureTable(compiled, table);
      let previous: string | undefined;
      let versionIndex = 0;
      for (let n = 1; n <= builds.length; n++) {
        const snapshot = `select * from snap.${table}__${n}`;
        const recorded = builds[n - 1].versions.find((v) => v.table === table);
        const inserted = previous ? await count(`${snapshot} except all ${previous}`) : await count(snapshot);
        const closed = previous ? await count(`${previous} except all ${snapshot}`) : 0;
        if (inserted === 0 && closed === 0) {
          expect(recorded, `build ${n}`).toBeUndefined();
        } else {
          expect(recorded, `build ${n}`).toBeDefined();
          expect([recorded!.rowsInserted, recorded!.rowsClosed], `build ${n}`).toEqual([inserted, closed]);
          expect(recorded!.version).toBe(versions[versionIndex++].version);
          const read = `select * from (${await versionSelect(adapter, feature, recorded!.version)}) as v`;
          expect(await count(`${read} except all ${snapshot}`), `version ${recorded!.version}`).toBe(0);
          expect(await count(`${snapshot} except all ${read}`), `version ${recorded!.version}`).toBe(0);
        }
        previous = snapshot;
      }
      expect(versionIndex).toBe(versions.length);
      // The back-dated change reached this table, and touched only part of it.
      const third = builds[2].versions.find((v) => v.table === table)!;
      expect(third.rowsInserted).toBeGreaterThan(0);
      expect(third.rowsInserted).toBeLessThan(third.rowCount / 4);
    });
  }
});
