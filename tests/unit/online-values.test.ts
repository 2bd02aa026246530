import { describe, expect, it } from 'vitest';
import { DECLARED_TYPE, onlineType, typeFromCatalog, type OnlineType } from '../../orchestrator/onlinestore/column-types.ts';
import { bindValue, canonicalTimestamp, fromStoredValue, keyString, toOnlineValue } from '../../orchestrator/onlinestore/values.ts';

describe('online column types', () => {
  it('maps DuckDB, Databricks and YAML types to the six online types', () => {
    const cases: [string, OnlineType][] = [
      ['BIGINT', 'bigint'], ['INTEGER', 'bigint'], ['HUGEINT', 'bigint'], ['int', 'bigint'],
      ['DOUBLE', 'double'], ['FLOAT', 'double'], ['DECIMAL(18,3)', 'double'], ['decimal(10, 2)', 'double'],
      ['VARCHAR', 'text'], ['string', 'text'],
      ['BOOLEAN', 'boolean'], ['DATE', 'date'], ['TIMESTAMP', 'timestamp'], ['timestamp_ntz', 'timestamp'],
      // No online column type: kept as exact text.
      ['TIMESTAMP WITH TIME ZONE', 'text'], ['INTEGER[]', 'text'], ['INTERVAL', 'text'],
    ];
    for (const [engine, online] of cases) expect([engine, onlineType(engine)]).toEqual([engine, online]);
  });

  it('reads back every declared type from either catalog, and nothing else', () => {
    for (const type of Object.keys(DECLARED_TYPE) as OnlineType[]) expect(typeFromCatalog(DECLARED_TYPE[type])).toBe(type);
    expect(typeFromCatalog('timestamp without time zone')).toBe('timestamp');
    expect(typeFromCatalog('integer')).toBeUndefined();
    expect(typeFromCatalog('real')).toBeUndefined();
  });
});

describe('online values', () => {
  it('writes timestamps in the form PostgreSQL prints them', () => {
    expect(canonicalTimestamp('2024-05-02 07:00:00')).toBe('2024-05-02 07:00:00');
    expect(canonicalTimestamp('2024-05-02T07:00:00.120000')).toBe('2024-05-02 07:00:00.12');
    expect(canonicalTimestamp('2024-05-02 07:00:00.000')).toBe('2024-05-02 07:00:00');
    expect(canonicalTimestamp('2024-05-02 07:00:00+02')).toBeUndefined();
  });

  it('refuses values the store cannot hold, saying why', () => {
    expect(toOnlineValue(Number.NaN, 'double')).toEqual({ error: 'NaN is not a finite number (NaN and infinities cannot be stored)' });
    expect(toOnlineValue(1.5, 'bigint')).toEqual({ error: '1.5 is not a whole number' });
    expect(toOnlineValue('05/02/2024', 'date')).toEqual({ error: '05/02/2024 is not a date YYYY-MM-DD' });
    expect(toOnlineValue(9007199254740993n, 'bigint')).toBe(9007199254740993n);
    expect(toOnlineValue(42n, 'bigint')).toBe(42);
    expect(toOnlineValue(null, 'text')).toBeNull();
    // Fetched rows arrive as text.
    expect(toOnlineValue('5.126408889787625', 'double')).toBe(5.126408889787625);
    expect(toOnlineValue('1e-07', 'double')).toBe(1e-7);
    expect(toOnlineValue('nan', 'double')).toEqual({ error: 'nan is not a finite number (NaN and infinities cannot be stored)' });
    expect(toOnlineValue('inf', 'double')).toMatchObject({ error: expect.stringContaining('not a finite number') });
    expect(toOnlineValue('', 'double')).toMatchObject({ error: expect.stringContaining('not a finite number') });
    expect(toOnlineValue('false', 'boolean')).toBe(false);
    expect(toOnlineValue('9007199254740993', 'bigint')).toBe(9007199254740993n);
    expect(toOnlineValue('42', 'bigint')).toBe(42);
  });

  it('reads SQLite integers and booleans back as the engine gave them', () => {
    expect(fromStoredValue(1n, 'boolean')).toBe(true);
    expect(fromStoredValue(0n, 'boolean')).toBe(false);
    expect(fromStoredValue(0, 'boolean')).toBe(false);
    expect(fromStoredValue(10000424n, 'bigint')).toBe(10000424);
    expect(fromStoredValue(9007199254740993n, 'bigint')).toBe(9007199254740993n);
    expect(fromStoredValue(3n, 'double')).toBe(3);
    expect(bindValue(9007199254740993n, 'postgres')).toBe('9007199254740993');
    expect(bindValue(9007199254740993n, 'sqlite')).toBe(9007199254740993n);
  });

  it('keys rows alike whatever the integer representation', () => {
    expect(keyString({ athlete_id: 7 }, ['athlete_id'])).toBe(keyString({ athlete_id: 7n }, ['athlete_id']));
    expect(keyString({ a: 1, b: '2024-05-01' }, ['a', 'b'])).toBe('["1","2024-05-01"]');
    expect(keyString({ a: null }, ['a'])).toBe('[null]');
  });
});
