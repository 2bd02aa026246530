import type { Dialect, RelationName } from '../adapters/dialect.ts';
import type { CompileContext } from './compile-project.ts';
import type { ModelConfig, ModelFile, SeedFile, SourceTable, TargetConfig, TestSpec } from '../project/types.ts';

interface BaseNode {
  /** Unique id such as `model.activity_features`. */
  id: string;
  name: string;
  path: string;
  dependsOn: string[];
  tags: string[];
}

export interface ModelNode extends BaseNode {
  kind: 'model';
  model: ModelFile;
  config: ModelConfig;
  relation: RelationName;
  /** The model's SELECT, rendered for a first (non-incremental) build. */
  compiledSql: string;
  checksum: string;
}

export interface SeedNode extends BaseNode {
  kind: 'seed';
  seed: SeedFile;
  relation: RelationName;
  checksum: string;
}

export interface SourceNode extends BaseNode {
  kind: 'source';
  source: SourceTable;
  relation: RelationName;
}

export interface TestNode extends BaseNode {
  kind: 'test';
  /** Generic test name, or `singular`. */
  testName: string;
  column?: string;
  severity: 'error' | 'warn';
  /** Node ids the test checks; a failure stops their downstream models in `build`. */
  attachedTo: string[];
  compiledSql: string;
  spec?: TestSpec;
}

export type GraphNode = ModelNode | SeedNode | SourceNode | TestNode;

export interface CompileError {
  file: string;
  line?: number;
  message: string;
}

export interface CompiledProject {
  nodes: Map<string, GraphNode>;
  errors: CompileError[];
  /** Vars as rendered, after --vars and the as-of date were fixed. */
  vars: Record<string, unknown>;
  target: TargetConfig;
  dialect: Dialect;
  /** What a later re-render (an incremental build) needs. */
  context: CompileContext;
}

export const isModel = (n: GraphNode): n is ModelNode => n.kind === 'model';
export const isTest = (n: GraphNode): n is TestNode => n.kind === 'test';
