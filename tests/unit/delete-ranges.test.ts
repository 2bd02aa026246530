/**
 * The delete half of delete+insert, in both forms (EXISTS for Databricks, USING for
 * DuckDB), run on DuckDB over rows with and without partition and range values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { deleteStagedRangesSql, deleteStagedRangesUsingSql } from '../../orchestrator/adapters/delete-ranges.ts';

const quote = (id: string) => `"${id}"`;
const range = { partitionBy: ['athlete_id'], rangeColumn: 'activity_id' };

// target rows (athlete_id, activity_id): athlete 1 ids 1..4, athlete 2 ids 1..2 and one
// without an id, rows without an athlete id (ids 7 and none), athlete 3 ids 1..2
const TARGET = `(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, null), (null, 7), (null, null), (3, 1), (3, 2)`;
// staged: athlete 1 from id 3 on; athlete 2 with a row without an id (the whole
// partition); the rows without an athlete id from id 9 on; athlete 3 not staged
const STAGED = `(1, 3), (1, 5), (2, null), (null, 9)`;
const KEPT = [
  [1, 1],
  [1, 2],
  [3, 1],
  [3, 2],
  [null, 7],
  [null, null],
];

describe('delete ranges of delete+insert', () => {
  let adapter: DuckDBAdapter;
  beforeAll(async () => {
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
    await adapter.execute(`create table staged as select * from (values ${STAGED}) as t(athlete_id, activity_id)`);
  });
  afterAll(async () => adapter?.close());

  for (const [name, sql] of [
    ['exists', deleteStagedRangesSql],
    ['using', deleteStagedRangesUsingSql],
  ] as const) {
    it(`${name}: deletes each staged partition from its least range value on, or whole when a staged row has none`, async () => {
      await adapter.execute(`create or replace table target as select * from (values ${TARGET}) as t(athlete_id, activity_id)`);
      await adapter.execute(sql(range, 'target', 'staged', quote));
      const rows = await adapter.query('select athlete_id, activity_id from target order by athlete_id nulls last, activity_id nulls last');
      expect(rows.map((r) => [r.athlete_id, r.activity_id])).toEqual(KEPT);
    });
  }
});
