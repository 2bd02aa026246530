import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CompiledProject, GraphNode } from '../compile/nodes.ts';
import { manifestLineage } from '../featurestore/lineage-graph.ts';
import { childrenMap } from '../graph/dag.ts';
import type { Project } from '../project/types.ts';
import type { NodeResult } from './results.ts';

export const STRIDE_VERSION = '0.1.0';

const json = (value: unknown) => `${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function describeNode(node: GraphNode, compiled: CompiledProject): Record<string, unknown> {
  const base = { unique_id: node.id, kind: node.kind, name: node.name, path: node.path, depends_on: node.dependsOn, tags: node.tags };
  const relation = 'relation' in node ? compiled.dialect.relation(node.relation) : undefined;
  switch (node.kind) {
    case 'model': {
      const p = node.model.properties;
      return {
        ...base,
        relation,
        config: node.config,
        description: p?.description ?? '',
        meta: p?.meta ?? {},
        feature_table: p?.feature_table,
        columns: Object.fromEntries((p?.columns ?? []).map((c) => [c.name, c])),
        checksum: { name: 'sha256', checksum: node.checksum },
        compiled_path: `compiled/${compiled.target.name}/${node.path}`,
      };
    }
    case 'seed':
      return {
        ...base,
        relation,
        column_types: node.seed.column_types,
        description: node.seed.properties?.description ?? '',
        columns: Object.fromEntries((node.seed.properties?.columns ?? []).map((c) => [c.name, c])),
      };
    case 'source':
      return { ...base, relation, description: node.source.description ?? '', columns: Object.fromEntries(node.source.columns.map((c) => [c.name, c])) };
    case 'test':
      return { ...base, test_name: node.testName, column: node.column, severity: node.severity, attached_to: node.attachedTo, compiled_sql: node.compiledSql };
  }
}

/** target/manifest.json: nodes, edges, config, column docs and checksums. */
export function writeManifest(project: Project, compiled: CompiledProject): string {
  const nodes = [...compiled.nodes.values()];
  const children = childrenMap(nodes);
  const manifest = {
    metadata: {
      stride_version: STRIDE_VERSION,
      project_name: project.config.name,
      target: compiled.target.name,
      engine: compiled.target.type,
      generated_at: new Date().toISOString(),
      vars: compiled.vars,
    },
    nodes: Object.fromEntries(nodes.map((n) => [n.id, describeNode(n, compiled)])),
    parent_map: Object.fromEntries(nodes.map((n) => [n.id, n.dependsOn])),
    child_map: Object.fromEntries(nodes.map((n) => [n.id, children.get(n.id) ?? []])),
    errors: compiled.errors,
    // Feature tables, ML nodes (training sets, models, predictions) and edges with pinned versions.
    ...manifestLineage(project, compiled),
  };
  const path = join(project.root, project.config.paths.target, 'manifest.json');
  writeFile(path, json(manifest));
  return path;
}

/** target/compiled/<target>/<model path>: the rendered SELECT of every model and singular test. */
export function writeCompiledSql(project: Project, compiled: CompiledProject): string {
  const dir = join(project.root, project.config.paths.target, 'compiled', compiled.target.name);
  for (const node of compiled.nodes.values()) {
    if (node.kind === 'model' || (node.kind === 'test' && node.testName === 'singular')) writeFile(join(dir, node.path), `${node.compiledSql}\n`);
  }
  return dir;
}

export function writeRunResults(project: Project, compiled: CompiledProject, command: string, args: Record<string, unknown>, results: NodeResult[], elapsed: number): string {
  const path = join(project.root, project.config.paths.target, 'run_results.json');
  writeFile(
    path,
    json({
      metadata: { stride_version: STRIDE_VERSION, generated_at: new Date().toISOString(), target: compiled.target.name, as_of_date: compiled.vars.as_of_date },
      command,
      args,
      elapsed_time: elapsed,
      results: results.map((r) => ({
        unique_id: r.id,
        status: r.status,
        action: r.action,
        relation: r.relation,
        rows_affected: r.rowsAffected,
        failures: r.failures,
        message: r.message,
        execution_time: r.executionTime,
        started_at: r.startedAt,
      })),
    }),
  );
  return path;
}
