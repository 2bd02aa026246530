import { afterEach, describe, expect, it } from 'vitest';
import { endpointFromEnv } from '../../ml/tracking/auth.ts';
import { RestStore } from '../../ml/tracking/rest-store.ts';
import { startMlflowTestServer, type MlflowTestServer } from '../helpers/ml-mlflow-server.ts';

// These tests run against tests/helpers/ml-mlflow-server.ts, a spec-following MLflow test
// server written from the REST API reference: a real MLflow server cannot be installed here.
const FAST = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000 };
let server: MlflowTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('MLflow REST store against a spec-following test server', () => {
  it('creates experiments and runs, logs a large batch in chunks within the limits, and reads it back', async () => {
    server = await startMlflowTestServer({ token: 'secret-token' });
    const store = new RestStore(endpointFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_TOKEN: 'secret-token' })!, FAST);
    const exp = await store.getOrCreateExperiment('stride-time-estimator');
    expect(await store.getOrCreateExperiment('stride-time-estimator')).toBe(exp);
    const run = await store.createRun(exp, { runName: 'r1', tags: [{ key: 'stride.model', value: 'x' }] });
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), timestamp: 1000 + i, step: i }));
    const params = Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: String(i) }));
    await store.logBatch(run.run_id, { metrics, params });
    await store.endRun(run.run_id, 'FINISHED', 5000);
    const batches = server.requests.filter((r) => r.path.endsWith('/runs/log-batch'));
    expect(batches.length).toBe(3); // 100 params + 900 metrics, 50 params + 950 metrics, 650 metrics
    expect(batches.every((b) => b.authorization === 'Bearer secret-token')).toBe(true);
    const back = await store.getRun(run.run_id);
    expect(back.metrics.loss).toBeCloseTo(1 / 2500, 12);
    expect(Object.keys(back.params).length).toBe(150);
    expect(back.tags['mlflow.runName']).toBe('r1');
    expect(back.info.status).toBe('FINISHED');
    expect((await store.searchRuns([exp])).map((r) => r.info.run_id)).toEqual([run.run_id]);
  });

  it('retries 429 and 503 with backoff, and fails at once on a 400', async () => {
    server = await startMlflowTestServer();
    const store = new RestStore(endpointFromEnv({ MLFLOW_TRACKING_URI: server.url })!, FAST);
    server.failNext.push(429, 503, 502);
    expect(await store.getOrCreateExperiment('e')).toBe('1');
    const run = await store.createRun('1', { runName: 'r' });
    await store.logBatch(run.run_id, { params: [{ key: 'a', value: '1' }] });
    const before = server.requests.length;
    await expect(store.logBatch(run.run_id, { params: [{ key: 'a', value: '2' }] })).rejects.toThrow(/HTTP 400 INVALID_PARAMETER_VALUE/);
    expect(server.requests.length - before).toBe(1);
    server.failNext.push(503, 503, 503, 503);
    await expect(store.getRun(run.run_id)).rejects.toThrow(/HTTP 503/);
  });

  it('keeps credentials out of error messages', async () => {
    server = await startMlflowTestServer({ token: 'right-token' });
    const store = new RestStore(endpointFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_TOKEN: 'wrong-token-123' })!, FAST);
    const err = await store.getOrCreateExperiment('e').catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/HTTP 401/);
    expect(String((err as Error).message)).not.toContain('wrong-token-123');
  });

  it('uploads and downloads artifacts through the mlflow-artifacts proxy, and registers versions with a champion alias', async () => {
    server = await startMlflowTestServer();
    const store = new RestStore(endpointFromEnv({ MLFLOW_TRACKING_URI: server.url })!, FAST);
    const run = await store.createRun(await store.getOrCreateExperiment('e'), { runName: 'r' });
    expect(run.artifact_uri).toBe(`mlflow-artifacts:/1/${run.run_id}/artifacts`);
    await store.logArtifact(run, 'model/weights.bin', new Uint8Array([1, 2, 3]));
    expect(server.requests.some((r) => r.method === 'PUT' && r.path === `/api/2.0/mlflow-artifacts/artifacts/1/${run.run_id}/artifacts/model/weights.bin`)).toBe(true);
    const source = `${run.artifact_uri}/model`;
    expect([...(await store.downloadArtifact(source, 'weights.bin'))]).toEqual([1, 2, 3]);
    await store.ensureRegisteredModel('stride_time_estimator');
    await store.ensureRegisteredModel('stride_time_estimator'); // RESOURCE_ALREADY_EXISTS is fine
    const v1 = await store.createModelVersion('stride_time_estimator', source, run.run_id);
    const v2 = await store.createModelVersion('stride_time_estimator', source, run.run_id);
    expect(await store.getVersionByAlias('stride_time_estimator', 'champion')).toBeUndefined();
    await store.setAlias('stride_time_estimator', 'champion', v2.version);
    expect((await store.getVersionByAlias('stride_time_estimator', 'champion'))?.version).toBe('2');
    expect((await store.listVersions('stride_time_estimator')).map((v) => [v.version, v.aliases])).toEqual([[v1.version, []], ['2', ['champion']]]);
    expect((await store.listRegisteredModels())[0].aliases).toEqual({ champion: '2' });
  });

  it('on Databricks: OAuth M2M token from /oidc/v1/token, artifacts through signed URLs', async () => {
    server = await startMlflowTestServer({ oauth: { clientId: 'cid', clientSecret: 'csecret' }, databricksArtifacts: true });
    const endpoint = endpointFromEnv({ MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: server.url, DATABRICKS_CLIENT_ID: 'cid', DATABRICKS_CLIENT_SECRET: 'csecret' })!;
    expect(endpoint.databricks).toBe(true);
    const store = new RestStore(endpoint, FAST);
    const run = await store.createRun(await store.getOrCreateExperiment('/Shared/stride'), { runName: 'r' });
    await store.logArtifact(run, 'evaluation.json', '{"ok":true}');
    expect(server.artifacts.get(`${run.run_id}/evaluation.json`)?.toString()).toBe('{"ok":true}');
    expect((await store.downloadArtifact(run.artifact_uri, 'evaluation.json')).toString()).toBe('{"ok":true}');
    expect(server.requests.filter((r) => r.path === '/oidc/v1/token').length).toBe(1); // cached
    expect(server.requests.filter((r) => r.path.startsWith('/api/')).every((r) => r.authorization === 'Bearer oauth-access-token')).toBe(true);
  });

  it('reads the endpoint from the environment', () => {
    expect(endpointFromEnv({})).toBeUndefined();
    expect(endpointFromEnv({ MLFLOW_TRACKING_URI: './mlruns' })).toBeUndefined();
    expect(endpointFromEnv({ MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: 'adb-1.azuredatabricks.net', DATABRICKS_TOKEN: 't' })?.baseUrl).toBe('https://adb-1.azuredatabricks.net');
    expect(() => endpointFromEnv({ MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: 'h' })).toThrow(/DATABRICKS_TOKEN/);
  });
});
