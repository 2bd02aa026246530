/** Dependency graph helpers over node ids. */

export interface DagNode {
  id: string;
  dependsOn: string[];
}

/** Every cycle found, each as the list of ids in order with the first repeated at the end. */
export function findCycles(nodes: Iterable<DagNode>): string[][] {
  const byId = new Map([...nodes].map((n) => [n.id, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue;
      const s = state.get(dep);
      if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (s === undefined) visit(dep);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...byId.keys()].sort()) if (!state.has(id)) visit(id);
  return cycles;
}

/** Ids in dependency order (dependencies first); ties broken by id for a stable order. Assumes no cycle. */
export function topologicalOrder(nodes: Iterable<DagNode>): string[] {
  const byId = new Map([...nodes].map((n) => [n.id, n]));
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of byId.values()) {
    const deps = node.dependsOn.filter((d) => byId.has(d));
    indegree.set(node.id, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), node.id]);
  }
  const ready = [...byId.keys()].filter((id) => indegree.get(id) === 0).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) {
        const at = ready.findIndex((r) => r > next);
        ready.splice(at === -1 ? ready.length : at, 0, next);
      }
    }
  }
  return order;
}

export function childrenMap(nodes: Iterable<DagNode>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const node of nodes) for (const d of node.dependsOn) children.set(d, [...(children.get(d) ?? []), node.id]);
  return children;
}

/** All ids reachable by following `edges` from `start` (not including start). */
export function reachable(start: string, edges: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    for (const next of edges(todo.pop()!)) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}
