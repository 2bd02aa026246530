import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import { openAdapter } from '../../orchestrator/adapters/index.ts';
import type { RelationName } from '../../orchestrator/adapters/dialect.ts';
import { compileProject, type CompileOptions } from '../../orchestrator/compile/compile-project.ts';
import type { CompiledProject, ModelNode } from '../../orchestrator/compile/nodes.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { CompileFailed } from '../../orchestrator/stride.ts';

/** The relations the models read and write, rendered for the target's engine. */
export interface MlTables {
  activity: string;
  rolling: string;
  predictions: string;
  predictionsName: RelationName;
  quote: (id: string) => string;
  engine: string;
}

export interface MlProject {
  root: string;
  tables: MlTables;
  compiled: CompiledProject;
  open(): Promise<Adapter>;
}

/** Compiles the project (no connection) to learn where the feature tables and the gold table live. */
export function mlProject(projectDir: string, options: CompileOptions = {}): MlProject {
  const project = loadProject(projectDir);
  const compiled = compileProject(project, options);
  if (compiled.errors.length > 0) throw new CompileFailed(compiled);
  const node = (name: string) => {
    const n = compiled.nodes.get(`model.${name}`) as ModelNode | undefined;
    if (!n) throw new Error(`the project has no ${name} model`);
    return n.relation;
  };
  const rolling = node('athlete_rolling_features');
  const gold = project.sources.find((s) => s.source === 'gold' && s.name === 'athlete_predictions');
  const predictionsName: RelationName = {
    catalog: rolling.catalog,
    schema: compiled.target.schemas?.[gold?.schema ?? 'gold'] ?? gold?.schema ?? 'gold',
    name: gold?.identifier ?? 'athlete_predictions',
  };
  const d = compiled.dialect;
  return {
    root: project.root,
    compiled,
    tables: {
      activity: d.relation(node('activity_features')),
      rolling: d.relation(rolling),
      predictions: d.relation(predictionsName),
      predictionsName,
      quote: (id) => d.quote(id),
      engine: compiled.target.type,
    },
    open: () => openAdapter(compiled.target, project.root),
  };
}
