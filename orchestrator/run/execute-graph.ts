import { join } from 'node:path';
import type { Adapter } from '../adapters/adapter.ts';
import type { CompiledProject, GraphNode, TestNode } from '../compile/nodes.ts';
import { childrenMap, reachable } from '../graph/dag.ts';
import { buildModel, type WriteHooks } from './materialize.ts';
import type { Reporter } from './reporter.ts';
import type { NodeResult } from './results.ts';
import { runDataTest } from './run-test.ts';

export type Command = 'seed' | 'run' | 'test' | 'build';

export interface ExecuteOptions {
  command: Command;
  selected: Set<string>;
  fullRefresh: boolean;
  threads: number;
  reporter: Reporter;
  projectRoot: string;
  /** Called inside each table build's transaction (feature-table versions). */
  writeHooks?: WriteHooks;
}

const KINDS: Record<Command, GraphNode['kind'][]> = {
  seed: ['seed'],
  run: ['model'],
  test: ['test'],
  build: ['seed', 'model', 'test'],
};

/**
 * What each node waits for: its own dependencies that run in this command and, in
 * `build`, the tests of those dependencies, so a failed test stops what is downstream.
 */
function waitLists(compiled: CompiledProject, runIds: Set<string>, command: Command): Map<string, string[]> {
  const { nodes } = compiled;
  const testsOf = new Map<string, TestNode[]>();
  for (const node of nodes.values()) {
    if (node.kind === 'test' && runIds.has(node.id)) for (const a of node.attachedTo) testsOf.set(a, [...(testsOf.get(a) ?? []), node]);
  }
  const children = childrenMap(nodes.values());
  const waits = new Map<string, string[]>();
  for (const id of runIds) {
    const node = nodes.get(id)!;
    // Upstream through sources and ephemeral models, which do not run themselves.
    const upstream = new Set<string>();
    const visit = (dep: string) => {
      const d = nodes.get(dep);
      if (!d) return;
      if (runIds.has(dep)) upstream.add(dep);
      if (!runIds.has(dep) || d.kind === 'source') d.dependsOn.forEach(visit);
    };
    node.dependsOn.forEach(visit);
    const list = [...upstream];
    if (command === 'build' && node.kind !== 'test') {
      let below: Set<string> | undefined;
      for (const dep of upstream) {
        for (const test of testsOf.get(dep) ?? []) {
          below ??= new Set([id, ...reachable(id, (x) => children.get(x) ?? [])]);
          if (!test.dependsOn.some((d) => below!.has(d))) list.push(test.id);
        }
      }
    }
    waits.set(id, list);
  }
  return waits;
}

async function executeNode(adapter: Adapter, compiled: CompiledProject, node: GraphNode, options: ExecuteOptions): Promise<Omit<NodeResult, 'id' | 'executionTime' | 'startedAt'>> {
  const relation = 'relation' in node ? adapter.dialect.relation(node.relation) : undefined;
  switch (node.kind) {
    case 'seed': {
      // A full refresh reloads every seed; otherwise an engine may skip an unchanged file.
      const rows = await adapter.loadSeed({
        relation: node.relation,
        file: join(options.projectRoot, node.seed.path),
        columnTypes: node.seed.column_types,
        allVarchar: node.seed.all_varchar,
        reload: options.fullRefresh,
      });
      return { status: 'success', action: 'seed', relation, rowsAffected: rows };
    }
    case 'model': {
      const outcome = await buildModel(adapter, compiled.context, node, options.fullRefresh, options.writeHooks);
      return { status: outcome.action === 'ephemeral' ? 'ephemeral' : 'success', action: outcome.action, relation, rowsAffected: outcome.rowsAffected };
    }
    case 'test': {
      const outcome = await runDataTest(adapter, node);
      const status = outcome.failures === 0 ? 'pass' : node.severity === 'warn' ? 'warn' : 'fail';
      return { status, action: 'test', failures: outcome.failures, failingRows: outcome.failingRows };
    }
    case 'source':
      return { status: 'success', action: 'source' };
  }
}

/** Runs the selected nodes in dependency order on up to `threads` sessions. */
export async function executeGraph(adapter: Adapter, compiled: CompiledProject, options: ExecuteOptions): Promise<NodeResult[]> {
  const { nodes } = compiled;
  const runIds = new Set(
    [...options.selected].filter((id) => {
      const node = nodes.get(id)!;
      return KINDS[options.command].includes(node.kind) && !(node.kind === 'model' && node.config.materialized === 'ephemeral');
    }),
  );
  const waits = waitLists(compiled, runIds, options.command);
  const order = [...runIds].sort();
  const results = new Map<string, NodeResult>();
  const started = new Set<string>();
  let index = 0;
  options.reporter.start(runIds.size);

  const sessions: Adapter[] = [adapter];
  for (let i = 1; i < Math.max(1, options.threads); i++) sessions.push(await adapter.fork());

  const nextReady = (): string | undefined =>
    order.find((id) => !started.has(id) && waits.get(id)!.every((w) => results.has(w)));

  const worker = async (session: Adapter): Promise<void> => {
    for (;;) {
      const id = nextReady();
      if (!id) {
        if (started.size === runIds.size) return;
        await new Promise((r) => setTimeout(r, 5));
        if ([...started].every((s) => results.has(s)) && !nextReady()) return;
        continue;
      }
      started.add(id);
      const node = nodes.get(id)!;
      const startedAt = new Date();
      const t0 = performance.now();
      const blocker = waits.get(id)!.map((w) => results.get(w)!).find((r) => ['error', 'fail', 'skipped'].includes(r.status));
      let result: NodeResult;
      if (blocker) {
        result = { id, status: 'skipped', action: node.kind, message: `skipped because ${blocker.id} ${blocker.status === 'skipped' ? 'was skipped' : 'failed'}`, executionTime: 0, startedAt: startedAt.toISOString() };
      } else {
        try {
          const outcome = await executeNode(session, compiled, node, options);
          result = { id, ...outcome, executionTime: (performance.now() - t0) / 1000, startedAt: startedAt.toISOString() };
        } catch (err) {
          result = { id, status: 'error', action: node.kind, message: (err as Error).message, executionTime: (performance.now() - t0) / 1000, startedAt: startedAt.toISOString() };
        }
      }
      results.set(id, result);
      options.reporter.node(++index, runIds.size, node, result);
    }
  };
  try {
    await Promise.all(sessions.map(worker));
  } finally {
    for (const s of sessions.slice(1)) await s.close();
  }
  return [...results.values()];
}
