/** What the docs site shows, as collected from the project, the feature tables and MLflow. */

export interface ColumnPage {
  name: string;
  /** Type in the built database, else the YAML `data_type`; empty when neither is known. */
  type: string;
  description: string;
  /** Data tests on this column, e.g. `not_null`, `accepted_range (min_value: 0)`. */
  tests: string[];
  /** In the built table but not documented in YAML. */
  undocumented: boolean;
}

export interface NodeLink {
  id: string;
  name: string;
  kind: string;
}

export interface NodePage {
  id: string;
  kind: 'model' | 'seed' | 'source' | 'training_set' | 'ml_model' | 'predictions';
  /** Colour group in the lineage graph: a feature table or staging model stands apart from other models. */
  group: string;
  name: string;
  description: string;
  path: string;
  relation?: string;
  materialized?: string;
  tags: string[];
  featureTable?: { primaryKeys: string[]; timestampKey: string; timestampZone: string; availableAfter?: string; owner?: string };
  columns: ColumnPage[];
  /** Tests on the whole node (model-level generic tests and singular tests). */
  tests: string[];
  /** Rendered SQL per engine, e.g. { duckdb: 'select ...', databricks: 'select ...' }. */
  compiledSql: { engine: string; target: string; sql: string }[];
  upstream: NodeLink[];
  downstream: NodeLink[];
  /** Page file relative to the site root, e.g. nodes/model.activity_features.html. */
  href: string;
}

export interface LineageData {
  nodes: { id: string; kind: string; group: string; name: string; description: string; href: string }[];
  edges: { id: string; source: string; target: string; version?: number }[];
}

export interface ProjectDocs {
  name: string;
  target: string;
  engines: string[];
  asOfVar: string;
  nodes: NodePage[];
  lineage: LineageData;
}

export interface AthleteLatest {
  asOf: string;
  days: number;
  ctl: number | null;
  atl: number | null;
  tsb: number | null;
  acwr: number | null;
  warmup: boolean;
  /** The rule of the rolling features, acwr > 1.5. */
  risk: boolean;
  /** The day's final flag in gold.athlete_predictions (rule or detector) when the rule alone did not raise it. */
  detectorRisk: boolean;
}

export interface RaceMarker {
  date: string;
  /** Position of the race day among the chart's days. */
  index: number;
  sportType: string;
  distanceKm: number;
  movingTimeSec: number;
}

export interface WeekBar {
  weekStart: string;
  daysInWeek: number;
  distanceKm: number;
  runDistanceKm: number;
  hours: number;
  tss: number;
  /** Share of the minutes with heart rate in zones 1-2, 3 and 4-5; null without heart rate that week. */
  lowPct: number | null;
  moderatePct: number | null;
  highPct: number | null;
}

export interface ZoneDistribution {
  /** Minutes in zones 1..5 over the whole history and over the last 28 days. */
  allMinutes: number[];
  last28Minutes: number[];
}

export interface PredictionCell {
  distance: string;
  seconds: number | null;
  p10: number | null;
  p90: number | null;
  baseline: number | null;
}

export interface AthletePrediction {
  asOf: string;
  source: string;
  nRuns: number | null;
  estimatorVersion: string | null;
  detectorVersion: string | null;
  baselineMethod: string | null;
  overtrainingProbability: number | null;
  isOvertrainingRisk: boolean | null;
  cells: PredictionCell[];
}

/** The daily series of one athlete, one entry per day of athlete_rolling_features. */
export interface DailySeries {
  dates: string[];
  ctl: (number | null)[];
  atl: (number | null)[];
  tsb: (number | null)[];
  tss: (number | null)[];
  acwr: (number | null)[];
  warmup: boolean[];
  risk: boolean[];
}

export interface AthleteReport {
  athleteId: string;
  latest: AthleteLatest;
  daily: DailySeries;
  races: RaceMarker[];
  weeks: WeekBar[];
  zones: ZoneDistribution;
  prediction: AthletePrediction | null;
}

export interface AthleteData {
  /** Why there are no athlete pages (no database yet, no feature tables), or undefined. */
  missing?: string;
  /** Why there are no predictions (no gold table yet), or undefined. */
  predictionsMissing?: string;
  asOf?: string;
  athletes: AthleteReport[];
}

export interface MlflowRun {
  id: string;
  name: string;
  status: string;
  start: string;
  durationSec: number | null;
  parentRunId?: string;
  keyMetrics: { key: string; value: number }[];
  metrics: { key: string; value: number }[];
  params: { key: string; value: string }[];
}

export interface MlflowVersion {
  version: string;
  created: string;
  status: string;
  runId: string | null;
  runName?: string;
  aliases: string[];
  keyMetrics: { key: string; value: number }[];
}

export interface MlflowView {
  /** Why there is nothing to show (no ./mlruns yet, a remote server), or undefined. */
  missing?: string;
  location: string;
  experiments: { id: string; name: string; runs: MlflowRun[] }[];
  models: { name: string; aliases: { alias: string; version: string }[]; versions: MlflowVersion[] }[];
}
