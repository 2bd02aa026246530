import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A spec-following MLflow test server on 127.0.0.1, written from the MLflow REST API
 * reference (a real MLflow server cannot be installed here). It keeps state in memory,
 * enforces the LogBatch limits, serves the mlflow-artifacts proxy, Databricks-style
 * signed artifact URLs and the Databricks OAuth token endpoint, and can be told to fail
 * the next requests with a given status to exercise retries.
 */
export interface MlflowTestServer {
  url: string;
  requests: { method: string; path: string; authorization?: string; body?: any }[];
  /** Statuses to answer the next API requests with, in order, before serving normally. */
  failNext: number[];
  artifacts: Map<string, Buffer>;
  close(): Promise<void>;
}

interface Options {
  token?: string;
  oauth?: { clientId: string; clientSecret: string };
  databricksArtifacts?: boolean;
}

const LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 };

export async function startMlflowTestServer(options: Options = {}): Promise<MlflowTestServer> {
  const experiments = new Map<string, { experiment_id: string; name: string; lifecycle_stage: string; artifact_location: string }>();
  const runs = new Map<string, { info: any; metrics: any[]; params: Map<string, string>; tags: Map<string, string> }>();
  const models = new Map<string, { name: string; creation_timestamp: number; last_updated_timestamp: number; versions: any[]; aliases: Map<string, string> }>();
  const artifacts = new Map<string, Buffer>();
  const requests: MlflowTestServer['requests'] = [];
  const failNext: number[] = [];
  let nextExp = 1;
  let nextRun = 1;
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error_code: code, message });
  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const runJson = (r: { info: any; metrics: any[]; params: Map<string, string>; tags: Map<string, string> }) => ({
    info: r.info,
    data: { metrics: r.metrics, params: [...r.params].map(([key, value]) => ({ key, value })), tags: [...r.tags].map(([key, value]) => ({ key, value })) },
  });
  const versionJson = (m: { aliases: Map<string, string> }, v: any) => ({ ...v, aliases: [...m.aliases].filter(([, n]) => n === v.version).map(([a]) => a) });

  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const body = isJson && raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    requests.push({ method: req.method ?? '', path: u.pathname, authorization: req.headers.authorization, body });

    if (u.pathname === '/oidc/v1/token') {
      const expected = options.oauth && `Basic ${Buffer.from(`${options.oauth.clientId}:${options.oauth.clientSecret}`).toString('base64')}`;
      if (!expected || req.headers.authorization !== expected || !raw.toString().includes('grant_type=client_credentials')) return error(res, 401, 'UNAUTHENTICATED', 'bad client');
      return send(res, 200, { access_token: 'oauth-access-token', token_type: 'Bearer', expires_in: 3600 });
    }
    if (u.pathname.startsWith('/signed/')) {
      const key = decodeURIComponent(u.pathname.slice('/signed/'.length));
      if (req.method === 'PUT') {
        artifacts.set(key, raw);
        return send(res, 200, {});
      }
      return artifacts.has(key) ? (res.writeHead(200), res.end(artifacts.get(key))) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no such artifact');
    }
    const expectedAuth = options.token ? `Bearer ${options.token}` : options.oauth ? 'Bearer oauth-access-token' : undefined;
    if (expectedAuth && req.headers.authorization !== expectedAuth) return error(res, 401, 'UNAUTHENTICATED', 'Credential was not sent or was of an unsupported type');
    if (failNext.length) return error(res, failNext.shift()!, 'TEMPORARILY_UNAVAILABLE', 'try again');

    const p = u.pathname;
    const q = (k: string) => u.searchParams.get(k) ?? '';
    if (p.startsWith('/api/2.0/mlflow-artifacts/artifacts/')) {
      const key = decodeURIComponent(p.slice('/api/2.0/mlflow-artifacts/artifacts/'.length));
      if (req.method === 'PUT') {
        artifacts.set(key, raw);
        return send(res, 200, {});
      }
      return artifacts.has(key) ? (res.writeHead(200), res.end(artifacts.get(key))) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no such artifact');
    }
    switch (`${req.method} ${p}`) {
      case 'GET /api/2.0/mlflow/experiments/get-by-name': {
        const e = [...experiments.values()].find((x) => x.name === q('experiment_name'));
        return e ? send(res, 200, { experiment: e }) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${q('experiment_name')}'`);
      }
      case 'POST /api/2.0/mlflow/experiments/create': {
        if ([...experiments.values()].some((x) => x.name === body.name)) return error(res, 400, 'RESOURCE_ALREADY_EXISTS', 'exists');
        const id = String(nextExp++);
        experiments.set(id, { experiment_id: id, name: body.name, lifecycle_stage: 'active', artifact_location: options.databricksArtifacts ? `dbfs:/databricks/mlflow-tracking/${id}` : `mlflow-artifacts:/${id}` });
        return send(res, 200, { experiment_id: id });
      }
      case 'POST /api/2.0/mlflow/runs/create': {
        const e = experiments.get(body.experiment_id);
        if (!e) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no experiment');
        if ((body.tags ?? []).length > LIMITS.tags) return error(res, 400, 'INVALID_PARAMETER_VALUE', 'too many tags');
        const id = (nextRun++).toString(16).padStart(32, '0');
        const info = { run_id: id, run_uuid: id, run_name: body.run_name, experiment_id: e.experiment_id, status: 'RUNNING', start_time: body.start_time, artifact_uri: `${e.artifact_location}/${id}/artifacts`, lifecycle_stage: 'active' };
        const run = { info, metrics: [] as any[], params: new Map<string, string>(), tags: new Map<string, string>((body.tags ?? []).map((t: any) => [t.key, t.value])) };
        runs.set(id, run);
        return send(res, 200, { run: runJson(run) });
      }
      case 'POST /api/2.0/mlflow/runs/log-batch': {
        const run = runs.get(body.run_id);
        if (!run) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no run');
        const [m, pa, t] = [body.metrics ?? [], body.params ?? [], body.tags ?? []];
        if (m.length > LIMITS.metrics || pa.length > LIMITS.params || t.length > LIMITS.tags || m.length + pa.length + t.length > LIMITS.total || raw.length > 1_000_000) {
          return error(res, 400, 'INVALID_PARAMETER_VALUE', `A batch logging request can contain at most 1000 metrics, 100 params, 100 tags; got ${m.length}, ${pa.length}, ${t.length}`);
        }
        for (const x of pa) {
          if (run.params.has(x.key) && run.params.get(x.key) !== x.value) return error(res, 400, 'INVALID_PARAMETER_VALUE', 'Changing param values is not allowed');
          run.params.set(x.key, x.value);
        }
        run.metrics.push(...m);
        for (const x of t) run.tags.set(x.key, x.value);
        return send(res, 200, {});
      }
      case 'POST /api/2.0/mlflow/runs/update': {
        const run = runs.get(body.run_id);
        if (!run) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no run');
        Object.assign(run.info, { status: body.status, end_time: body.end_time });
        return send(res, 200, { run_info: run.info });
      }
      case 'GET /api/2.0/mlflow/runs/get': {
        const run = runs.get(q('run_id'));
        return run ? send(res, 200, { run: runJson(run) }) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no run');
      }
      case 'POST /api/2.0/mlflow/runs/search': {
        const found = [...runs.values()].filter((r) => body.experiment_ids.includes(r.info.experiment_id)).sort((a, b) => b.info.start_time - a.info.start_time);
        const start = Number(body.page_token ?? 0);
        const page = found.slice(start, start + (body.max_results ?? 1000));
        return send(res, 200, { runs: page.map(runJson), next_page_token: start + page.length < found.length ? String(start + page.length) : undefined });
      }
      case 'GET /api/2.0/mlflow/artifacts/credentials-for-write':
      case 'GET /api/2.0/mlflow/artifacts/credentials-for-read': {
        const key = `${q('run_id')}/${q('path')}`;
        return send(res, 200, { credential_infos: [{ run_id: q('run_id'), path: q('path'), signed_uri: `${url}/signed/${encodeURIComponent(key)}`, type: 'AWS_PRESIGNED_URL', headers: [] }] });
      }
      case 'POST /api/2.0/mlflow/registered-models/create': {
        if (models.has(body.name)) return error(res, 400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${body.name}) already exists.`);
        models.set(body.name, { name: body.name, creation_timestamp: Date.now(), last_updated_timestamp: Date.now(), versions: [], aliases: new Map() });
        return send(res, 200, { registered_model: { name: body.name } });
      }
      case 'POST /api/2.0/mlflow/model-versions/create': {
        const m = models.get(body.name);
        if (!m) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no model');
        const v = { name: body.name, version: String(m.versions.length + 1), creation_timestamp: Date.now(), source: body.source, run_id: body.run_id, status: 'READY', tags: body.tags ?? [] };
        m.versions.push(v);
        return send(res, 200, { model_version: versionJson(m, v) });
      }
      case 'POST /api/2.0/mlflow/registered-models/alias': {
        const m = models.get(body.name);
        if (!m || !m.versions.some((v) => v.version === String(body.version))) return error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'no such version');
        m.aliases.set(body.alias, String(body.version));
        return send(res, 200, {});
      }
      case 'GET /api/2.0/mlflow/registered-models/alias': {
        const m = models.get(q('name'));
        const v = m && m.versions.find((x) => x.version === m.aliases.get(q('alias')));
        return v ? send(res, 200, { model_version: versionJson(m!, v) }) : error(res, 404, 'RESOURCE_DOES_NOT_EXIST', 'Registered model alias not found.');
      }
      case 'GET /api/2.0/mlflow/model-versions/search': {
        const name = /name\s*=\s*'([^']*)'/.exec(q('filter'))?.[1];
        const m = name ? models.get(name) : undefined;
        return send(res, 200, { model_versions: m ? m.versions.map((v) => versionJson(m, v)) : [] });
      }
      case 'GET /api/2.0/mlflow/registered-models/search':
        return send(res, 200, { registered_models: [...models.values()].map((m) => ({ name: m.name, creation_timestamp: m.creation_timestamp, last_updated_timestamp: m.last_updated_timestamp, aliases: [...m.aliases].map(([alias, version]) => ({ alias, version })) })) });
      default:
        return error(res, 404, 'ENDPOINT_NOT_FOUND', `${req.method} ${p}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, failNext, artifacts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
