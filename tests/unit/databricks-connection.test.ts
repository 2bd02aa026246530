import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAdapter } from '../../orchestrator/adapters/index.ts';
import { checkSettings, describeSettings } from '../../orchestrator/adapters/databricks/connection.ts';
import type { TargetConfig } from '../../orchestrator/project/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const target = (fields: Partial<TargetConfig> = {}): TargetConfig => ({ name: 'databricks', type: 'databricks', threads: 4, schemas: {}, catalog: 'uc_athlete_data', ...fields });
const TOKEN = 'dapi0123456789abcdef0123456789abcdef';

describe('Databricks connection settings', () => {
  it('names every missing variable and nothing else', () => {
    expect(checkSettings(target(), {})).toEqual({
      missing: ['DATABRICKS_HOST', 'DATABRICKS_HTTP_PATH or DATABRICKS_WAREHOUSE_ID', 'DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET'],
      problems: [],
    });
    expect(checkSettings(target(), { DATABRICKS_HOST: 'h.cloud.databricks.com', DATABRICKS_WAREHOUSE_ID: 'abc', DATABRICKS_CLIENT_ID: 'sp' }).missing).toEqual([
      'DATABRICKS_CLIENT_SECRET',
    ]);
  });

  it('derives the HTTP path from a warehouse id and strips the scheme from the host', () => {
    const { settings } = checkSettings(target({ host: 'https://adb-1.2.azuredatabricks.net/' }), { DATABRICKS_WAREHOUSE_ID: '1a2b3c', DATABRICKS_TOKEN: TOKEN });
    expect(settings).toEqual({
      host: 'adb-1.2.azuredatabricks.net',
      httpPath: '/sql/1.0/warehouses/1a2b3c',
      auth: { kind: 'token', token: TOKEN },
      catalog: 'uc_athlete_data',
    });
  });

  it('prefers an explicit HTTP path, and takes OAuth M2M when there is no token', () => {
    const { settings } = checkSettings(target(), {
      DATABRICKS_HOST: 'dbc-1.cloud.databricks.com:8443',
      DATABRICKS_HTTP_PATH: '/sql/1.0/warehouses/fff',
      DATABRICKS_WAREHOUSE_ID: 'ignored',
      DATABRICKS_CLIENT_ID: 'sp-app',
      DATABRICKS_CLIENT_SECRET: 'shh-secret',
    });
    expect(settings).toEqual({
      host: 'dbc-1.cloud.databricks.com',
      port: 8443,
      httpPath: '/sql/1.0/warehouses/fff',
      auth: { kind: 'oauth-m2m', clientId: 'sp-app', clientSecret: 'shh-secret' },
      catalog: 'uc_athlete_data',
    });
    expect(describeSettings(settings!).join('\n')).not.toContain('shh-secret');
  });

  it('rejects a warehouse id that would change the path', () => {
    const check = checkSettings(target(), { DATABRICKS_HOST: 'h', DATABRICKS_WAREHOUSE_ID: '../../x', DATABRICKS_TOKEN: TOKEN });
    expect(check.settings).toBeUndefined();
    expect(check.problems).toEqual(["DATABRICKS_WAREHOUSE_ID must be letters and digits, not '../../x'"]);
  });

  it('openAdapter fails without credentials before any connection, naming what to set', async () => {
    await expect(openAdapter(target({ host: 'h.cloud.databricks.com' }), ROOT)).rejects.toThrow(
      "cannot connect to Databricks for target 'databricks': set DATABRICKS_HTTP_PATH or DATABRICKS_WAREHOUSE_ID; set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (see 'stride debug --target databricks')",
    );
  });
});

describe('stride debug --target databricks', () => {
  function debug(env: Record<string, string>) {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATABRICKS_')));
    return spawnSync(process.execPath, [join(ROOT, 'bin', 'stride.mjs'), 'debug', '--target', 'databricks', '--project-dir', ROOT], {
      env: { ...clean, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('with no credentials: lists what is missing, does not connect, exits 1', () => {
    const run = debug({});
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'missing environment variables: DATABRICKS_HOST; DATABRICKS_HTTP_PATH or DATABRICKS_WAREHOUSE_ID; DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET',
    );
    expect(run.stdout).toContain('connection: not attempted');
  });

  it('never prints a secret that is set', () => {
    const run = debug({ DATABRICKS_TOKEN: TOKEN, DATABRICKS_CLIENT_SECRET: 'client-secret-value-123' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('token: <set>');
    expect(run.stdout).toContain('missing environment variables: DATABRICKS_HOST; DATABRICKS_HTTP_PATH or DATABRICKS_WAREHOUSE_ID');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(run.stdout + run.stderr).not.toContain('client-secret-value-123');
  });
});
