import type { Endpoint } from './auth.ts';
import { MlflowApiError, MlflowHttp, type RetryPolicy } from './http.ts';
import { chunkLogBatch } from './log-batch-chunks.ts';
import type { KeyValue, LogBatch, ModelVersion, RegisteredModel, Run, RunInfo, RunStatus, TrackingStore } from './types.ts';

const API = '/api/2.0/mlflow';
const ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts';

const missing = (err: unknown) =>
  err instanceof MlflowApiError && (err.status === 404 || err.errorCode === 'RESOURCE_DOES_NOT_EXIST' || err.errorCode === 'INVALID_PARAMETER_VALUE');

function toRunInfo(info: any): RunInfo {
  return {
    run_id: info.run_id ?? info.run_uuid,
    run_name: info.run_name ?? '',
    experiment_id: String(info.experiment_id),
    status: info.status,
    start_time: Number(info.start_time),
    end_time: info.end_time === undefined || info.end_time === null ? null : Number(info.end_time),
    artifact_uri: info.artifact_uri,
    lifecycle_stage: info.lifecycle_stage ?? 'active',
  };
}

function toRun(run: any): Run {
  const latest = new Map<string, { value: number; step: number; timestamp: number }>();
  for (const m of run.data?.metrics ?? []) {
    const cur = latest.get(m.key);
    const next = { value: Number(m.value), step: Number(m.step ?? 0), timestamp: Number(m.timestamp) };
    if (!cur || next.step > cur.step || (next.step === cur.step && next.timestamp >= cur.timestamp)) latest.set(m.key, next);
  }
  return {
    info: toRunInfo(run.info),
    metrics: Object.fromEntries([...latest].map(([k, v]) => [k, v.value])),
    params: Object.fromEntries((run.data?.params ?? []).map((p: KeyValue) => [p.key, p.value])),
    tags: Object.fromEntries((run.data?.tags ?? []).map((t: KeyValue) => [t.key, t.value])),
  };
}

function toVersion(mv: any): ModelVersion {
  return {
    name: mv.name,
    version: String(mv.version),
    run_id: mv.run_id ?? null,
    source: mv.source,
    status: mv.status ?? 'READY',
    creation_timestamp: Number(mv.creation_timestamp),
    aliases: mv.aliases ?? [],
    tags: Object.fromEntries((mv.tags ?? []).map((t: KeyValue) => [t.key, t.value])),
  };
}

const joinPath = (...parts: string[]) => parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/**
 * The MLflow REST API (/api/2.0/mlflow/...) for an MLflow tracking server or Databricks:
 * log-batch split within the documented limits, artifacts through the mlflow-artifacts
 * proxy (or, on Databricks, the pre-signed URLs of credentials-for-write/read).
 */
export class RestStore implements TrackingStore {
  readonly kind = 'rest';
  readonly http: MlflowHttp;

  constructor(
    private readonly endpoint: Endpoint,
    policy?: RetryPolicy,
    fetchImpl?: typeof fetch,
  ) {
    this.http = new MlflowHttp(endpoint.baseUrl, endpoint.auth, policy, fetchImpl);
  }

  get location(): string {
    return this.endpoint.baseUrl;
  }

  async getOrCreateExperiment(name: string): Promise<string> {
    try {
      const found = await this.http.json('GET', `${API}/experiments/get-by-name`, { query: { experiment_name: name } });
      if (found.experiment?.lifecycle_stage !== 'deleted') return String(found.experiment.experiment_id);
    } catch (err) {
      if (!missing(err)) throw err;
    }
    const created = await this.http.json('POST', `${API}/experiments/create`, { json: { name } });
    return String(created.experiment_id);
  }

  async createRun(experimentId: string, options: { runName: string; tags?: KeyValue[]; startTime?: number }): Promise<RunInfo> {
    const body = {
      experiment_id: experimentId,
      run_name: options.runName,
      start_time: options.startTime ?? Date.now(),
      tags: [{ key: 'mlflow.runName', value: options.runName }, ...(options.tags ?? [])].slice(0, 100),
    };
    const response = await this.http.json('POST', `${API}/runs/create`, { json: body });
    const rest = (options.tags ?? []).slice(99);
    if (rest.length) await this.logBatch(response.run.info.run_id, { tags: rest });
    return toRunInfo(response.run.info);
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    for (const chunk of chunkLogBatch(batch)) {
      await this.http.json('POST', `${API}/runs/log-batch`, { json: { run_id: runId, ...chunk } });
    }
  }

  async endRun(runId: string, status: RunStatus, endTime = Date.now()): Promise<void> {
    await this.http.json('POST', `${API}/runs/update`, { json: { run_id: runId, status, end_time: endTime } });
  }

  async getRun(runId: string): Promise<Run> {
    return toRun((await this.http.json('GET', `${API}/runs/get`, { query: { run_id: runId } })).run);
  }

  async searchRuns(experimentIds: string[], maxResults = 1000): Promise<Run[]> {
    const runs: Run[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.http.json('POST', `${API}/runs/search`, {
        json: { experiment_ids: experimentIds, max_results: Math.min(1000, maxResults - runs.length), order_by: ['attributes.start_time DESC'], page_token: pageToken },
      });
      runs.push(...(page.runs ?? []).map(toRun));
      pageToken = page.next_page_token || undefined;
    } while (pageToken && runs.length < maxResults);
    return runs;
  }

  /** Databricks stores run artifacts on DBFS; the client reaches them through short-lived signed URLs. */
  private databricksTarget(artifactUri: string, path: string): { runId: string; path: string } | undefined {
    if (!this.endpoint.databricks || !artifactUri.startsWith('dbfs:')) return undefined;
    const match = /\/([0-9a-f]{32})\/artifacts(?:\/(.*))?$/.exec(artifactUri);
    if (!match) throw new Error(`cannot find the run id in the artifact URI ${artifactUri}`);
    return { runId: match[1], path: joinPath(match[2] ?? '', path) };
  }

  private async signedTransfer(kind: 'write' | 'read', target: { runId: string; path: string }, content?: Uint8Array | string): Promise<Response> {
    const credentials = await this.http.json('GET', `${API}/artifacts/credentials-for-${kind}`, { query: { run_id: target.runId, path: target.path } });
    const info = credentials.credential_infos?.[0];
    if (!info?.signed_uri) throw new Error(`no signed URL for artifact ${target.path}`);
    const headers: Record<string, string> = Object.fromEntries((info.headers ?? []).map((h: { name: string; value: string }) => [h.name, h.value]));
    if (kind === 'write' && info.type === 'AZURE_SAS_URI') headers['x-ms-blob-type'] = 'BlockBlob';
    return this.http.raw(kind === 'write' ? 'PUT' : 'GET', info.signed_uri, { absolute: true, headers, body: content });
  }

  /** The mlflow-artifacts proxy URL path for an artifact URI ('mlflow-artifacts:/...' or an http(s) URL on the proxy). */
  private proxyUrl(artifactUri: string, path: string): { url: string; absolute: boolean } {
    if (artifactUri.startsWith('mlflow-artifacts:')) {
      const rest = artifactUri.replace(/^mlflow-artifacts:(\/\/[^/]+)?/, '');
      return { url: `${ARTIFACTS_API}/${encodePath(joinPath(rest, path))}`, absolute: false };
    }
    if (/^https?:\/\//.test(artifactUri)) {
      if (!artifactUri.startsWith(this.endpoint.baseUrl)) throw new Error('artifact URI on another host: refusing to send credentials there');
      return { url: `${artifactUri.slice(this.endpoint.baseUrl.length)}/${encodePath(path)}`, absolute: false };
    }
    throw new Error(`artifact URI ${artifactUri.split(':')[0]}: is not served through the MLflow artifact proxy (start the server with --serve-artifacts)`);
  }

  async logArtifact(run: RunInfo, path: string, content: Uint8Array | string): Promise<void> {
    const databricks = this.databricksTarget(run.artifact_uri, path);
    if (databricks) {
      await this.signedTransfer('write', databricks, content);
      return;
    }
    const { url } = this.proxyUrl(run.artifact_uri, path);
    await this.http.raw('PUT', url, { body: content, headers: { 'content-type': 'application/octet-stream' } });
  }

  async downloadArtifact(artifactUri: string, path: string): Promise<Buffer> {
    const databricks = this.databricksTarget(artifactUri, path);
    const response = databricks ? await this.signedTransfer('read', databricks) : await this.http.raw('GET', this.proxyUrl(artifactUri, path).url);
    return Buffer.from(await response.arrayBuffer());
  }

  async ensureRegisteredModel(name: string, description?: string): Promise<void> {
    try {
      await this.http.json('POST', `${API}/registered-models/create`, { json: { name, description } });
    } catch (err) {
      if (!(err instanceof MlflowApiError && err.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw err;
    }
  }

  async createModelVersion(name: string, source: string, runId: string, tags: KeyValue[] = []): Promise<ModelVersion> {
    const created = await this.http.json('POST', `${API}/model-versions/create`, { json: { name, source, run_id: runId, tags } });
    let mv = created.model_version;
    // A server may register asynchronously: wait for READY (MLflow's client waits up to 300 s).
    for (let i = 0; mv.status === 'PENDING_REGISTRATION' && i < 300; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      mv = (await this.http.json('GET', `${API}/model-versions/get`, { query: { name, version: mv.version } })).model_version;
    }
    if (mv.status === 'FAILED_REGISTRATION') throw new Error(`model version registration failed: ${mv.status_message ?? ''}`);
    return toVersion(mv);
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.json('POST', `${API}/registered-models/alias`, { json: { name, alias, version } });
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    try {
      return toVersion((await this.http.json('GET', `${API}/registered-models/alias`, { query: { name, alias } })).model_version);
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  }

  async listVersions(name: string): Promise<ModelVersion[]> {
    const versions: ModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.http.json('GET', `${API}/model-versions/search`, {
        query: { filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 200, page_token: pageToken },
      });
      versions.push(...(page.model_versions ?? []).map(toVersion));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return versions.sort((a, b) => Number(a.version) - Number(b.version));
  }

  async listRegisteredModels(): Promise<RegisteredModel[]> {
    const models: RegisteredModel[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.http.json('GET', `${API}/registered-models/search`, { query: { max_results: 100, page_token: pageToken } });
      for (const m of page.registered_models ?? []) {
        models.push({
          name: m.name,
          creation_timestamp: Number(m.creation_timestamp),
          last_updated_timestamp: Number(m.last_updated_timestamp),
          aliases: Object.fromEntries((m.aliases ?? []).map((a: { alias: string; version: string }) => [a.alias, String(a.version)])),
        });
      }
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return models;
  }
}
