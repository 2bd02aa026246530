import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';

/**
 * `execute`/`query` take named parameters on both engines; the marker comes from
 * `dialect.parameter` (DuckDB `$name`, Databricks `:name`). DuckDB runs here for real.
 */
describe('named parameters on DuckDB', async () => {
  const db = await DuckDBAdapter.open({ path: ':memory:' });
  afterAll(() => db.close());
  const p = db.dialect.parameter;

  it('binds values by name, as values and not as SQL', async () => {
    await db.execute('create table athletes (athlete_id bigint, name varchar)');
    const { rowsChanged } = await db.execute(`insert into athletes values (${p('id')}, ${p('name')})`, { id: 7, name: "O'Brien'); drop table athletes; --" });
    expect(rowsChanged).toBe(1);
    expect(await db.query(`select athlete_id, name from athletes where athlete_id = ${p('id')}`, { id: 7 })).toEqual([
      { athlete_id: 7, name: "O'Brien'); drop table athletes; --" },
    ]);
  });

  it('still runs statements without parameters, as before', async () => {
    expect(await db.query('select count(*) as n from athletes')).toEqual([{ n: 1 }]);
  });

  it('fails on a marker with no value', async () => {
    await expect(db.query(`select ${p('missing')} as x`, { other: 1 })).rejects.toThrow();
  });
});
