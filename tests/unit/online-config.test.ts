import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOnlineStore, maskUrl, redact, redacted, resolveOnlineStoreConfig, type OnlineStoreConfig } from '../../orchestrator/onlinestore/config.ts';

describe('online store configuration', () => {
  it('defaults to a SQLite file in the project target folder', () => {
    expect(resolveOnlineStoreConfig({ projectRoot: '/p', targetDir: 'target', env: {} })).toEqual({ kind: 'sqlite', file: join('/p', 'target', 'online_store.sqlite') });
    expect(resolveOnlineStoreConfig({ projectRoot: '/p', targetDir: '/elsewhere', env: {} })).toEqual({ kind: 'sqlite', file: '/elsewhere/online_store.sqlite' });
  });

  it('uses PostgreSQL when the URL is set, in schema stride_online unless told otherwise; --online-store sqlite still wins', () => {
    const env = { STRIDE_ONLINE_STORE_URL: 'postgres://app:s3cret@db.example.com:5432/stride' };
    expect(resolveOnlineStoreConfig({ projectRoot: '/p', env })).toEqual({ kind: 'postgres', url: env.STRIDE_ONLINE_STORE_URL, schema: 'stride_online' });
    expect(resolveOnlineStoreConfig({ projectRoot: '/p', env: { ...env, STRIDE_ONLINE_STORE_SCHEMA: 'lakebase_features' } })).toMatchObject({ schema: 'lakebase_features' });
    expect(resolveOnlineStoreConfig({ projectRoot: '/p', env, kind: 'sqlite' }).kind).toBe('sqlite');
  });

  it('refuses PostgreSQL without a URL, a URL of another scheme and a schema that is not an identifier, without printing the password', () => {
    expect(() => resolveOnlineStoreConfig({ projectRoot: '/p', env: {}, kind: 'postgres' })).toThrow(/set STRIDE_ONLINE_STORE_URL=postgres:\/\//);
    expect(() => resolveOnlineStoreConfig({ projectRoot: '/p', env: { STRIDE_ONLINE_STORE_URL: 'mysql://u:hunter22@h/db' } })).toThrow('must be a postgres:// or postgresql:// URL, not mysql://u:***@h/db');
    expect(() => resolveOnlineStoreConfig({ projectRoot: '/p', env: { STRIDE_ONLINE_STORE_URL: 'postgres://h/db', STRIDE_ONLINE_STORE_SCHEMA: 'x; drop table y' } })).toThrow(/plain identifier/);
    expect(() => resolveOnlineStoreConfig({ projectRoot: '/p', env: {}, kind: 'mysql' })).toThrow(/sqlite or postgres/);
  });

  it('masks the password in descriptions and in any message', () => {
    const config: OnlineStoreConfig = { kind: 'postgres', url: 'postgresql://app:p%40ss%2Fw0rd@db.example.com/stride?sslmode=require&password=other-secret', schema: 'stride_online' };
    expect(describeOnlineStore(config)).toBe('postgres postgresql://app:***@db.example.com/stride?sslmode=require&password=*** (schema stride_online)');
    expect(maskUrl('not a url at all')).toBe('***');
    const message = redact(`cannot connect to ${config.url}: bad password p@ss/w0rd (p%40ss%2Fw0rd), other-secret`, config);
    expect(message).not.toMatch(/p@ss|p%40ss|other-secret/);
    expect(message).toContain('cannot connect to postgresql://app:***@db.example.com/stride');
  });

  it('rethrows a driver error with the secret masked and without the original as cause', async () => {
    const config: OnlineStoreConfig = { kind: 'postgres', url: 'postgres://app:topsecret1@db/stride', schema: 's' };
    const err = await redacted(config, 'publishing failed', async () => {
      throw new Error('auth failed for postgres://app:topsecret1@db/stride (topsecret1)');
    }).catch((e: Error) => e);
    expect(err.message).toBe('publishing failed (postgres postgres://app:***@db/stride (schema s)): auth failed for postgres://app:***@db/stride (***)');
    expect((err as Error & { cause?: unknown }).cause).toBeUndefined();
  });
});
