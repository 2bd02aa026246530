import type { CompiledProject } from '../compile/nodes.ts';
import { ProjectError } from '../project/errors.ts';
import type { Project } from '../project/types.ts';
import { featureTables } from './feature-tables.ts';
import { loadMlNodes, type MlNode } from './ml-nodes.ts';

/** An edge of the lineage graph; `version` is the pinned feature-table version a node reads. */
export interface LineageEdge {
  from: string;
  to: string;
  version?: number;
}

export interface LineageNode {
  id: string;
  kind: string;
  name: string;
}

export interface LineageGraph {
  nodes: Map<string, LineageNode>;
  edges: LineageEdge[];
  ml: MlNode[];
}

/**
 * The whole graph from sources to predictions: the compiled SQL graph without its
 * tests, plus the ML nodes declared under `ml:`. An ML input names a model, seed,
 * source (`source.table`) or another ML node.
 */
export function lineageGraph(project: Project, compiled: CompiledProject): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges: LineageEdge[] = [];
  for (const node of compiled.nodes.values()) {
    if (node.kind === 'test') continue;
    nodes.set(node.id, { id: node.id, kind: node.kind, name: node.name });
  }
  for (const node of compiled.nodes.values()) {
    if (node.kind === 'test') continue;
    for (const dep of node.dependsOn) if (nodes.has(dep)) edges.push({ from: dep, to: node.id });
  }
  const ml = loadMlNodes(project);
  const byName = new Map<string, string>();
  for (const n of nodes.values()) byName.set(n.name, n.id);
  for (const n of ml) {
    if (byName.has(n.name)) throw new ProjectError(`ml entry '${n.name}' has the name of ${byName.get(n.name)}: names must be unique`, n.file);
    byName.set(n.name, n.id);
    nodes.set(n.id, { id: n.id, kind: n.kind, name: n.name });
  }
  const features = new Set(featureTables(compiled).map((t) => t.node.id));
  for (const n of ml) {
    for (const input of n.dependsOn) {
      const from = byName.get(input.name) ?? (nodes.has(input.name) ? input.name : undefined);
      if (!from) throw new ProjectError(`ml entry '${n.name}' depends on '${input.name}', which is no model, seed, source or ml entry`, n.file);
      if (input.version !== undefined && !features.has(from)) throw new ProjectError(`ml entry '${n.name}' pins a version of '${input.name}', which is not a feature table`, n.file);
      edges.push({ from, to: n.id, ...(input.version !== undefined ? { version: input.version } : {}) });
    }
    for (const written of n.writes) {
      const to = byName.get(written) ?? (nodes.has(written) ? written : undefined);
      if (!to) throw new ProjectError(`ml entry '${n.name}' writes '${written}', which is no model, seed or source`, n.file);
      edges.push({ from: n.id, to });
    }
  }
  return { nodes, edges, ml };
}

/** Finds a node by id (`model.x`) or by name (`x`). */
export function resolveNode(graph: LineageGraph, ref: string): string {
  if (graph.nodes.has(ref)) return ref;
  const matches = [...graph.nodes.values()].filter((n) => n.name === ref || n.id.endsWith(`.${ref}`));
  if (matches.length === 1) return matches[0].id;
  if (matches.length > 1) throw new Error(`'${ref}' is ambiguous: ${matches.map((m) => m.id).join(', ')}`);
  throw new Error(`no node '${ref}' in the lineage graph; try 'stride ls'`);
}

/**
 * The tree above (upstream) or below (downstream) a node, one line per step,
 * indented by depth; a node seen before is marked instead of repeated.
 */
export function lineageTree(graph: LineageGraph, start: string, direction: 'upstream' | 'downstream'): string[] {
  const next = new Map<string, LineageEdge[]>();
  for (const e of graph.edges) {
    const key = direction === 'upstream' ? e.to : e.from;
    next.set(key, [...(next.get(key) ?? []), e]);
  }
  const lines: string[] = [start];
  const seen = new Set<string>([start]);
  const arrow = direction === 'upstream' ? '<-' : '->';
  const walk = (id: string, depth: number) => {
    const out = (next.get(id) ?? []).slice().sort((a, b) => (direction === 'upstream' ? a.from : a.to).localeCompare(direction === 'upstream' ? b.from : b.to));
    for (const edge of out) {
      const other = direction === 'upstream' ? edge.from : edge.to;
      const version = edge.version !== undefined ? ` [v${edge.version}]` : '';
      const repeat = seen.has(other);
      lines.push(`${'   '.repeat(depth)}${arrow} ${other}${version}${repeat ? ' (see above)' : ''}`);
      if (!repeat) {
        seen.add(other);
        walk(other, depth + 1);
      }
    }
  };
  walk(start, 1);
  return lines;
}

/** The manifest's view: ML nodes, every edge with its pinned version, and the feature tables. */
export function manifestLineage(project: Project, compiled: CompiledProject): Record<string, unknown> {
  const graph = lineageGraph(project, compiled);
  return {
    ml_nodes: Object.fromEntries(
      graph.ml.map((n) => [n.id, { unique_id: n.id, kind: n.kind, name: n.name, path: n.file, description: n.description ?? '', owner: n.owner, depends_on: n.dependsOn, writes: n.writes }]),
    ),
    lineage_edges: graph.edges,
    feature_tables: Object.fromEntries(featureTables(compiled).map((t) => [t.node.id, { ...t.spec, relation: compiled.dialect.relation(t.relation) }])),
  };
}
