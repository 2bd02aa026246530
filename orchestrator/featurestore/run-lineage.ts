import type { ColumnInfo } from '../adapters/adapter.ts';
import type { CompiledProject } from '../compile/nodes.ts';
import type { Project } from '../project/types.ts';
import type { Reporter } from '../run/reporter.ts';
import type { NodeResult } from '../run/results.ts';
import { postEvents, runEvents, writeEvents, type LineageRun } from './openlineage.ts';
import type { FeatureTableVersion } from './version-store.ts';

/** Writes the run's OpenLineage events under target/ and posts them when an endpoint is configured. */
export async function publishRunLineage(
  project: Project,
  compiled: CompiledProject,
  run: Omit<LineageRun, 'namespace'>,
  results: NodeResult[],
  columns: Map<string, ColumnInfo[]>,
  versions: FeatureTableVersion[],
  reporter: Reporter,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const events = runEvents(project, compiled, { ...run, namespace: env.OPENLINEAGE_NAMESPACE?.trim() || project.config.name }, results, columns, versions);
  const path = writeEvents(project, events);
  const { errors } = await postEvents(events, env);
  for (const error of errors) reporter.info(`OpenLineage: ${error}`);
  return path;
}
