import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { newExperimentId, newRunId } from './ids.ts';
import { mlflowYaml } from './mlflow-yaml.ts';
import { FileRegistry } from './file-registry.ts';
import type { KeyValue, LogBatch, ModelVersion, RegisteredModel, Run, RunInfo, RunStatus, TrackingStore } from './types.ts';
import { validateKey, validateParamValue, validateTagValue } from './validate.ts';

/** RunStatus as MLflow stores it in meta.yaml (mlflow/entities/run_status.py). */
const STATUS_CODE: Record<RunStatus, number> = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 };
const STATUS_NAME = Object.fromEntries(Object.entries(STATUS_CODE).map(([k, v]) => [v, k])) as Record<number, RunStatus>;
/** SourceType.LOCAL: the FileStore writes it into every run's meta.yaml. */
const SOURCE_TYPE_LOCAL = 4;
const RESERVED = new Set(['tags', 'datasets', 'traces', '.trash', 'models']);

/** Python's float formatting for the common cases, so metric files read like MLflow's ("1.0", "nan", "inf"). */
export function pythonFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? v.toFixed(1) : String(v);
}

const read = (file: string) => readFileSync(file, 'utf8');
const readYaml = (file: string) => parse(read(file)) as Record<string, any>;
function walkFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walkFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/**
 * The MLflow 2.x file store (mlflow/store/tracking/file_store.py), laid out exactly as
 * MLflow writes it, so `mlflow ui --backend-store-uri ./mlruns` reads it:
 *   <root>/<experiment_id>/meta.yaml, tags/<key>
 *   <root>/<experiment_id>/<run_id>/meta.yaml, metrics/<key> ("<ms> <value> <step>" lines),
 *     params/<key>, tags/<key>, artifacts/...
 *   <root>/models/... (the registry, see file-registry.ts), <root>/.trash
 */
export class FileStore implements TrackingStore {
  readonly kind = 'file';
  readonly root: string;
  private readonly registry: FileRegistry;

  constructor(root: string, private readonly userId = process.env.USER ?? 'stride') {
    this.root = resolve(root.startsWith('file:') ? fileURLToPath(root) : root);
    if (!existsSync(this.root)) {
      mkdirSync(this.root, { recursive: true });
      this.writeExperiment('0', 'Default');
    }
    mkdirSync(join(this.root, '.trash'), { recursive: true });
    this.registry = new FileRegistry(this.root);
  }

  get location(): string {
    return this.root;
  }

  private writeExperiment(id: string, name: string): void {
    const dir = join(this.root, id);
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    writeFileSync(
      join(dir, 'meta.yaml'),
      mlflowYaml({
        artifact_location: pathToFileURL(dir).href,
        creation_time: now,
        experiment_id: id,
        last_update_time: now,
        lifecycle_stage: 'active',
        name,
      }),
    );
  }

  private experimentIds(): string[] {
    return readdirSync(this.root).filter((d) => !RESERVED.has(d) && existsSync(join(this.root, d, 'meta.yaml')));
  }

  async getOrCreateExperiment(name: string): Promise<string> {
    for (const id of this.experimentIds()) {
      const meta = readYaml(join(this.root, id, 'meta.yaml'));
      if (meta.name === name && meta.lifecycle_stage === 'active') return String(meta.experiment_id);
    }
    const id = newExperimentId();
    this.writeExperiment(id, name);
    return id;
  }

  private runDir(runId: string): string {
    if (!/^[a-zA-Z0-9_-]{1,256}$/.test(runId)) throw new Error(`invalid run id '${runId}'`);
    for (const id of this.experimentIds()) {
      const dir = join(this.root, id, runId);
      if (existsSync(join(dir, 'meta.yaml'))) return dir;
    }
    throw new Error(`run '${runId}' not found in ${this.root}`);
  }

  private readInfo(dir: string): RunInfo {
    const m = readYaml(join(dir, 'meta.yaml'));
    return {
      run_id: m.run_id,
      run_name: m.run_name ?? '',
      experiment_id: String(m.experiment_id),
      status: STATUS_NAME[m.status] ?? 'RUNNING',
      start_time: m.start_time,
      end_time: m.end_time ?? null,
      artifact_uri: m.artifact_uri,
      lifecycle_stage: m.lifecycle_stage ?? 'active',
    };
  }

  /** meta.yaml of a run, with the legacy fields MLflow keeps writing for older readers. */
  private writeInfo(dir: string, info: RunInfo, userId: string): void {
    writeFileSync(
      join(dir, 'meta.yaml'),
      mlflowYaml({
        artifact_uri: info.artifact_uri,
        deleted_time: null,
        end_time: info.end_time,
        entry_point_name: '',
        experiment_id: info.experiment_id,
        lifecycle_stage: info.lifecycle_stage,
        run_id: info.run_id,
        run_name: info.run_name,
        run_uuid: info.run_id,
        source_name: '',
        source_type: SOURCE_TYPE_LOCAL,
        source_version: '',
        start_time: info.start_time,
        status: STATUS_CODE[info.status],
        tags: [],
        user_id: userId,
      }),
    );
  }

  async createRun(experimentId: string, options: { runName: string; tags?: KeyValue[]; startTime?: number }): Promise<RunInfo> {
    const expDir = join(this.root, experimentId);
    if (!existsSync(join(expDir, 'meta.yaml'))) throw new Error(`experiment ${experimentId} does not exist`);
    const runId = newRunId();
    const dir = join(expDir, runId);
    const expMeta = readYaml(join(expDir, 'meta.yaml'));
    const info: RunInfo = {
      run_id: runId,
      run_name: options.runName,
      experiment_id: experimentId,
      status: 'RUNNING',
      start_time: options.startTime ?? Date.now(),
      end_time: null,
      artifact_uri: `${String(expMeta.artifact_location).replace(/\/$/, '')}/${runId}/artifacts`,
      lifecycle_stage: 'active',
    };
    for (const sub of ['metrics', 'params', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
    this.writeInfo(dir, info, this.userId);
    const tags = [{ key: 'mlflow.runName', value: options.runName }, { key: 'mlflow.user', value: this.userId }, ...(options.tags ?? [])];
    await this.logBatch(runId, { tags });
    return info;
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    const dir = this.runDir(runId);
    for (const p of batch.params ?? []) {
      validateKey('param', p.key);
      validateParamValue(p.key, p.value);
      const file = join(dir, 'params', p.key);
      if (existsSync(file) && read(file) !== p.value) throw new Error(`param '${p.key}' was already logged with another value: MLflow params are immutable`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, p.value);
    }
    for (const m of batch.metrics ?? []) {
      validateKey('metric', m.key);
      const file = join(dir, 'metrics', m.key);
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${Math.trunc(m.timestamp)} ${pythonFloat(m.value)} ${Math.trunc(m.step)}\n`);
    }
    for (const t of batch.tags ?? []) {
      validateKey('tag', t.key);
      validateTagValue(t.key, t.value);
      const file = join(dir, 'tags', t.key);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, t.value);
    }
  }

  async endRun(runId: string, status: RunStatus, endTime = Date.now()): Promise<void> {
    const dir = this.runDir(runId);
    const meta = readYaml(join(dir, 'meta.yaml'));
    this.writeInfo(dir, { ...this.readInfo(dir), status, end_time: endTime }, meta.user_id ?? this.userId);
  }

  private runFrom(dir: string): Run {
    const info = this.readInfo(dir);
    const metrics: Record<string, number> = {};
    for (const key of walkFiles(join(dir, 'metrics'))) {
      // MLflow's latest value: the highest (step, timestamp, value).
      const points = read(join(dir, 'metrics', key)).trim().split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
      points.sort((a, b) => (a[2] ?? 0) - (b[2] ?? 0) || a[0] - b[0] || a[1] - b[1]);
      metrics[key] = points[points.length - 1][1];
    }
    const params = Object.fromEntries(walkFiles(join(dir, 'params')).map((k) => [k, read(join(dir, 'params', k))]));
    const tags = Object.fromEntries(walkFiles(join(dir, 'tags')).map((k) => [k, read(join(dir, 'tags', k))]));
    return { info, metrics, params, tags };
  }

  async getRun(runId: string): Promise<Run> {
    return this.runFrom(this.runDir(runId));
  }

  /** Metric history of one key, in file order. */
  metricHistory(runId: string, key: string): { timestamp: number; value: number; step: number }[] {
    const file = join(this.runDir(runId), 'metrics', key);
    if (!existsSync(file)) return [];
    return read(file).trim().split('\n').filter(Boolean).map((l) => {
      const [timestamp, value, step] = l.split(' ');
      return { timestamp: Number(timestamp), value: Number(value), step: Number(step ?? 0) };
    });
  }

  async searchRuns(experimentIds: string[], maxResults = 1000): Promise<Run[]> {
    const runs: Run[] = [];
    for (const id of experimentIds) {
      const expDir = join(this.root, id);
      if (!existsSync(expDir)) continue;
      for (const name of readdirSync(expDir)) {
        const dir = join(expDir, name);
        if (RESERVED.has(name) || !statSync(dir).isDirectory() || !existsSync(join(dir, 'meta.yaml'))) continue;
        const run = this.runFrom(dir);
        if (run.info.lifecycle_stage === 'active') runs.push(run);
      }
    }
    runs.sort((a, b) => b.info.start_time - a.info.start_time || a.info.run_id.localeCompare(b.info.run_id));
    return runs.slice(0, maxResults);
  }

  private artifactPath(artifactUri: string, path: string): string {
    if (!artifactUri.startsWith('file:')) throw new Error(`the file store reads file: artifact URIs, not ${artifactUri}`);
    const base = fileURLToPath(artifactUri);
    const full = resolve(base, path);
    if (full !== base && !full.startsWith(`${base}/`)) throw new Error(`artifact path '${path}' leaves the artifact root`);
    return full;
  }

  async logArtifact(run: RunInfo, path: string, content: Uint8Array | string): Promise<void> {
    const file = this.artifactPath(run.artifact_uri, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  async downloadArtifact(artifactUri: string, path: string): Promise<Buffer> {
    return readFileSync(this.artifactPath(artifactUri, path));
  }

  ensureRegisteredModel(name: string, description?: string): Promise<void> {
    return this.registry.ensureRegisteredModel(name, description);
  }
  createModelVersion(name: string, source: string, runId: string, tags?: KeyValue[]): Promise<ModelVersion> {
    return this.registry.createModelVersion(name, source, runId, tags);
  }
  setAlias(name: string, alias: string, version: string): Promise<void> {
    return this.registry.setAlias(name, alias, version);
  }
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    return this.registry.getVersionByAlias(name, alias);
  }
  listVersions(name: string): Promise<ModelVersion[]> {
    return this.registry.listVersions(name);
  }
  listRegisteredModels(): Promise<RegisteredModel[]> {
    return this.registry.listRegisteredModels();
  }
}
