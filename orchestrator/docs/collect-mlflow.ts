import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { redactUrl } from '../../ml/tracking/auth.ts';
import { FileStore } from '../../ml/tracking/file-store.ts';
import type { Run } from '../../ml/tracking/types.ts';
import type { MlflowRun, MlflowView } from './site-model.ts';

/** The metrics a run's row shows; the page lists every other one under the row. */
export const KEY_METRICS = [
  'gate_passed',
  'validation_mape',
  'test_overall_model_mae',
  'test_overall_model_mape',
  'test_overall_riegel_mape',
  'test_overall_coverage',
  'test_auc',
  'test_model_f1',
  'test_rule_f1',
  'test_combined_f1',
];

const when = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : '');
const keyMetrics = (run: Run | undefined) => KEY_METRICS.filter((k) => run && run.metrics[k] !== undefined).map((key) => ({ key, value: run!.metrics[key] }));

/** Experiments of an MLflow file store: folders with a meta.yaml naming an active experiment. */
function experiments(root: string): { id: string; name: string }[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'models' && existsSync(join(root, e.name, 'meta.yaml')))
    .map((e) => parse(readFileSync(join(root, e.name, 'meta.yaml'), 'utf8')) as Record<string, unknown>)
    .filter((m) => m.lifecycle_stage !== 'deleted')
    .map((m) => ({ id: String(m.experiment_id), name: String(m.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function runView(run: Run): MlflowRun {
  return {
    id: run.info.run_id,
    name: run.info.run_name,
    status: run.info.status,
    start: when(run.info.start_time),
    durationSec: run.info.end_time ? Math.round((run.info.end_time - run.info.start_time) / 100) / 10 : null,
    parentRunId: run.tags['mlflow.parentRunId'],
    keyMetrics: keyMetrics(run),
    metrics: Object.entries(run.metrics).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value })),
    params: Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value })),
  };
}

/**
 * Runs and registered versions of the local MLflow file store (MLFLOW_TRACKING_URI unset, a
 * path or a file: URI). A missing store or a remote server gives a page that says so; the
 * store is read, never created.
 */
export async function collectMlflow(projectRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<MlflowView> {
  const empty = (location: string, missing: string): MlflowView => ({ location, missing, experiments: [], models: [] });
  const uri = env.MLFLOW_TRACKING_URI?.trim();
  // The same rule as openTrackingStore: http(s) and databricks are servers, the rest are file stores.
  if (uri && !uri.startsWith('file:') && /^(https?:|databricks)/.test(uri)) {
    const location = uri.startsWith('databricks') ? 'databricks' : redactUrl(uri);
    return empty(location, `MLFLOW_TRACKING_URI names a tracking server (${location}): its runs and models are in that server's UI, not in this static site`);
  }
  const root = uri ? resolve(uri.startsWith('file:') ? fileURLToPath(uri) : uri) : join(projectRoot, 'mlruns');
  if (!existsSync(root)) return empty(root, `no MLflow runs yet (${root} does not exist): run \`stride train\``);
  const store = new FileStore(root);
  const exps = experiments(root);
  const allRuns = new Map<string, Run>();
  const view: MlflowView = { location: root, experiments: [], models: [] };
  for (const e of exps) {
    const runs = await store.searchRuns([e.id]);
    for (const r of runs) allRuns.set(r.info.run_id, r);
    view.experiments.push({ id: e.id, name: e.name, runs: runs.map(runView) });
  }
  for (const m of await store.listRegisteredModels()) {
    const versions = await store.listVersions(m.name);
    view.models.push({
      name: m.name,
      aliases: Object.entries(m.aliases).map(([alias, version]) => ({ alias, version })),
      versions: versions.reverse().map((v) => {
        const run = v.run_id ? allRuns.get(v.run_id) : undefined;
        return { version: v.version, created: when(v.creation_timestamp), status: v.status, runId: v.run_id, runName: run?.info.run_name, aliases: v.aliases, keyMetrics: keyMetrics(run) };
      }),
    });
  }
  if (view.experiments.every((e) => e.runs.length === 0) && view.models.length === 0) view.missing = `no MLflow runs yet in ${root}: run \`stride train\``;
  return view;
}
