import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeedLoad } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';

// A DuckDB seed load skips an unchanged file and appends only the new lines of a file
// that grew at its end; whatever path it takes, the table equals a fresh load.

const HEADER = 'athlete_id,id,name,distance_km\n';
const LINES = ['1,10,Morning Run,5.2', '1,11,"Easy run, legs heavy",8', '2,20,Ride,', '2,21,"Track ""400s""",6.4'];

let dir: string;
let adapter: DuckDBAdapter;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stride-seed-files-'));
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
});
afterEach(async () => adapter.close());

const seed = (file: string, options: Partial<SeedLoad> & { reload?: boolean } = {}): SeedLoad & { reload?: boolean } => ({
  relation: { schema: 'silver', name: 'acts' },
  file,
  columnTypes: {},
  allVarchar: true,
  ...options,
});

const loadedAt = async () => String((await adapter.query(`select cast(loaded_at as varchar) as t from stride_meta.seed_files`))[0].t);
const rows = () => adapter.query('select * from silver.acts order by athlete_id, id');

/** The rows a load of the whole file into an empty database gives. */
async function freshLoad(load: SeedLoad) {
  const other = await DuckDBAdapter.open({ path: ':memory:' });
  try {
    await other.loadSeed(load);
    return await other.query('select * from silver.acts order by athlete_id, id');
  } finally {
    await other.close();
  }
}

const count = async () => Number((await adapter.query('select count(*) as n from silver.acts'))[0].n);

describe('DuckDB seed files', () => {
  it('does not read an unchanged file again, unless asked to reload', async () => {
    const file = join(dir, 'acts.csv');
    writeFileSync(file, HEADER + LINES.join('\n') + '\n');
    expect(await adapter.loadSeed(seed(file))).toBe(4);
    // A mark in the table shows whether the next load replaced it.
    await adapter.execute("update silver.acts set name = 'mark' where id = '10'");
    expect(await adapter.loadSeed(seed(file))).toBe(4);
    expect((await rows())[0].name).toBe('mark');
    expect(await adapter.loadSeed(seed(file, { reload: true }))).toBe(4);
    expect(await rows()).toEqual(await freshLoad(seed(file)));
    // Other read options: the file is read again.
    await adapter.execute("update silver.acts set name = 'mark' where id = '10'");
    await adapter.loadSeed(seed(file, { allVarchar: false, columnTypes: { athlete_id: 'bigint' } }));
    expect((await rows())[0].name).toBe('Morning Run');
    expect(typeof (await rows())[0].athlete_id).toBe('number');
  });

  it('appends only the lines added at the end, quoted commas, quotes and line breaks included', async () => {
    const file = join(dir, 'acts.csv');
    writeFileSync(file, HEADER + LINES.join('\n') + '\n');
    await adapter.loadSeed(seed(file));
    await adapter.execute("update silver.acts set name = 'mark' where id = '10'");
    appendFileSync(file, '3,30,"Long run,\nwith a line break",21.1\n3,31,Swim,\n');
    expect(await adapter.loadSeed(seed(file))).toBe(6);
    // The old rows stayed (the mark), the new ones were read as a full load reads them.
    const got = await rows();
    expect(got[0].name).toBe('mark');
    const fresh = await freshLoad(seed(file));
    expect(got.slice(1)).toEqual(fresh.slice(1));
    expect(got.find((r) => r.id === '30')!.name).toBe('Long run,\nwith a line break');
    // And the record follows the file: the next unchanged load is skipped.
    const before = await loadedAt();
    expect(await adapter.loadSeed(seed(file))).toBe(6);
    expect(await loadedAt()).toBe(before);
  });

  it('reads the whole file again when a line before the end changed, or the table was altered', async () => {
    const file = join(dir, 'acts.csv');
    writeFileSync(file, HEADER + LINES.join('\n') + '\n');
    await adapter.loadSeed(seed(file));
    writeFileSync(file, HEADER + [LINES[0].replace('5.2', '5.3'), ...LINES.slice(1), '4,40,Walk,3'].join('\n') + '\n');
    expect(await adapter.loadSeed(seed(file))).toBe(5);
    expect(await rows()).toEqual(await freshLoad(seed(file)));
    // A row removed from the table by hand: the count no longer matches the record, so the file is read again.
    await adapter.execute("delete from silver.acts where id = '40'");
    expect(await adapter.loadSeed(seed(file))).toBe(5);
    expect(await count()).toBe(5);
  });

  it('without a quote character in the first load, appends lines without quotes and reads the file again for one with', async () => {
    const file = join(dir, 'acts.csv');
    writeFileSync(file, `${HEADER}1,10,Morning Run,5.2\n`);
    await adapter.loadSeed(seed(file));
    await adapter.execute("update silver.acts set name = 'mark' where id = '10'");
    appendFileSync(file, '1,11,Evening Run,3\n');
    expect(await adapter.loadSeed(seed(file))).toBe(2);
    expect((await rows()).map((r) => r.name)).toEqual(['mark', 'Evening Run']);
    appendFileSync(file, '1,12,"Quoted, with a comma",4\n');
    expect(await adapter.loadSeed(seed(file))).toBe(3);
    expect(await rows()).toEqual(await freshLoad(seed(file)));
    expect((await rows())[2].name).toBe('Quoted, with a comma');
  });

  it('a file without a line feed at its end is read again in full when it grows', async () => {
    const file = join(dir, 'acts.csv');
    writeFileSync(file, HEADER + LINES.join('\n'));
    await adapter.loadSeed(seed(file));
    appendFileSync(file, '9\n5,50,Run,10\n');
    expect(await adapter.loadSeed(seed(file))).toBe(5);
    expect(await rows()).toEqual(await freshLoad(seed(file)));
    expect(readFileSync(file, 'utf8')).toContain('6.49\n');
  });
});
