import type { ColumnInfo } from '../adapters/adapter.ts';
import { compileProject, type CompileOptions } from '../compile/compile-project.ts';
import type { CompiledProject, GraphNode, TestNode } from '../compile/nodes.ts';
import { lineageGraph, type LineageGraph } from '../featurestore/lineage-graph.ts';
import type { ColumnDoc, EngineType, Project, TestSpec } from '../project/types.ts';
import { CompileFailed } from '../stride.ts';
import type { ColumnPage, NodeLink, NodePage, ProjectDocs } from './site-model.ts';

const ENGINES: EngineType[] = ['duckdb', 'databricks'];

/** A file name any file system accepts, from a node id such as `source.silver.strava_activities`. */
export const nodeHref = (id: string) => `nodes/${id.replace(/[^A-Za-z0-9._-]/g, '_')}.html`;

/**
 * The project compiled for one target of each engine, the primary target first, so every
 * model page shows its SQL as DuckDB and Databricks would run it. No connection is made.
 */
export function compileForEngines(project: Project, primary: CompiledProject, options: CompileOptions): CompiledProject[] {
  const targets = project.config.targets as Record<string, unknown>;
  const out = [primary];
  for (const engine of ENGINES) {
    if (engine === primary.target.type) continue;
    const name = Object.keys(targets).find((k) => k !== 'default' && (targets[k] as { type?: string } | undefined)?.type === engine);
    if (!name) continue;
    const compiled = compileProject(project, { ...options, target: name });
    if (compiled.errors.length > 0) throw new CompileFailed(compiled);
    out.push(compiled);
  }
  return out;
}

/** `accepted_range (min_value: 0) [warn]`: a test as one readable line. */
export function describeTest(test: TestNode): string {
  if (test.testName === 'singular') return `singular: ${test.name} (${test.path})`;
  const spec = test.spec as TestSpec | undefined;
  const args = Object.entries(spec?.args ?? {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `${test.testName}${args.length ? ` (${args.join(', ')})` : ''}${spec?.where ? ` where ${spec.where}` : ''}${test.severity === 'warn' ? ' [warn]' : ''}`;
}

function documentedColumns(node: GraphNode): ColumnDoc[] {
  if (node.kind === 'model') return node.model.properties?.columns ?? [];
  if (node.kind === 'seed') return node.seed.properties?.columns ?? [];
  if (node.kind === 'source') return node.source.columns;
  return [];
}

function description(node: GraphNode): string {
  if (node.kind === 'model') return node.model.properties?.description ?? '';
  if (node.kind === 'seed') return node.seed.properties?.description ?? '';
  if (node.kind === 'source') return node.source.description ?? '';
  return '';
}

/** Documented columns in YAML order with their database type, then columns only the database has. */
export function columnPages(docs: ColumnDoc[], built: ColumnInfo[] | undefined, testsByColumn: Map<string, string[]>): ColumnPage[] {
  const types = new Map((built ?? []).map((c) => [c.name.toLowerCase(), c.type]));
  const documented = new Set(docs.map((c) => c.name.toLowerCase()));
  return [
    ...docs.map((c) => ({
      name: c.name,
      type: types.get(c.name.toLowerCase()) ?? c.data_type ?? '',
      description: (c.description ?? '').trim(),
      tests: testsByColumn.get(c.name) ?? [],
      undocumented: false,
    })),
    ...(built ?? [])
      .filter((c) => !documented.has(c.name.toLowerCase()))
      .map((c) => ({ name: c.name, type: c.type, description: '', tests: testsByColumn.get(c.name) ?? [], undocumented: true })),
  ];
}

function group(node: GraphNode): string {
  if (node.kind !== 'model') return node.kind;
  if (node.model.properties?.feature_table) return 'feature_table';
  return node.path.split('/').includes('staging') ? 'staging' : 'model';
}

/**
 * Every model, seed, source and ML node of the project as a page: docs, columns with types
 * and tests, SQL per engine, and its neighbours in the lineage graph.
 */
export function collectProjectDocs(project: Project, compiledByEngine: CompiledProject[], builtColumns: Map<string, ColumnInfo[]>): ProjectDocs {
  const [primary] = compiledByEngine;
  const graph: LineageGraph = lineageGraph(project, primary);
  const link = (id: string): NodeLink => {
    const n = graph.nodes.get(id)!;
    return { id, name: n.name, kind: n.kind };
  };
  const byName = (a: NodeLink, b: NodeLink) => a.id.localeCompare(b.id);
  const tests = [...primary.nodes.values()].filter((n): n is TestNode => n.kind === 'test');
  const pages: NodePage[] = [];
  for (const node of primary.nodes.values()) {
    if (node.kind === 'test') continue;
    const own = tests.filter((t) => t.attachedTo.includes(node.id));
    const testsByColumn = new Map<string, string[]>();
    for (const t of own.filter((t) => t.column)) testsByColumn.set(t.column!, [...(testsByColumn.get(t.column!) ?? []), describeTest(t)]);
    const spec = node.kind === 'model' ? node.model.properties?.feature_table : undefined;
    pages.push({
      id: node.id,
      kind: node.kind,
      group: group(node),
      name: node.name,
      description: description(node).trim(),
      path: node.path,
      relation: primary.dialect.relation(node.relation),
      materialized: node.kind === 'model' ? node.config.materialized : undefined,
      tags: node.tags,
      featureTable: spec && {
        primaryKeys: spec.primary_keys,
        timestampKey: spec.timestamp_key,
        timestampZone: spec.timestamp_zone,
        availableAfter: spec.available_after ? `${spec.available_after.amount} ${spec.available_after.unit}` : undefined,
        owner: spec.owner,
      },
      columns: columnPages(documentedColumns(node), builtColumns.get(node.id), testsByColumn),
      tests: own.filter((t) => !t.column).map(describeTest),
      compiledSql:
        node.kind === 'model'
          ? compiledByEngine.map((c) => ({ engine: c.target.type, target: c.target.name, sql: (c.nodes.get(node.id) as typeof node | undefined)?.compiledSql ?? '' }))
          : [],
      upstream: graph.edges.filter((e) => e.to === node.id).map((e) => link(e.from)).sort(byName),
      downstream: graph.edges.filter((e) => e.from === node.id).map((e) => link(e.to)).sort(byName),
      href: nodeHref(node.id),
    });
  }
  for (const ml of graph.ml) {
    pages.push({
      id: ml.id,
      kind: ml.kind,
      group: ml.kind,
      name: ml.name,
      description: (ml.description ?? '').trim(),
      path: ml.file,
      tags: [],
      columns: [],
      tests: [],
      compiledSql: [],
      upstream: graph.edges.filter((e) => e.to === ml.id).map((e) => ({ ...link(e.from), name: `${link(e.from).name}${e.version !== undefined ? ` (v${e.version})` : ''}` })).sort(byName),
      downstream: graph.edges.filter((e) => e.from === ml.id).map((e) => link(e.to)).sort(byName),
      href: nodeHref(ml.id),
    });
  }
  const edgeIds = new Set<string>();
  return {
    name: project.config.name,
    target: primary.target.name,
    engines: compiledByEngine.map((c) => c.target.type),
    asOfVar: String(primary.vars.as_of_date ?? ''),
    nodes: pages,
    lineage: {
      nodes: pages.map((p) => ({ id: p.id, kind: p.kind, group: p.group, name: p.name, description: p.description, href: p.href })),
      edges: graph.edges
        .map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to, ...(e.version !== undefined ? { version: e.version } : {}) }))
        .filter((e) => !edgeIds.has(e.id) && !!edgeIds.add(e.id)),
    },
  };
}
