import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact, redactError } from '../../orchestrator/adapters/databricks/redact.ts';
import { backoffDelay, isTransient, withRetry } from '../../orchestrator/adapters/databricks/retry.ts';
import { batchSize, databricksType, inferType, readSeed } from '../../orchestrator/adapters/databricks/seed-csv.ts';

describe('redact', () => {
  it('replaces known secrets, longest first', () => {
    expect(redact('secret abcd1234 and abcd1234xyz', ['abcd1234', 'abcd1234xyz'])).toBe('secret [REDACTED] and [REDACTED]');
  });

  it('replaces token shapes it was not told about', () => {
    const pat = 'dapi' + 'f'.repeat(32);
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzcC0xMjMifQ.c2lnbmF0dXJlLXZhbHVl';
    expect(redact(`bad ${pat}-2 here`)).toBe('bad [REDACTED] here');
    expect(redact(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [REDACTED]');
    expect(redact(`{"access_token":"${jwt}","expires_in":3600}`)).toBe('{"access_token":"[REDACTED]","expires_in":3600}');
    expect(redact('grant_type=client_credentials&client_secret=s3cr3t-value&scope=all-apis')).toBe(
      'grant_type=client_credentials&client_secret=[REDACTED]&scope=all-apis',
    );
  });

  it('leaves ordinary SQL errors alone', () => {
    const message = '[TABLE_OR_VIEW_NOT_FOUND] The table or view `uc_athlete_data`.`silver`.`strava_activities` cannot be found. SQLSTATE: 42P01';
    expect(redact(message, ['dapi' + '0'.repeat(32)])).toBe(message);
  });

  it('redacts a copied error: message, stack, cause, string fields, keeping the name', () => {
    class DriverError extends Error {
      code = 'E_AUTH with s3cret';
      constructor(message: string, options?: ErrorOptions) {
        super(message, options);
        this.name = 'DriverError';
      }
    }
    const err = redactError(new DriverError('failed for s3cret', { cause: new Error('inner s3cret') }), ['s3cret']) as Error & { code: string; cause: Error };
    expect(err.name).toBe('DriverError');
    expect(err.message).toBe('failed for [REDACTED]');
    expect(err.stack).not.toContain('s3cret');
    expect(err.code).toBe('E_AUTH with [REDACTED]');
    expect(err.cause.message).toBe('inner [REDACTED]');
  });
});

describe('transient errors and backoff', () => {
  it('classifies HTTP 429/503, dropped connections and a waking warehouse as transient', () => {
    expect(isTransient(Object.assign(new Error('x'), { statusCode: 429 }))).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { payload: { response: { status: 503 } } }))).toBe(true);
    expect(isTransient(Object.assign(new Error('read failed'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransient(new Error('request to https://h/sql failed, reason: socket hang up'))).toBe(true);
    expect(isTransient(new Error('Warehouse is starting, please retry'))).toBe(true);
    expect(isTransient(new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ETIMEDOUT' }) }))).toBe(true);
  });

  it('treats SQL errors, auth failures and other HTTP statuses as final', () => {
    expect(isTransient(Object.assign(new Error('[DIVIDE_BY_ZERO] Division by zero'), { sqlState: '22012' }))).toBe(false);
    expect(isTransient(new Error('[PARSE_SYNTAX_ERROR] Syntax error at or near 503'))).toBe(false);
    expect(isTransient(Object.assign(new Error('Unauthorized'), { statusCode: 401 }))).toBe(false);
    expect(isTransient(Object.assign(new Error('Not Implemented'), { statusCode: 501 }))).toBe(false);
    expect(isTransient(new Error('where x = 503'))).toBe(false);
    expect(isTransient('not an error')).toBe(false);
  });

  it('doubles the delay from the base and caps it', () => {
    const policy = { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('stops at once when the caller says the error is not retryable', async () => {
    let calls = 0;
    const work = async () => {
      calls++;
      throw Object.assign(new Error('busy'), { statusCode: 503 });
    };
    await expect(withRetry(work, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} }, () => false)).rejects.toThrow('busy');
    expect(calls).toBe(1);
  });
});

describe('seed CSV for Databricks', () => {
  it('infers the narrowest type per column', () => {
    expect(inferType(['1', '-20', null])).toBe('bigint');
    expect(inferType(['1', '2.5', '1e3'])).toBe('double');
    expect(inferType(['true', 'FALSE'])).toBe('boolean');
    expect(inferType(['2024-03-01', null])).toBe('date');
    expect(inferType(['2024-03-01 07:00:00', '2024-03-01T07:00:00Z', '2024-03-02 06:59:59.123+01:00'])).toBe('timestamp');
    expect(inferType(['2024-03-01', '2024-03-01 07:00:00'])).toBe('string');
    expect(inferType(['12345678901234567890'])).toBe('double');
    expect(inferType([null, null])).toBe('string');
  });

  it('maps configured DuckDB type names to Databricks and refuses unknown ones', () => {
    expect(['varchar', 'INTEGER', 'double', 'timestamptz', 'numeric(10, 2)'].map(databricksType)).toEqual(['string', 'int', 'double', 'timestamp', 'decimal(10,2)']);
    expect(() => databricksType('varchar); drop table x; --')).toThrow("seed column type 'varchar); drop table x; --' has no Databricks equivalent");
  });

  it('reads a seed: explicit types win, then all_varchar, empty cells are null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stride-dbx-csv-'));
    const file = join(dir, 's.csv');
    writeFileSync(file, 'athlete_id,hr_max,day\n1,190,2024-01-01\n2,,2024-01-02\n');
    expect(readSeed(file, {}, false)).toEqual({
      columns: [
        { name: 'athlete_id', type: 'bigint' },
        { name: 'hr_max', type: 'bigint' },
        { name: 'day', type: 'date' },
      ],
      rows: [
        ['1', '190', '2024-01-01'],
        ['2', null, '2024-01-02'],
      ],
    });
    expect(readSeed(file, { hr_max: 'double' }, true).columns.map((c) => c.type)).toEqual(['string', 'double', 'string']);
    expect(() => readSeed(file, { nope: 'double' }, false)).toThrow('column_types names columns the file lacks: nope');
  });

  it('sizes insert batches by rows and by bound values', () => {
    expect(batchSize(4)).toBe(500);
    expect(batchSize(16)).toBe(125);
    expect(batchSize(16, 500, 10_000)).toBe(500);
    expect(batchSize(5_000)).toBe(1);
  });
});
