import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import { checkSettings } from '../../orchestrator/adapters/databricks/connection.ts';
import { openAdapter } from '../../orchestrator/adapters/index.ts';
import type { TargetConfig } from '../../orchestrator/project/types.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { copyFixture, editFile, silentReporter } from '../helpers/fixture.ts';

/**
 * Smoke test on a real SQL warehouse, run by `npm run test:databricks` when the
 * environment names one (DATABRICKS_HOST, DATABRICKS_HTTP_PATH or
 * DATABRICKS_WAREHOUSE_ID, and a token or OAuth M2M client). Everything is written
 * to throw-away schemas `stride_smoke_<random>_*` in STRIDE_SMOKE_CATALOG (default
 * uc_athlete_data), dropped at the end.
 */
const catalog = process.env.STRIDE_SMOKE_CATALOG || 'uc_athlete_data';
const target: TargetConfig = { name: 'databricks', type: 'databricks', threads: 2, schemas: {}, catalog };
const { settings, missing, problems } = checkSettings(target);
const reason = settings ? '' : ` (skipped: ${[...missing.map((m) => `${m} not set`), ...problems].join('; ')})`;
const run = `stride_smoke_${randomBytes(4).toString('hex')}`;
if (!settings) process.stdout.write(`Databricks smoke test skipped: no warehouse in the environment${reason.replace(' (skipped:', ' --').replace(/\)$/, '')}\n`);

describe.skipIf(!settings)(`Databricks SQL warehouse smoke test${reason}`, () => {
  let db: Adapter;
  const schema = `${run}_adapter`;
  const rel = (name: string) => ({ catalog, schema, name });

  beforeAll(async () => {
    db = await openAdapter(target, process.cwd());
  });

  afterAll(async () => {
    if (!db) return;
    for (const s of [schema, `${run}_raw`, `${run}_staging`, `${run}_marts`]) {
      await db.execute(`drop schema if exists ${db.dialect.quote(catalog)}.${db.dialect.quote(s)} cascade`).catch(() => undefined);
    }
    await db.close();
  });

  it('answers a query with named parameters', async () => {
    expect(await db.query(`select ${db.dialect.parameter('n')} + 1 as m`, { n: 41 })).toEqual([{ m: 42 }]);
  });

  it('loads a seed with explicit types and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stride-live-'));
    const file = join(dir, 'athlete_settings.csv');
    writeFileSync(file, 'athlete_id,hr_max,hr_rest,since\n1,190,50,2024-01-01\n2,,60,2024-02-01\n');
    const loaded = await db.loadSeed({ relation: rel('athlete_settings'), file, columnTypes: { hr_max: 'integer' }, allVarchar: false });
    expect(loaded).toBe(2);
    expect(await db.relationKind(rel('athlete_settings'))).toBe('table');
    expect((await db.columns(rel('athlete_settings'))).map((c) => [c.name, c.type.toLowerCase()])).toEqual([
      ['athlete_id', 'bigint'],
      ['hr_max', 'int'],
      ['hr_rest', 'bigint'],
      ['since', 'date'],
    ]);
    expect(await db.rowCount(rel('athlete_settings'))).toBe(2);
    // A second load replaces the table it owns.
    expect(await db.loadSeed({ relation: rel('athlete_settings'), file, columnTypes: {}, allVarchar: true })).toBe(2);
  });

  it('builds a clustered, commented table with a time-series primary key, and a view', async () => {
    const sql = `select cast(1 as bigint) as athlete_id, date'2024-01-01' as activity_date, 3.5 as load`;
    const statements = db.dialect.table(rel('daily'), sql, undefined, {
      clusterBy: ['athlete_id'],
      comment: "One row per athlete per day; it's a test.",
      columnComments: { athlete_id: 'Strava athlete id.', load: 'Training load.' },
      primaryKey: ['athlete_id', 'activity_date'],
      timeseriesKey: 'activity_date',
    });
    for (const s of statements) await db.execute(s);
    expect(await db.queryColumns(`select * from ${db.dialect.relation(rel('daily'))}`)).toEqual(['athlete_id', 'activity_date', 'load']);
    for (const s of db.dialect.view(rel('daily_view'), `select * from ${db.dialect.relation(rel('daily'))}`)) await db.execute(s);
    expect(await db.relationKind(rel('daily_view'))).toBe('view');
    // Rebuilding replaces the table and its key without error.
    for (const s of statements) await db.execute(s);
  });

  it('fails a SQL error at once, without the token in the message', async () => {
    const err = (await db.query(`select * from ${db.dialect.relation(rel('no_such_table'))}`).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/TABLE_OR_VIEW_NOT_FOUND/);
    if (settings!.auth.kind === 'token') expect(err.message).not.toContain(settings!.auth.token);
  });

  it('builds the mini fixture project end to end (seed, view, table, incremental, tests)', async () => {
    const project = copyFixture('mini');
    editFile(project, 'project.yml', (t) =>
      t.replace(
        /  databricks:\n[\s\S]*$/,
        [
          '  databricks:',
          '    type: databricks',
          "    host: \"{{ env_var('DATABRICKS_HOST', '') }}\"",
          `    catalog: ${catalog}`,
          `    schemas: {raw: ${run}_raw, staging: ${run}_staging, marts: ${run}_marts}`,
          '    threads: 2',
          '',
        ].join('\n'),
      ),
    );
    for (const pass of ['first build', 'incremental build']) {
      const result = await runCommand('build', { projectDir: project, target: 'databricks', reporter: silentReporter() });
      expect(result.results.filter((r) => r.status === 'error' || r.status === 'fail').map((r) => `${pass}: ${r.id}: ${r.message}`)).toEqual([]);
      expect(result.success).toBe(true);
    }
    const [{ n }] = await db.query(`select count(*) as n from ${db.dialect.quote(catalog)}.${db.dialect.quote(`${run}_marts`)}.\`athlete_totals\``);
    expect(Number(n)).toBeGreaterThan(0);
  });
});
