import { describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { ImportBatch } from '../../orchestrator/import/batch.ts';
import { runImport } from '../../orchestrator/import/run-import.ts';
import type { ActivityRow, ImportedActivity } from '../../orchestrator/import/types.ts';
import { REFERENCE_SPLITS } from './import-fixtures.ts';

function activity(id: bigint, patch: Partial<ActivityRow> = {}): ActivityRow {
  return {
    athlete_id: 42n,
    id,
    name: 'Morning Run, "easy"',
    sport_type: 'Run',
    workout_type: null,
    start_date: new Date('2024-07-01T06:30:00Z'),
    start_date_local: new Date('2024-07-01T08:30:00Z'),
    timezone: '(GMT+01:00) Europe/Berlin',
    distance_km: 2.5,
    moving_time: 625,
    elapsed_time: 685,
    total_elevation_gain: null,
    pace_min_km: 4.1667,
    average_heartrate: 152,
    max_heartrate: 170,
    has_heartrate: true,
    ...patch,
  };
}

const item = (a: ActivityRow, splits = REFERENCE_SPLITS, line = 2): ImportedActivity => ({ activity: a, splits, origin: { file: 'in.csv', line } });
const batchOf = (...items: ImportedActivity[]) => async () => {
  const b = new ImportBatch();
  b.read = items.length;
  items.forEach((i) => b.add(i));
  return b;
};

describe('storing imports in the silver_import schema', () => {
  it('upserts by (athlete_id, id), is idempotent, and replaces splits only of activities that bring them', async () => {
    const adapter = await DuckDBAdapter.open({ path: ':memory:' });
    const opts = { projectDir: '.', adapter };
    const first = await runImport(batchOf(item(activity(1n)), item(activity(2n), [])), opts);
    expect(first.activities).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(first.splits).toEqual({ inserted: 3, updated: 0, unchanged: 0 });

    const again = await runImport(batchOf(item(activity(1n)), item(activity(2n), [])), opts);
    expect(again.activities).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(again.splits).toEqual({ inserted: 0, updated: 0, unchanged: 3 });

    // Activity 1 again without splits (an API summary): its splits stay. Activity 2 changes.
    const changed = await runImport(batchOf(item(activity(1n), []), item(activity(2n, { name: 'Renamed' }), []), item(activity(3n), REFERENCE_SPLITS.slice(0, 1))), opts);
    expect(changed.activities).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    const rows = await adapter.query('select id, name, cast(start_date as varchar) as s, cast(start_date_local as varchar) as l from silver_import.strava_activities order by id');
    expect(rows).toEqual([
      { id: 1, name: 'Morning Run, "easy"', s: '2024-07-01 06:30:00', l: '2024-07-01 08:30:00' },
      { id: 2, name: 'Renamed', s: '2024-07-01 06:30:00', l: '2024-07-01 08:30:00' },
      { id: 3, name: 'Morning Run, "easy"', s: '2024-07-01 06:30:00', l: '2024-07-01 08:30:00' },
    ]);
    const splits = await adapter.query('select activity_id, count(*) as n, sum(moving_time) as m from silver_import.strava_sub_activity group by 1 order by 1');
    expect(splits).toEqual([
      { activity_id: 1, n: 3, m: 625 },
      { activity_id: 3, n: 1, m: 250 },
    ]);
    await adapter.close();
  });

  it('keeps the last of two rows with the same key and rejects the other with its line', async () => {
    const adapter = await DuckDBAdapter.open({ path: ':memory:' });
    const report = await runImport(batchOf(item(activity(5n, { name: 'first' }), [], 2), item(activity(5n, { name: 'second' }), [], 3)), { projectDir: '.', adapter });
    expect(report.activities.inserted).toBe(1);
    expect(report.rejected).toEqual([{ file: 'in.csv', line: 2, reason: 'duplicate_in_input', detail: 'activity 5 of athlete 42 appears again at in.csv:3' }]);
    expect(await adapter.query('select name from silver_import.strava_activities')).toEqual([{ name: 'second' }]);
    await adapter.close();
  });

  it('writes in one transaction: a failure while storing splits leaves the activities untouched', async () => {
    const adapter = await DuckDBAdapter.open({ path: ':memory:' });
    await adapter.execute('create schema silver_import');
    await adapter.execute('create table silver_import.strava_sub_activity (athlete_id bigint, activity_id bigint, split_id integer)');
    await expect(runImport(batchOf(item(activity(1n))), { projectDir: '.', adapter })).rejects.toThrow();
    expect(await adapter.query("select count(*) as n from information_schema.tables where table_name = 'strava_activities'")).toEqual([{ n: 0 }]);
    await adapter.close();
  });
});
