/** Stride's programmatic API: what the CLI commands call, usable from tests and scripts. */
import { randomUUID } from 'node:crypto';
import { openAdapter } from './adapters/index.ts';
import type { Adapter } from './adapters/adapter.ts';
import { compileProject, type CompileOptions } from './compile/compile-project.ts';
import type { CompiledProject } from './compile/nodes.ts';
import { selectNodes, type Selection } from './graph/select.ts';
import { loadProject } from './project/load-project.ts';
import type { Project } from './project/types.ts';
import { writeCompiledSql, writeManifest, writeRunResults } from './run/artifacts.ts';
import { executeGraph, type Command } from './run/execute-graph.ts';
import { textReporter, type Reporter } from './run/reporter.ts';
import { isFailure, type NodeResult } from './run/results.ts';
import { featureBuildHooks } from './featurestore/build-hooks.ts';
import { modelsRevision } from './featurestore/git-revision.ts';
import { outputColumns } from './featurestore/openlineage.ts';
import { publishRunLineage } from './featurestore/run-lineage.ts';
import type { FeatureTableVersion } from './featurestore/version-store.ts';

export interface CommandOptions extends CompileOptions, Selection {
  projectDir: string;
  fullRefresh?: boolean;
  threads?: number;
  reporter?: Reporter;
  /** An open engine session to use instead of opening the target's (tests pass in-memory DuckDB). */
  adapter?: Adapter;
}

export class CompileFailed extends Error {
  constructor(readonly compiled: CompiledProject) {
    super(`compilation failed:\n${compiled.errors.map((e) => `  ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`).join('\n')}`);
    this.name = 'CompileFailed';
  }
}

export interface CompileResult {
  project: Project;
  compiled: CompiledProject;
  compiledDir: string;
  manifestPath: string;
}

/** `stride compile`: renders every model for the target and writes target/compiled and the manifest, with no connection. */
export function compile(options: CommandOptions): CompileResult {
  const project = loadProject(options.projectDir);
  const compiled = compileProject(project, options);
  const manifestPath = writeManifest(project, compiled);
  if (compiled.errors.length > 0) throw new CompileFailed(compiled);
  return { project, compiled, compiledDir: writeCompiledSql(project, compiled), manifestPath };
}

export interface RunResult {
  results: NodeResult[];
  compiled: CompiledProject;
  success: boolean;
  elapsed: number;
  /** Id of this run in the feature-table versions and the OpenLineage events. */
  runId: string;
  /** Feature-table versions this run recorded (tables whose rows or columns changed). */
  versions: FeatureTableVersion[];
}

/** `stride seed | run | test | build`: compile, select, execute in DAG order, write artifacts. */
export async function runCommand(command: Command, options: CommandOptions): Promise<RunResult> {
  const t0 = performance.now();
  const { project, compiled } = compile(options);
  const selected = selectNodes(compiled.nodes, options);
  const reporter = options.reporter ?? textReporter();
  const adapter = options.adapter ?? (await openAdapter(compiled.target, project.root));
  const runId = randomUUID();
  const startedAt = new Date();
  const features = featureBuildHooks(compiled, { runId, createdAt: startedAt, gitRevision: modelsRevision(project.root, project.config.paths.models) });
  let results: NodeResult[];
  let columns;
  try {
    if (command === 'run' || command === 'build') await features.prepare(adapter);
    results = await executeGraph(adapter, compiled, {
      command,
      selected,
      fullRefresh: options.fullRefresh ?? false,
      threads: options.threads ?? compiled.target.threads,
      reporter,
      projectRoot: project.root,
      writeHooks: features,
    });
    columns = await outputColumns(adapter, compiled, results);
  } finally {
    if (!options.adapter) await adapter.close();
  }
  const elapsed = (performance.now() - t0) / 1000;
  reporter.summary(results, elapsed);
  writeRunResults(project, compiled, command, { select: options.select, exclude: options.exclude, target: compiled.target.name, full_refresh: options.fullRefresh ?? false }, results, elapsed);
  const success = !results.some(isFailure);
  await publishRunLineage(project, compiled, { runId, command, startedAt, finishedAt: new Date(), success }, results, columns, features.versions, reporter, options.env);
  return { results, compiled, success, elapsed, runId, versions: features.versions };
}
