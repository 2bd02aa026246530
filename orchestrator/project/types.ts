/** Shapes of a loaded Stride project. */

export type Materialization = 'view' | 'table' | 'incremental' | 'ephemeral';
export type IncrementalStrategy = 'merge' | 'delete+insert';
export type EngineType = 'duckdb' | 'databricks';

export interface ModelConfig {
  materialized: Materialization;
  schema: string;
  tags: string[];
  unique_key?: string[];
  incremental_strategy?: IncrementalStrategy;
  enabled: boolean;
  [key: string]: unknown;
}

export interface TargetConfig {
  name: string;
  type: EngineType;
  threads: number;
  /** DuckDB: database file (relative to the project) or ':memory:'. */
  path?: string;
  memory_limit?: string;
  temp_directory?: string;
  /** Databricks connection settings, already rendered from env_var(). */
  host?: string;
  http_path?: string;
  warehouse_id?: string;
  token?: string;
  client_id?: string;
  client_secret?: string;
  catalog?: string;
  /** Logical schema name -> physical schema name. */
  schemas: Record<string, string>;
}

export interface ProjectConfig {
  name: string;
  version?: string;
  paths: { models: string; macros: string; seeds: string; tests: string; target: string };
  vars: Record<string, unknown>;
  /** Folder config tree: keys are folder names below models/, values config or nested folders. */
  models: Record<string, unknown>;
  seeds: { schema: string; [seed: string]: unknown };
  targets: { default: string; [name: string]: unknown };
}

export interface ColumnDoc {
  name: string;
  description?: string;
  data_type?: string;
  data_tests?: unknown[];
}

export interface TestSpec {
  /** Generic test name, e.g. not_null. */
  name: string;
  args: Record<string, unknown>;
  column?: string;
  severity: 'error' | 'warn';
  where?: string;
}

/** Interval added to a timestamp key, e.g. `1 day`. */
export interface Interval {
  amount: number;
  unit: 'day' | 'hour' | 'minute' | 'second';
}

/**
 * A model's `feature_table:` block. Rows are unique on primary_keys + timestamp_key
 * (the keys name the entity, e.g. the athlete; the timestamp orders its history).
 */
export interface FeatureTableSpec {
  primary_keys: string[];
  timestamp_key: string;
  /** 'utc': the key is an instant; 'local': athlete wall-clock time (compared with a spine's local event time). */
  timestamp_zone: 'utc' | 'local';
  /** Added to the timestamp key to give the moment a row is complete, e.g. `1 day` for a row keyed by its date. */
  available_after?: Interval;
  /** A row stamped exactly at the event time stays invisible: its values describe that event. */
  strictly_before_event: boolean;
  description?: string;
  owner?: string;
  tags: Record<string, string>;
}

export interface ModelProperties {
  name: string;
  description?: string;
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  columns: ColumnDoc[];
  tests: TestSpec[];
  /** Optional feature-table declaration (feature store), validated against the columns. */
  feature_table?: FeatureTableSpec;
  file: string;
}

export interface ModelFile {
  name: string;
  /** Path relative to the project root, posix separators. */
  path: string;
  raw: string;
  properties?: ModelProperties;
}

export interface MacroFile { path: string; raw: string }

export interface SeedFile {
  name: string;
  path: string;
  column_types: Record<string, string>;
  all_varchar: boolean;
  /** From a `seeds:` entry in a YAML file in seeds/ (description, column docs, tests). */
  properties?: ModelProperties;
}

export interface SourceTable {
  source: string;
  name: string;
  schema: string;
  identifier: string;
  description?: string;
  columns: ColumnDoc[];
  tests: TestSpec[];
  file: string;
}

export interface SingularTest { name: string; path: string; raw: string }

export interface Project {
  root: string;
  config: ProjectConfig;
  models: ModelFile[];
  macros: MacroFile[];
  seeds: SeedFile[];
  sources: SourceTable[];
  singularTests: SingularTest[];
}
