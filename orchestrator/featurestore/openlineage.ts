import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Adapter, ColumnInfo } from '../adapters/adapter.ts';
import type { RelationName } from '../adapters/dialect.ts';
import type { CompiledProject, GraphNode } from '../compile/nodes.ts';
import type { Project } from '../project/types.ts';
import type { NodeResult } from '../run/results.ts';
import type { FeatureTableVersion } from './version-store.ts';

/** OpenLineage spec versions the events follow (RunEvent 2-0-2 and the facets used). */
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACETS = {
  schema: 'https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  version: 'https://openlineage.io/spec/facets/1-0-0/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet',
  documentation: 'https://openlineage.io/spec/facets/1-0-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet',
  parent: 'https://openlineage.io/spec/facets/1-0-0/ParentRunFacet.json#/$defs/ParentRunFacet',
  errorMessage: 'https://openlineage.io/spec/facets/1-0-0/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
  jobType: 'https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
};
export const PRODUCER = 'urn:stride:orchestrator:0.1.0';

type Facet = Record<string, unknown>;
export interface Dataset {
  namespace: string;
  name: string;
  facets?: Record<string, Facet>;
}
export interface RunEvent {
  eventType: 'START' | 'COMPLETE' | 'FAIL' | 'ABORT';
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets?: Record<string, Facet> };
  job: { namespace: string; name: string; facets?: Record<string, Facet> };
  inputs: Dataset[];
  outputs: Dataset[];
}

const facet = (schemaURL: string, body: Facet): Facet => ({ _producer: PRODUCER, _schemaURL: schemaURL, ...body });

/** The run a command makes, as OpenLineage sees it: the parent of every node's run. */
export interface LineageRun {
  runId: string;
  command: string;
  startedAt: Date;
  finishedAt: Date;
  success: boolean;
  /** Job namespace (OPENLINEAGE_NAMESPACE, default the project name). */
  namespace: string;
}

/** Dataset namespace of the target, after the OpenLineage naming conventions. */
export function datasetNamespace(compiled: CompiledProject, projectRoot: string): string {
  const { target } = compiled;
  if (target.type === 'databricks') return `databricks://${(target.host ?? 'workspace').replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;
  const path = target.path ?? ':memory:';
  return path === ':memory:' ? 'duckdb://memory' : `duckdb://${isAbsolute(path) ? path : join(projectRoot, path)}`;
}

const datasetName = (rel: RelationName) => [rel.catalog, rel.schema, rel.name].filter(Boolean).join('.');

/** Columns of every table a command wrote, read before the session closes (schema facets). */
export async function outputColumns(adapter: Adapter, compiled: CompiledProject, results: NodeResult[]): Promise<Map<string, ColumnInfo[]>> {
  const out = new Map<string, ColumnInfo[]>();
  for (const result of results) {
    const node = compiled.nodes.get(result.id);
    if (result.status !== 'success' || !node || (node.kind !== 'model' && node.kind !== 'seed')) continue;
    out.set(node.id, await adapter.columns(node.relation).catch(() => []));
  }
  return out;
}

function inputsOf(node: GraphNode, compiled: CompiledProject, namespace: string, projectRoot: string): Dataset[] {
  if (node.kind === 'seed') return [{ namespace: 'file', name: join(projectRoot, node.seed.path) }];
  const inputs: Dataset[] = [];
  for (const id of node.dependsOn) {
    const dep = compiled.nodes.get(id);
    if (!dep || !('relation' in dep)) continue;
    // A source read on the local engine is the seed of the same name: one dataset, not two.
    if (dep.kind === 'seed' && node.dependsOn.some((d) => compiled.nodes.get(d)?.kind === 'source' && compiled.nodes.get(d)?.dependsOn.includes(dep.id))) continue;
    inputs.push({ namespace, name: datasetName(dep.relation) });
  }
  return inputs;
}

function outputOf(node: GraphNode & { relation: RelationName }, namespace: string, columns: ColumnInfo[] | undefined, version?: FeatureTableVersion): Dataset {
  const docs = new Map(
    (node.kind === 'model' ? node.model.properties?.columns ?? [] : node.kind === 'seed' ? node.seed.properties?.columns ?? [] : []).map((c) => [c.name, c.description]),
  );
  const description = node.kind === 'model' ? node.model.properties?.description : node.kind === 'seed' ? node.seed.properties?.description : undefined;
  const facets: Record<string, Facet> = {};
  if (columns?.length) {
    facets.schema = facet(FACETS.schema, {
      fields: columns.map((c) => ({ name: c.name, type: c.type, ...(docs.get(c.name) ? { description: docs.get(c.name)!.trim() } : {}) })),
    });
  }
  if (description) facets.documentation = facet(FACETS.documentation, { description: description.trim() });
  if (version) facets.version = facet(FACETS.version, { datasetVersion: String(version.version) });
  return { namespace, name: datasetName(node.relation), facets };
}

/**
 * START and COMPLETE/FAIL events for the command and for every seed and model it
 * ran (tests and skipped nodes make none), with inputs, outputs, schema facets and
 * the feature-table version each build recorded.
 */
export function runEvents(
  project: Project,
  compiled: CompiledProject,
  run: LineageRun,
  results: NodeResult[],
  columns: Map<string, ColumnInfo[]>,
  versions: FeatureTableVersion[],
): RunEvent[] {
  const namespace = datasetNamespace(compiled, project.root);
  const parentJob = { namespace: run.namespace, name: `${project.config.name}.${run.command}` };
  const jobType = (type: string) => ({ jobType: facet(FACETS.jobType, { processingType: 'BATCH', integration: 'STRIDE', jobType: type }) });
  const event = (type: RunEvent['eventType'], time: Date, runId: string, job: { namespace: string; name: string }, extra: Partial<RunEvent>): RunEvent => ({
    eventType: type,
    eventTime: time.toISOString(),
    producer: PRODUCER,
    schemaURL: SPEC,
    run: { runId, ...(extra.run ? { facets: extra.run.facets } : {}) },
    job: { ...job, facets: jobType(job === parentJob ? 'JOB' : 'TASK') },
    inputs: extra.inputs ?? [],
    outputs: extra.outputs ?? [],
  });
  const events: RunEvent[] = [event('START', run.startedAt, run.runId, parentJob, {})];
  const versionOf = new Map(versions.map((v) => [`model.${v.table}`, v]));
  const parent = { parent: facet(FACETS.parent, { run: { runId: run.runId }, job: parentJob }) };
  for (const result of results) {
    const node = compiled.nodes.get(result.id);
    if (!node || (node.kind !== 'model' && node.kind !== 'seed') || !['success', 'error'].includes(result.status)) continue;
    if (node.kind === 'model' && node.config.materialized === 'ephemeral') continue;
    const runId = randomUUID();
    const job = { namespace: run.namespace, name: `${project.config.name}.${node.id}` };
    const started = new Date(result.startedAt);
    const ended = new Date(started.getTime() + Math.round(result.executionTime * 1000));
    const inputs = inputsOf(node, compiled, namespace, project.root);
    events.push(event('START', started, runId, job, { run: { runId, facets: parent }, inputs, outputs: [outputOf(node, namespace, undefined)] }));
    if (result.status === 'success') {
      events.push(event('COMPLETE', ended, runId, job, { run: { runId, facets: parent }, inputs, outputs: [outputOf(node, namespace, columns.get(node.id), versionOf.get(node.id))] }));
    } else {
      const errorMessage = facet(FACETS.errorMessage, { message: result.message ?? 'failed', programmingLanguage: 'SQL' });
      events.push(event('FAIL', ended, runId, job, { run: { runId, facets: { ...parent, errorMessage } }, inputs, outputs: [outputOf(node, namespace, undefined)] }));
    }
  }
  events.push(event(run.success ? 'COMPLETE' : 'FAIL', run.finishedAt, run.runId, parentJob, {}));
  return events;
}

/** target/openlineage/events.jsonl: one event per line, the last command's run. */
export function writeEvents(project: Project, events: RunEvent[]): string {
  const dir = join(project.root, project.config.paths.target, 'openlineage');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'events.jsonl');
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return path;
}

/**
 * Posts the events, in order, to an OpenLineage HTTP endpoint when OPENLINEAGE_URL
 * is set (path OPENLINEAGE_ENDPOINT, default api/v1/lineage; OPENLINEAGE_API_KEY as a
 * bearer token). Returns the problems instead of failing the run: lineage is a side channel.
 */
export async function postEvents(events: RunEvent[], env: NodeJS.ProcessEnv = process.env): Promise<{ posted: number; errors: string[] }> {
  const base = env.OPENLINEAGE_URL?.trim();
  if (!base) return { posted: 0, errors: [] };
  const url = new URL(env.OPENLINEAGE_ENDPOINT?.trim() || 'api/v1/lineage', base.endsWith('/') ? base : `${base}/`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (env.OPENLINEAGE_API_KEY) headers.authorization = `Bearer ${env.OPENLINEAGE_API_KEY}`;
  let posted = 0;
  const errors: string[] = [];
  for (const e of events) {
    try {
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(e), signal: AbortSignal.timeout(10_000) });
      if (response.ok) posted++;
      else errors.push(`${url.origin}${url.pathname} answered ${response.status} for ${e.eventType} ${e.job.name}`);
    } catch (err) {
      errors.push(`cannot post to ${url.origin}${url.pathname}: ${(err as Error).message}`);
      break;
    }
  }
  return { posted, errors };
}
