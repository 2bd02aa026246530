import { randomUUID } from 'node:crypto';
import { tf } from '../shared/tf.ts';
import { mlflowYaml } from '../tracking/mlflow-yaml.ts';

/**
 * The MLmodel file MLflow reads for a logged model: a custom `stride_tfjs` flavor (the
 * tfjs layers files beside it) and a column signature in MLflow's schema JSON.
 */
export function mlmodelFile(runId: string, inputs: readonly string[], outputs: readonly string[], now = new Date()): string {
  const columns = (names: readonly string[]) => JSON.stringify(names.map((name) => ({ type: 'double', name, required: true })));
  return mlflowYaml({
    artifact_path: 'model',
    flavors: {
      stride_tfjs: {
        format: 'tfjs-layers-model',
        model_json: 'model.json',
        weights: 'weights.bin',
        feature_spec: 'feature_spec.json',
        tfjs_version: tf.version.tfjs,
      },
    },
    model_uuid: randomUUID().replace(/-/g, ''),
    run_id: runId,
    signature: { inputs: columns(inputs), outputs: columns(outputs), params: null },
    utc_time_created: now.toISOString().replace('T', ' ').replace('Z', '000'),
  });
}
