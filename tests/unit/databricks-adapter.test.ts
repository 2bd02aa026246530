import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabricksSettings } from '../../orchestrator/adapters/databricks/connection.ts';
import { DatabricksAdapter } from '../../orchestrator/adapters/databricks/databricks-adapter.ts';
import type { DatabricksClientLike, DatabricksSessionLike } from '../../orchestrator/adapters/databricks/driver.ts';
import { closeAll, openCount } from '../../orchestrator/adapters/databricks/open-sessions.ts';
import type { RetryPolicy } from '../../orchestrator/adapters/databricks/retry.ts';

/** A stand-in for @databricks/sql that records every call and answers from a script. */
class FakeDriver {
  calls: string[] = [];
  statements: { sql: string; params?: Record<string, unknown>; session: number }[] = [];
  /** Answer per statement: rows, or an error to throw (once per listed error). */
  respond: (sql: string, params?: Record<string, unknown>) => object[] | Error = () => [];
  failOpenSession: Error[] = [];
  failConnect: Error[] = [];
  private sessions = 0;

  connector = async (_settings: DatabricksSettings): Promise<DatabricksClientLike> => {
    this.calls.push('connect');
    const err = this.failConnect.shift();
    if (err) throw err;
    return {
      openSession: async (request) => {
        this.calls.push(`openSession ${JSON.stringify(request ?? {})}`);
        const failure = this.failOpenSession.shift();
        if (failure) throw failure;
        return this.session(++this.sessions);
      },
      close: async () => {
        this.calls.push('client.close');
      },
    };
  };

  private session(id: number): DatabricksSessionLike {
    return {
      executeStatement: async (sql, options) => {
        this.statements.push({ sql, params: options?.namedParameters, session: id });
        const answer = this.respond(sql, options?.namedParameters);
        if (answer instanceof Error) throw answer;
        return {
          fetchAll: async () => answer,
          close: async () => {
            this.calls.push(`operation.close ${id}`);
          },
        };
      },
      close: async () => {
        this.calls.push(`session.close ${id}`);
      },
    };
  }
}

const TOKEN = 'dapi0123456789abcdef0123456789abcdef';
const settings: DatabricksSettings = {
  host: 'adb-1.2.azuredatabricks.net',
  httpPath: '/sql/1.0/warehouses/abc123',
  auth: { kind: 'token', token: TOKEN },
  catalog: 'uc_athlete_data',
};
const waits: number[] = [];
const noWait: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, sleep: async (ms) => void waits.push(ms) };

function transient(message: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), fields);
}

afterEach(async () => {
  waits.length = 0;
  await closeAll();
});

describe('DatabricksAdapter: statements and parameters', () => {
  it('opens one session in the target catalog and sends statements as written', async () => {
    const driver = new FakeDriver();
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    await adapter.execute('create schema if not exists `uc_athlete_data`.`staging`');
    expect(driver.calls.slice(0, 2)).toEqual(['connect', 'openSession {"initialCatalog":"uc_athlete_data"}']);
    expect(driver.statements).toEqual([{ sql: 'create schema if not exists `uc_athlete_data`.`staging`', params: undefined, session: 1 }]);
    expect(driver.calls).toContain('operation.close 1');
  });

  it('binds values as named parameters, never pasted into the SQL', async () => {
    const driver = new FakeDriver();
    driver.respond = () => [{ table_type: 'MANAGED' }];
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const kind = await adapter.relationKind({ catalog: 'uc_athlete_data', schema: "feature_store'; drop table x; --", name: 'athlete_daily_features' });
    expect(kind).toBe('table');
    const [{ sql, params }] = driver.statements;
    expect(sql).toBe(
      'select table_type from `uc_athlete_data`.information_schema.tables where table_schema = lower(:schema) and table_name = lower(:name)',
    );
    expect(params).toEqual({ schema: "feature_store'; drop table x; --", name: 'athlete_daily_features' });
  });

  it('maps information_schema table types to table or view, and no row to undefined', async () => {
    const driver = new FakeDriver();
    const answers = [[{ table_type: 'VIEW' }], [{ table_type: 'EXTERNAL' }], []];
    driver.respond = () => answers.shift()!;
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const rel = { catalog: 'c', schema: 's', name: 't' };
    expect([await adapter.relationKind(rel), await adapter.relationKind(rel), await adapter.relationKind(rel)]).toEqual(['view', 'table', undefined]);
  });

  it('reads columns, query columns (describe query), row counts and affected rows', async () => {
    const driver = new FakeDriver();
    driver.respond = (sql) =>
      sql.startsWith('select column_name')
        ? [{ column_name: 'athlete_id', data_type: 'BIGINT' }, { column_name: 'ctl_42d', data_type: 'DOUBLE' }]
        : sql.startsWith('describe query')
          ? [{ col_name: 'athlete_id', data_type: 'bigint', comment: null }]
          : sql.startsWith('select count(*)')
            ? [{ n: BigInt(42) }]
            : [{ num_affected_rows: BigInt(7), num_inserted_rows: BigInt(3) }];
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const rel = { catalog: 'uc_athlete_data', schema: 'feature_store', name: 'athlete_rolling_features' };
    expect(await adapter.columns(rel)).toEqual([
      { name: 'athlete_id', type: 'BIGINT' },
      { name: 'ctl_42d', type: 'DOUBLE' },
    ]);
    expect(driver.statements[0].sql).toContain('from `uc_athlete_data`.information_schema.columns where');
    expect(driver.statements[0].sql).toContain('order by ordinal_position');
    expect(await adapter.queryColumns('select * from `x`')).toEqual(['athlete_id']);
    expect(driver.statements[1].sql).toBe('describe query select * from `x`');
    expect(await adapter.rowCount(rel)).toBe(42);
    expect(driver.statements[2].sql).toBe('select count(*) as n from `uc_athlete_data`.`feature_store`.`athlete_rolling_features`');
    expect(await adapter.execute('merge into t using s on true when matched then update set *')).toEqual({ rowsChanged: 7 });
  });

  it('runs a transaction as the statements in order on the same session', async () => {
    const driver = new FakeDriver();
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const result = await adapter.transaction(async (tx) => {
      await tx.execute('create or replace table a as select 1');
      await tx.execute('alter table a alter column x comment \'c\'');
      return 'done';
    });
    expect(result).toBe('done');
    expect(driver.statements.map((s) => s.sql)).toEqual(['create or replace table a as select 1', "alter table a alter column x comment 'c'"]);
  });
});

describe('DatabricksAdapter: session lifecycle', () => {
  it('closes the session and the client on close, once', async () => {
    const driver = new FakeDriver();
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    expect(openCount()).toBe(1);
    await adapter.close();
    await adapter.close();
    expect(driver.calls.filter((c) => c.endsWith('close') || c.includes('close '))).toEqual(['session.close 1', 'client.close']);
    expect(openCount()).toBe(0);
    await expect(adapter.query('select 1')).rejects.toThrow('the Databricks session is closed');
  });

  it('closes the client when the session cannot be opened', async () => {
    const driver = new FakeDriver();
    driver.failOpenSession = [Object.assign(new Error('[INVALID_PARAMETER_VALUE] no such warehouse'), { sqlState: '22023' })];
    await expect(DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait })).rejects.toThrow(
      'cannot open a Databricks SQL session on adb-1.2.azuredatabricks.net/sql/1.0/warehouses/abc123: [INVALID_PARAMETER_VALUE] no such warehouse',
    );
    expect(driver.calls).toEqual(['connect', 'openSession {"initialCatalog":"uc_athlete_data"}', 'client.close']);
    expect(openCount()).toBe(0);
  });

  it('closes the operation of a failed statement and keeps the session usable', async () => {
    const driver = new FakeDriver();
    let fail = true;
    driver.respond = (sql) => (sql === 'select broken' && fail ? ((fail = false), new Error('[UNRESOLVED_COLUMN] broken')) : [{ ok: 1 }]);
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    await expect(adapter.query('select broken')).rejects.toThrow('[UNRESOLVED_COLUMN] broken');
    expect(await adapter.query('select 1 as ok')).toEqual([{ ok: 1 }]);
    expect(driver.calls.filter((c) => c.startsWith('session.close'))).toEqual([]);
  });

  it('forks a second session on the same connection; closing the fork leaves the first open', async () => {
    const driver = new FakeDriver();
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const second = await adapter.fork();
    await second.execute('select 2');
    await adapter.execute('select 1');
    expect(driver.statements.map((s) => [s.sql, s.session])).toEqual([
      ['select 2', 2],
      ['select 1', 1],
    ]);
    await second.close();
    expect(driver.calls).toContain('session.close 2');
    expect(driver.calls).not.toContain('client.close');
    await adapter.close();
    expect(driver.calls.slice(-2)).toEqual(['session.close 1', 'client.close']);
  });

  it('closeAll (run on SIGINT/SIGTERM) closes every open session', async () => {
    const driver = new FakeDriver();
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    await adapter.fork();
    expect(openCount()).toBe(2);
    await closeAll();
    expect(openCount()).toBe(0);
    expect(driver.calls.filter((c) => c.startsWith('session.close')).sort()).toEqual(['session.close 1', 'session.close 2']);
    expect(driver.calls).toContain('client.close');
  });
});

describe('DatabricksAdapter: retries', () => {
  it('retries transient failures with exponential backoff, then succeeds', async () => {
    const driver = new FakeDriver();
    const failures = [
      transient('request failed, reason: socket hang up', { code: 'ECONNRESET' }),
      transient('Too Many Requests', { statusCode: 429 }),
      transient('Service Unavailable', { statusCode: 503 }),
    ];
    driver.respond = () => failures.shift() ?? [{ ok: 1 }];
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    expect(await adapter.query('select 1 as ok')).toEqual([{ ok: 1 }]);
    expect(driver.statements).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const driver = new FakeDriver();
    driver.respond = () => transient('Service Unavailable', { statusCode: 503 });
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    await expect(adapter.query('select 1')).rejects.toThrow('Service Unavailable');
    expect(driver.statements).toHaveLength(4);
  });

  it('does not retry SQL errors', async () => {
    const driver = new FakeDriver();
    driver.respond = () => Object.assign(new Error('[TABLE_OR_VIEW_NOT_FOUND] The table `x` cannot be found.'), { sqlState: '42P01' });
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    await expect(adapter.query('select * from x')).rejects.toThrow('[TABLE_OR_VIEW_NOT_FOUND]');
    expect(driver.statements).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry a plain insert, which may have committed before the connection dropped', async () => {
    const driver = new FakeDriver();
    driver.respond = () => transient('socket hang up', { code: 'ECONNRESET' });
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    await expect(adapter.execute('insert into t select * from s')).rejects.toThrow('socket hang up');
    expect(driver.statements).toHaveLength(1);
  });

  it('retries opening the session while the warehouse starts', async () => {
    const driver = new FakeDriver();
    driver.failOpenSession = [transient('Warehouse is starting, retry later'), transient('Service Unavailable', { statusCode: 503 })];
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    expect(driver.calls.filter((c) => c.startsWith('openSession'))).toHaveLength(3);
    await adapter.close();
  });
});

describe('DatabricksAdapter: secrets never leave in errors', () => {
  it('redacts the token from statement errors, their stack and their causes', async () => {
    const driver = new FakeDriver();
    driver.respond = () =>
      new Error(`[INTERNAL_ERROR] request with Authorization: Bearer ${TOKEN} failed`, { cause: new Error(`token=${TOKEN}&x=1`) });
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const err = (await adapter.query('select 1').catch((e: unknown) => e)) as Error & { cause: Error };
    expect(err.message).toBe('[INTERNAL_ERROR] request with Authorization: Bearer [REDACTED] failed');
    expect(err.stack).not.toContain(TOKEN);
    expect(err.cause.message).toBe('token=[REDACTED]&x=1');
  });

  it('redacts the OAuth client secret from connection errors', async () => {
    const driver = new FakeDriver();
    const secret = 'dose0123456789abcdefsecret';
    driver.failConnect = [new Error(`invalid_client: client_secret ${secret} rejected`)];
    const oauth: DatabricksSettings = { ...settings, auth: { kind: 'oauth-m2m', clientId: 'sp-app-id', clientSecret: secret } };
    const err = (await DatabricksAdapter.open(oauth, { connector: driver.connector, retry: noWait }).catch((e: unknown) => e)) as Error & { cause: Error };
    expect(err.message).toContain('invalid_client: client_secret [REDACTED] rejected');
    expect(JSON.stringify({ m: err.message, s: err.stack, c: err.cause.message, cs: err.cause.stack })).not.toContain(secret);
  });
});

describe('DatabricksAdapter: seeds', () => {
  function seedFile(text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'stride-dbx-seed-'));
    const file = join(dir, 'athlete_settings.csv');
    writeFileSync(file, text);
    return file;
  }
  const relation = { catalog: 'uc_athlete_data', schema: 'silver', name: 'athlete_settings' };

  it('stages typed columns, inserts in batches with named parameters, checks the count, then swaps', async () => {
    const driver = new FakeDriver();
    driver.respond = (sql) => (sql.startsWith('select table_type') ? [] : sql.startsWith('select count(*)') ? [{ n: 3 }] : []);
    const adapter = await DatabricksAdapter.open(settings, {
      connector: driver.connector,
      retry: noWait,
      seedBatch: { maxRows: 2, maxParameters: 100 },
    });
    const file = seedFile('athlete_id,hr_max,note\n1,190,easy\n2,,\n3,175.5,"it\'s ""fine"""\n');
    expect(await adapter.loadSeed({ relation, file, columnTypes: { hr_max: 'double' }, allVarchar: false })).toBe(3);
    const sql = driver.statements.map((s) => s.sql);
    expect(sql).toEqual([
      'create schema if not exists `uc_athlete_data`.`silver`',
      'select table_type from `uc_athlete_data`.information_schema.tables where table_schema = lower(:schema) and table_name = lower(:name)',
      'create or replace table `uc_athlete_data`.`silver`.`athlete_settings__stride_seed` (`athlete_id` bigint, `hr_max` double, `note` string)',
      'insert into `uc_athlete_data`.`silver`.`athlete_settings__stride_seed` (`athlete_id`, `hr_max`, `note`) values\n' +
        '(cast(:r0c0 as bigint), cast(:r0c1 as double), :r0c2),\n(cast(:r1c0 as bigint), cast(:r1c1 as double), :r1c2)',
      'insert into `uc_athlete_data`.`silver`.`athlete_settings__stride_seed` (`athlete_id`, `hr_max`, `note`) values\n' +
        '(cast(:r0c0 as bigint), cast(:r0c1 as double), :r0c2)',
      'select count(*) as n from `uc_athlete_data`.`silver`.`athlete_settings__stride_seed`',
      "create or replace table `uc_athlete_data`.`silver`.`athlete_settings`\ncluster by (`athlete_id`)\ntblproperties ('stride.seed' = 'true') as\n" +
        'select * from `uc_athlete_data`.`silver`.`athlete_settings__stride_seed`',
      'drop table if exists `uc_athlete_data`.`silver`.`athlete_settings__stride_seed`',
    ]);
    expect(driver.statements[3].params).toEqual({ r0c0: '1', r0c1: '190', r0c2: 'easy', r1c0: '2', r1c1: null, r1c2: null });
    expect(driver.statements[4].params).toEqual({ r0c0: '3', r0c1: '175.5', r0c2: 'it\'s "fine"' });
  });

  it('leaves the old table when the staged row count is wrong, and drops the staging table', async () => {
    const driver = new FakeDriver();
    driver.respond = (sql) =>
      sql.startsWith('select table_type') ? [{ table_type: 'MANAGED' }] : sql.startsWith('show tblproperties') ? [{ key: 'stride.seed', value: 'true' }] : sql.startsWith('select count(*)') ? [{ n: 4 }] : [];
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const file = seedFile('athlete_id,hr_max\n1,190\n2,180\n3,170\n');
    await expect(adapter.loadSeed({ relation, file, columnTypes: {}, allVarchar: false })).rejects.toThrow(
      'seed athlete_settings: the staging table holds 4 rows, the file 3; the old table is left as it was',
    );
    const sql = driver.statements.map((s) => s.sql);
    expect(sql.some((s) => s.startsWith('create or replace table `uc_athlete_data`.`silver`.`athlete_settings`'))).toBe(false);
    expect(sql.at(-1)).toBe('drop table if exists `uc_athlete_data`.`silver`.`athlete_settings__stride_seed`');
  });

  it('retries a seed insert after a dropped connection (the row count guards against doubles)', async () => {
    const driver = new FakeDriver();
    let dropped = false;
    driver.respond = (sql) =>
      sql.startsWith('insert') && !dropped ? ((dropped = true), transient('socket hang up', { code: 'ECONNRESET' })) : sql.startsWith('select count(*)') ? [{ n: 1 }] : [];
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const file = seedFile('athlete_id\n1\n');
    expect(await adapter.loadSeed({ relation, file, columnTypes: {}, allVarchar: true })).toBe(1);
    expect(driver.statements.filter((s) => s.sql.startsWith('insert'))).toHaveLength(2);
    expect(driver.statements.find((s) => s.sql.startsWith('create or replace table `uc_athlete_data`.`silver`.`athlete_settings__stride_seed`'))?.sql).toContain(
      '(`athlete_id` string)',
    );
  });

  it('refuses to replace an existing table that no seed load created (a real source table)', async () => {
    const driver = new FakeDriver();
    driver.respond = (sql) => (sql.startsWith('select table_type') ? [{ table_type: 'MANAGED' }] : sql.startsWith('show tblproperties') ? [{ key: 'delta.minReaderVersion', value: '3' }] : []);
    const adapter = await DatabricksAdapter.open(settings, { connector: driver.connector, retry: noWait });
    const file = seedFile('athlete_id\n1\n');
    await expect(adapter.loadSeed({ relation, file, columnTypes: {}, allVarchar: false })).rejects.toThrow(
      "refusing to replace `uc_athlete_data`.`silver`.`athlete_settings` with a seed: the table exists and was not loaded by 'stride seed'",
    );
    expect(driver.statements.some((s) => s.sql.startsWith('insert') || s.sql.includes('__stride_seed'))).toBe(false);
  });
});
