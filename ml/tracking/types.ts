/** The part of MLflow's tracking and registry model Stride uses, shared by the file and REST stores. */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}
export interface KeyValue {
  key: string;
  value: string;
}

export interface RunInfo {
  run_id: string;
  run_name: string;
  experiment_id: string;
  status: RunStatus;
  start_time: number;
  end_time: number | null;
  artifact_uri: string;
  lifecycle_stage: string;
}

export interface Run {
  info: RunInfo;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

export interface ModelVersion {
  name: string;
  version: string;
  run_id: string | null;
  source: string;
  status: string;
  creation_timestamp: number;
  aliases: string[];
  tags: Record<string, string>;
}

export interface RegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  aliases: Record<string, string>;
}

export interface LogBatch {
  metrics?: Metric[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/** One tracking + registry backend: the local ./mlruns file store or an MLflow REST server. */
export interface TrackingStore {
  readonly kind: 'file' | 'rest';
  /** A printable location with no credentials in it. */
  readonly location: string;
  getOrCreateExperiment(name: string): Promise<string>;
  createRun(experimentId: string, options: { runName: string; tags?: KeyValue[]; startTime?: number }): Promise<RunInfo>;
  logBatch(runId: string, batch: LogBatch): Promise<void>;
  endRun(runId: string, status: RunStatus, endTime?: number): Promise<void>;
  getRun(runId: string): Promise<Run>;
  searchRuns(experimentIds: string[], maxResults?: number): Promise<Run[]>;
  /** Uploads one file under the run's artifact root (`path` is relative, '/'-separated). */
  logArtifact(run: RunInfo, path: string, content: Uint8Array | string): Promise<void>;
  /** Reads one artifact below an artifact URI (e.g. a model version's source). */
  downloadArtifact(artifactUri: string, path: string): Promise<Buffer>;
  ensureRegisteredModel(name: string, description?: string): Promise<void>;
  createModelVersion(name: string, source: string, runId: string, tags?: KeyValue[]): Promise<ModelVersion>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined>;
  listVersions(name: string): Promise<ModelVersion[]>;
  listRegisteredModels(): Promise<RegisteredModel[]>;
}
