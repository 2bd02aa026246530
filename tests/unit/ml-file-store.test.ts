import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FileStore, pythonFloat } from '../../ml/tracking/file-store.ts';
import { chunkLogBatch } from '../../ml/tracking/log-batch-chunks.ts';

const fresh = () => new FileStore(join(mkdtempSync(join(tmpdir(), 'stride-mlruns-')), 'mlruns'), 'tester');
const yaml = (file: string) => parse(readFileSync(file, 'utf8'));

describe('MLflow file store layout (mlflow/store/tracking/file_store.py)', () => {
  it('creates the Default experiment 0, .trash and models/ like MLflow', () => {
    const store = fresh();
    expect(readdirSync(store.root).sort()).toEqual(['.trash', '0', 'models']);
    const meta = yaml(join(store.root, '0', 'meta.yaml'));
    expect(meta).toMatchObject({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active', artifact_location: pathToFileURL(join(store.root, '0')).href });
    expect(Object.keys(meta).sort()).toEqual(['artifact_location', 'creation_time', 'experiment_id', 'last_update_time', 'lifecycle_stage', 'name']);
    // experiment_id is a string in YAML (quoted), as MLflow writes it
    expect(readFileSync(join(store.root, '0', 'meta.yaml'), 'utf8')).toMatch(/experiment_id: "0"|experiment_id: '0'/);
  });

  it('writes a run: meta.yaml with integer status, metrics as "<ms> <value> <step>" lines, params and tags as plain files', async () => {
    const store = fresh();
    const exp = await store.getOrCreateExperiment('races');
    expect(await store.getOrCreateExperiment('races')).toBe(exp);
    const run = await store.createRun(exp, { runName: 'first', startTime: 1700000000000, tags: [{ key: 'mlflow.source.git.commit', value: 'abc123' }] });
    expect(run.run_id).toMatch(/^[0-9a-f]{32}$/);
    const dir = join(store.root, exp, run.run_id);
    expect(existsSync(join(dir, 'artifacts'))).toBe(true);
    await store.logBatch(run.run_id, {
      params: [{ key: 'learning_rate', value: '0.003' }],
      metrics: [
        { key: 'loss', value: 1, timestamp: 1700000000001, step: 0 },
        { key: 'loss', value: 0.5, timestamp: 1700000000002, step: 1 },
      ],
      tags: [{ key: 'stride.model', value: 'time_estimator' }],
    });
    await store.endRun(run.run_id, 'FINISHED', 1700000000100);
    expect(readFileSync(join(dir, 'metrics', 'loss'), 'utf8')).toBe('1700000000001 1.0 0\n1700000000002 0.5 1\n');
    expect(readFileSync(join(dir, 'params', 'learning_rate'), 'utf8')).toBe('0.003');
    expect(readFileSync(join(dir, 'tags', 'mlflow.runName'), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'tags', 'mlflow.source.git.commit'), 'utf8')).toBe('abc123');
    const meta = yaml(join(dir, 'meta.yaml'));
    expect(meta).toMatchObject({
      run_id: run.run_id,
      run_uuid: run.run_id,
      run_name: 'first',
      experiment_id: exp,
      status: 3, // RunStatus.FINISHED
      start_time: 1700000000000,
      end_time: 1700000000100,
      lifecycle_stage: 'active',
      source_type: 4,
      user_id: 'tester',
      tags: [],
      artifact_uri: `${pathToFileURL(join(store.root, exp)).href}/${run.run_id}/artifacts`,
    });
    const back = await store.getRun(run.run_id);
    expect(back.metrics.loss).toBe(0.5);
    expect(back.info.status).toBe('FINISHED');
    expect(store.metricHistory(run.run_id, 'loss').map((m) => m.step)).toEqual([0, 1]);
  });

  it('keeps params immutable and refuses unsafe names', async () => {
    const store = fresh();
    const run = await store.createRun('0', { runName: 'r' });
    await store.logBatch(run.run_id, { params: [{ key: 'a', value: '1' }] });
    await store.logBatch(run.run_id, { params: [{ key: 'a', value: '1' }] });
    await expect(store.logBatch(run.run_id, { params: [{ key: 'a', value: '2' }] })).rejects.toThrow(/immutable/);
    await expect(store.logBatch(run.run_id, { tags: [{ key: '../escape', value: 'x' }] })).rejects.toThrow(/invalid tag name/);
    await expect(store.logArtifact(run, '../../outside.txt', 'x')).rejects.toThrow(/leaves the artifact root/);
  });

  it('writes the registry: models/<name>/meta.yaml, version-N/meta.yaml, aliases/<alias>', async () => {
    const store = fresh();
    const run = await store.createRun('0', { runName: 'r' });
    await store.logArtifact(run, 'model/MLmodel', 'artifact_path: model\n');
    const source = `${run.artifact_uri}/model`;
    const v1 = await store.createModelVersion('stride_time_estimator', source, run.run_id);
    const v2 = await store.createModelVersion('stride_time_estimator', source, run.run_id, [{ key: 'test_mape', value: '3.5' }]);
    expect([v1.version, v2.version]).toEqual(['1', '2']);
    await store.setAlias('stride_time_estimator', 'champion', '2');
    const mdir = join(store.root, 'models', 'stride_time_estimator');
    expect(readFileSync(join(mdir, 'aliases', 'champion'), 'utf8')).toBe('2');
    expect(readFileSync(join(mdir, 'version-2', 'tags', 'test_mape'), 'utf8')).toBe('3.5');
    const vmeta = yaml(join(mdir, 'version-2', 'meta.yaml'));
    expect(vmeta).toMatchObject({ name: 'stride_time_estimator', version: 2, current_stage: 'None', status: 'READY', source, storage_location: source, run_id: run.run_id, aliases: [] });
    expect(yaml(join(mdir, 'meta.yaml'))).toMatchObject({ name: 'stride_time_estimator', aliases: { champion: '2' } });
    expect((await store.getVersionByAlias('stride_time_estimator', 'champion'))?.version).toBe('2');
    expect(await store.getVersionByAlias('stride_time_estimator', 'missing')).toBeUndefined();
    expect((await store.listVersions('stride_time_estimator')).map((v) => v.aliases)).toEqual([[], ['champion']]);
    expect((await store.downloadArtifact(source, 'MLmodel')).toString()).toBe('artifact_path: model\n');
    await expect(store.setAlias('stride_time_estimator', 'champion', '7')).rejects.toThrow(/no version 7/);
  });

  it('formats metric values like Python floats', () => {
    expect([pythonFloat(3), pythonFloat(0.25), pythonFloat(NaN), pythonFloat(-Infinity)]).toEqual(['3.0', '0.25', 'nan', '-inf']);
  });
});

describe('log-batch chunking (REST API limits: 1000 metrics, 100 params, 100 tags, 1000 in all)', () => {
  it('splits 2500 metrics, 150 params and 120 tags into requests within every limit, in order', () => {
    const metrics = Array.from({ length: 2500 }, (_, i) => ({ key: 'loss', value: i, timestamp: 1, step: i }));
    const params = Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: 'v' }));
    const tags = Array.from({ length: 120 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
    const chunks = chunkLogBatch({ metrics, params, tags });
    for (const c of chunks) {
      expect(c.metrics.length).toBeLessThanOrEqual(1000);
      expect(c.params.length).toBeLessThanOrEqual(100);
      expect(c.tags.length).toBeLessThanOrEqual(100);
      expect(c.metrics.length + c.params.length + c.tags.length).toBeLessThanOrEqual(1000);
    }
    expect(chunks.flatMap((c) => c.metrics).map((m) => m.step)).toEqual(metrics.map((m) => m.step));
    expect(chunks.flatMap((c) => c.params).length).toBe(150);
    expect(chunks.flatMap((c) => c.tags).length).toBe(120);
    // first request: 100 params + 100 tags + 800 metrics = 1000
    expect([chunks[0].params.length, chunks[0].tags.length, chunks[0].metrics.length]).toEqual([100, 100, 800]);
  });
  it('keeps each request under 1 MB', () => {
    const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: 'x'.repeat(4999) }));
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'y'.repeat(5999) }));
    for (const c of chunkLogBatch({ tags, params })) expect(Buffer.byteLength(JSON.stringify({ run_id: 'x'.repeat(32), ...c }))).toBeLessThan(1_000_000);
  });
});
