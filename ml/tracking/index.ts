import { endpointFromEnv } from './auth.ts';
import { FileStore } from './file-store.ts';
import { RestStore } from './rest-store.ts';
import type { TrackingStore } from './types.ts';

export type { TrackingStore } from './types.ts';

/**
 * The tracking store MLFLOW_TRACKING_URI names: an http(s) MLflow server or `databricks`
 * goes through the REST API; unset, a file: URI or a plain path is the local MLflow file store
 * (default ./mlruns under the project).
 */
export function openTrackingStore(projectDir: string, env: NodeJS.ProcessEnv = process.env): TrackingStore {
  const endpoint = endpointFromEnv(env);
  if (endpoint) return new RestStore(endpoint);
  const uri = env.MLFLOW_TRACKING_URI?.trim();
  return new FileStore(uri ? uri : `${projectDir.replace(/\/$/, '')}/mlruns`);
}
