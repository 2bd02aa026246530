import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import type { CompileOptions } from '../../orchestrator/compile/compile-project.ts';
import { mlProject } from '../shared/project-tables.ts';
import { initBackend } from '../shared/tf.ts';
import { openTrackingStore } from '../tracking/index.ts';
import type { TrackingStore } from '../tracking/types.ts';
import type { TrainContext } from './context.ts';
import { featureTableVersions, gitRevision } from './provenance.ts';
import { trainDetectorRun, type DetectorOutcome } from './train-detector.ts';
import { trainEstimatorRuns, type EstimatorOutcome } from './train-estimator.ts';
import type { EstimatorConfig } from '../time_estimator/config.ts';

export interface TrainAllOptions extends CompileOptions {
  projectDir: string;
  sweep?: boolean;
  /** Simulator ground_truth/ folder: forced breaks label the detector instead of the proxy. */
  groundTruthDir?: string;
  estimatorConfig?: Partial<EstimatorConfig>;
  /** An open engine session (tests); otherwise the target's. */
  adapter?: Adapter;
  store?: TrackingStore;
  log?: (line: string) => void;
}

export interface TrainAllResult {
  backend: string;
  estimator: EstimatorOutcome;
  detector: DetectorOutcome;
  store: string;
  seconds: number;
}

/** `stride train`: both models from the feature tables of the target, logged and registered in MLflow. */
export async function trainAll(options: TrainAllOptions): Promise<TrainAllResult> {
  const t0 = performance.now();
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const backend = await initBackend(log);
  const project = mlProject(options.projectDir, options);
  const store = options.store ?? openTrackingStore(project.root);
  const adapter = options.adapter ?? (await project.open());
  try {
    const ctx: TrainContext = {
      adapter,
      tables: project.tables,
      compiled: project.compiled,
      store,
      projectRoot: project.root,
      log,
      tags: [
        { key: 'mlflow.source.git.commit', value: gitRevision(project.root) },
        { key: 'mlflow.source.type', value: 'LOCAL' },
        { key: 'mlflow.source.name', value: 'stride train' },
        { key: 'stride.feature_table_versions', value: await featureTableVersions(adapter, project.tables) },
        { key: 'stride.tfjs_backend', value: backend },
      ],
    };
    const estimator = await trainEstimatorRuns(ctx, { sweep: options.sweep, config: options.estimatorConfig });
    const detector = await trainDetectorRun(ctx, { groundTruthDir: options.groundTruthDir });
    return { backend, estimator, detector, store: store.location, seconds: (performance.now() - t0) / 1000 };
  } finally {
    if (!options.adapter) await adapter.close();
  }
}
