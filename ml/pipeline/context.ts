import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import type { CompiledProject } from '../../orchestrator/compile/nodes.ts';
import type { MlTables } from '../shared/project-tables.ts';
import type { KeyValue, TrackingStore } from '../tracking/types.ts';

export const ESTIMATOR_EXPERIMENT = 'stride-time-estimator';
export const DETECTOR_EXPERIMENT = 'stride-overtraining-detector';
export const ESTIMATOR_MODEL = 'stride_time_estimator';
export const DETECTOR_MODEL = 'stride_overtraining_detector';
export const CHAMPION = 'champion';

/** What every training step needs: the engine session, the tables, the tracking store and the provenance tags. */
export interface TrainContext {
  adapter: Adapter;
  tables: MlTables;
  compiled: CompiledProject;
  store: TrackingStore;
  projectRoot: string;
  /** Tags every run gets: git revision, feature-table versions. */
  tags: KeyValue[];
  log: (line: string) => void;
}

/** Flattens nested numbers into MLflow metric keys: {a: {b: 1}} -> a_b. NaN values are left out. */
export function flatMetrics(prefix: string, value: unknown, out: Record<string, number> = {}): Record<string, number> {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) out[prefix] = value;
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatMetrics(prefix ? `${prefix}_${k}` : k, v, out);
  }
  return out;
}
