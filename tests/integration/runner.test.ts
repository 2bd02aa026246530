import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { runCommand, type CommandOptions } from '../../orchestrator/stride.ts';
import { copyFixture, editFile, silentReporter } from '../helpers/fixture.ts';

let adapter: DuckDBAdapter;
let dir: string;
let reporter: ReturnType<typeof silentReporter>;

const opts = (extra: Partial<CommandOptions> = {}): CommandOptions => ({ projectDir: dir, adapter, reporter, ...extra });
const rows = (sql: string) => adapter.query(sql);

beforeEach(async () => {
  dir = copyFixture('mini');
  adapter = await DuckDBAdapter.open({ path: ':memory:' });
  reporter = silentReporter();
});
afterEach(async () => adapter.close());

describe('build on in-memory DuckDB', () => {
  it('loads seeds, builds views and tables in order and runs every test', async () => {
    const result = await runCommand('build', opts());
    expect(result.success).toBe(true);
    expect(result.results.map((r) => r.status).sort()).toEqual([...Array(9).fill('pass'), 'success', 'success', 'success']);
    expect(await rows('select athlete_id, total_km, n_runs, n_long_runs from marts.athlete_totals order by athlete_id')).toEqual([
      { athlete_id: 1, total_km: 15, n_runs: 2, n_long_runs: 1 },
      { athlete_id: 2, total_km: 21.1, n_runs: 1, n_long_runs: 1 },
    ]);
    const types = await adapter.columns({ schema: 'raw', name: 'runs' });
    expect(types.find((c) => c.name === 'distance_km')?.type).toBe('DOUBLE');
  });

  it('writes the manifest and run results', async () => {
    await runCommand('build', opts());
    const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.athlete_totals'].depends_on).toEqual(['model.long_runs', 'model.stg_runs']);
    expect(manifest.nodes['model.athlete_totals'].checksum.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.child_map['model.stg_runs']).toContain('model.long_runs');
    const runResults = JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8'));
    expect(runResults.results).toHaveLength(12);
    expect(runResults.metadata.as_of_date).toBe('2024-03-10');
    expect(existsSync(join(dir, 'target/compiled/local/models/marts/athlete_totals.sql'))).toBe(true);
  });

  it('is idempotent: a second build leaves the same rows', async () => {
    await runCommand('build', opts());
    const first = await rows('select * from marts.athlete_totals order by athlete_id');
    const again = await runCommand('build', opts());
    expect(again.success).toBe(true);
    expect(await rows('select * from marts.athlete_totals order by athlete_id')).toEqual(first);
  });

  it('leaves the previous table untouched when a model fails', async () => {
    await runCommand('build', opts({ fullRefresh: true }));
    const before = await rows('select * from marts.athlete_totals order by athlete_id');
    editFile(dir, 'models/marts/athlete_totals.sql', (t) => t.replace('sum(runs.distance_km)', 'sum(runs.no_such_column)'));
    const failed = await runCommand('run', opts({ fullRefresh: true }));
    expect(failed.success).toBe(false);
    const error = failed.results.find((r) => r.id === 'model.athlete_totals')!;
    expect(error.status).toBe('error');
    expect(error.message).toContain('no_such_column');
    expect(await rows('select * from marts.athlete_totals order by athlete_id')).toEqual(before);
    expect(await rows("select table_name from information_schema.tables where table_name like '%stride_tmp%'")).toEqual([]);
  });

  it('merges an incremental model on its unique key', async () => {
    await runCommand('build', opts());
    await adapter.execute("insert into raw.runs values (1, 12, '2024-03-09', 12.0)");
    const result = await runCommand('run', opts({ select: ['athlete_totals'] }));
    const built = result.results.find((r) => r.id === 'model.athlete_totals')!;
    expect(built.action).toBe('incremental (merge)');
    expect(built.rowsAffected).toBe(1);
    expect(await rows('select athlete_id, total_km, n_runs from marts.athlete_totals order by athlete_id')).toEqual([
      { athlete_id: 1, total_km: 27, n_runs: 3 },
      { athlete_id: 2, total_km: 21.1, n_runs: 1 },
    ]);
  });

  it('stops the models below a failing test and skips them', async () => {
    editFile(dir, 'models/staging/stg_runs.yml', (t) => t.replace('data_tests: [not_null, unique]', "data_tests: [not_null, unique, {accepted_range: {max_value: 15}}]").replace('name: run_id', 'name: distance_km'));
    const result = await runCommand('build', opts());
    expect(result.success).toBe(false);
    const byId = Object.fromEntries(result.results.map((r) => [r.id, r]));
    expect(byId['test.accepted_range__stg_runs__distance_km'].status).toBe('fail');
    expect(byId['test.accepted_range__stg_runs__distance_km'].failures).toBe(1);
    expect(byId['test.accepted_range__stg_runs__distance_km'].failingRows).toEqual([
      expect.objectContaining({ athlete_id: 2, run_id: 20, distance_km: 21.1 }),
    ]);
    expect(byId['model.athlete_totals'].status).toBe('skipped');
  });

  it('a warn-severity failure does not stop anything', async () => {
    editFile(dir, 'models/staging/stg_runs.yml', (t) =>
      t.replace('data_tests: [not_null, unique]', "data_tests: [{accepted_range: {max_value: 15, config: {severity: warn}}}]").replace('name: run_id', 'name: distance_km'),
    );
    const result = await runCommand('build', opts());
    expect(result.success).toBe(true);
    expect(result.results.find((r) => r.id === 'test.accepted_range__stg_runs__distance_km')!.status).toBe('warn');
    expect(result.results.find((r) => r.id === 'model.athlete_totals')!.status).toBe('success');
  });

  it('runs selected nodes only, and with several threads gives the same tables', async () => {
    const seeded = await runCommand('seed', opts());
    expect(seeded.results.map((r) => r.id)).toEqual(['seed.runs']);
    const threaded = await runCommand('build', opts({ threads: 3, fullRefresh: true }));
    expect(threaded.success).toBe(true);
    expect(await rows('select count(*) as n from marts.athlete_totals')).toEqual([{ n: 2 }]);
  });
});
