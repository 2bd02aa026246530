import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../helpers/fixture.ts';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';
import { REPO } from '../helpers/project-copy.ts';

/** `stride publish` and `stride features get --online` end to end, on SQLite and on PostgreSQL. */
type Kind = 'sqlite' | 'postgres';

const run = (dir: string, env: Record<string, string | undefined>, ...args: string[]) => {
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const out = spawnSync(join(REPO, 'node_modules', '.bin', 'tsx'), [join(REPO, 'orchestrator', 'cli', 'main.ts'), ...args, '--project-dir', dir], { encoding: 'utf8', env: childEnv });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
};

describe.each<Kind>(['sqlite', 'postgres'])('stride publish on %s', (kind) => {
  let server: PostgresServer | undefined;
  let dir: string;
  let env: Record<string, string | undefined>;
  const stride = (...args: string[]) => run(dir, env, ...args);

  beforeAll(async () => {
    if (kind === 'postgres') server = await startPostgres();
    env = kind === 'postgres' ? { STRIDE_ONLINE_STORE_URL: server!.url, STRIDE_ONLINE_STORE_SCHEMA: `stride_cli_${randomBytes(4).toString('hex')}` } : { STRIDE_ONLINE_STORE_URL: undefined };
    dir = copyFixture('featurestore');
    const built = stride('build');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes, publishes again without a change, and reads the same vector as the warehouse', () => {
    const first = stride('publish');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(kind === 'sqlite' ? `to sqlite ${join(dir, 'target', 'online_store.sqlite')}` : `to postgres postgres://postgres:***@127.0.0.1:`);
    expect(first.stdout).toMatch(/fs_rolling\s+v1\s+3\s+3\s+0\s+0\s+0/);
    expect(first.stdout).toContain('11 rows changed');
    if (server) expect(first.stdout).not.toContain(server.password);

    const second = stride('publish');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/fs_activity\s+v1\s+5\s+0\s+0\s+5\s+0/);
    expect(second.stdout).toContain('\n0 rows changed');

    const online = stride('features', 'get', '--athlete', '1', '--online', '--format', 'jsonl');
    const warehouse = stride('features', 'get', '--athlete', '1', '--format', 'jsonl');
    expect(online.code).toBe(0);
    expect(online.stdout.trim().split('\n').length).toBe(3);
    expect(online.stdout).toBe(warehouse.stdout);
    const text = stride('features', 'get', '--athlete', '2', '--online', '--table', 'fs_rolling');
    expect(text.stdout).toMatch(/^online store: (sqlite|postgres) .*, published \d{4}-\d{2}-\d{2}T/);
    expect(text.stdout).toMatch(/\nfs_rolling\n {2}athlete_id\s+2\n {2}as_of_date\s+2024-05-02\n {2}feature_available_at\s+2024-05-03 00:00:00\n {2}ctl\s+120\n {2}zone\s+Europe\/Berlin\n$/);
  });

  it('refuses an id that is not a whole number', () => {
    const bad = stride('features', 'get', '--athlete', "1' or '1'='1", '--online');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('athlete id must be a whole number');
  });
});

describe('stride publish configuration errors', () => {
  it('asks for the URL when PostgreSQL is chosen without one, for a publish before a lookup, and refuses --as-of and --all-athletes', () => {
    const dir = copyFixture('featurestore');
    try {
      const noUrl = run(dir, { STRIDE_ONLINE_STORE_URL: undefined }, 'features', 'get', '--athlete', '1', '--online', '--online-store', 'postgres');
      expect(noUrl.code).toBe(1);
      expect(noUrl.stderr).toContain('set STRIDE_ONLINE_STORE_URL=postgres://');
      const none = run(dir, { STRIDE_ONLINE_STORE_URL: undefined }, 'features', 'get', '--athlete', '1', '--online');
      expect(none.code).toBe(1);
      expect(none.stderr).toContain(`no online store at ${join(dir, 'target', 'online_store.sqlite')}: run 'stride publish' first`);
      expect(run(dir, {}, 'features', 'get', '--athlete', '1', '--online', '--as-of', '2024-05-01').stderr).toContain('--online reads the latest published rows');
      expect(run(dir, {}, 'features', 'get', '--all-athletes', '--online').stderr).toContain('--online reads one athlete');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
