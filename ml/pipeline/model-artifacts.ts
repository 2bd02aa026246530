import { deserializeModel, serializeModel } from '../shared/model-io.ts';
import type { tf } from '../shared/tf.ts';
import type { RunInfo, TrackingStore } from '../tracking/types.ts';
import { mlmodelFile } from './mlmodel.ts';

/** Logs a tfjs model with its spec under `model/` of the run; returns the URI a registry version points at. */
export async function logModel(store: TrackingStore, run: RunInfo, model: tf.LayersModel, spec: object, inputs: readonly string[], outputs: readonly string[]): Promise<string> {
  const files = await serializeModel(model);
  await store.logArtifact(run, 'model/model.json', files['model.json']);
  await store.logArtifact(run, 'model/weights.bin', files['weights.bin']);
  await store.logArtifact(run, 'model/feature_spec.json', JSON.stringify(spec, null, 2));
  await store.logArtifact(run, 'model/MLmodel', mlmodelFile(run.run_id, inputs, outputs));
  return `${run.artifact_uri.replace(/\/$/, '')}/model`;
}

export interface LoadedModel<S> {
  model: tf.LayersModel;
  spec: S;
  version: string;
}

/** The model a registry alias points at, or undefined when the alias is not set. */
export async function loadAliasedModel<S>(store: TrackingStore, name: string, alias = 'champion'): Promise<LoadedModel<S> | undefined> {
  const version = await store.getVersionByAlias(name, alias);
  if (!version) return undefined;
  const [json, weights, spec] = await Promise.all([
    store.downloadArtifact(version.source, 'model.json'),
    store.downloadArtifact(version.source, 'weights.bin'),
    store.downloadArtifact(version.source, 'feature_spec.json'),
  ]);
  return { model: await deserializeModel(json.toString('utf8'), new Uint8Array(weights)), spec: JSON.parse(spec.toString('utf8')) as S, version: version.version };
}
