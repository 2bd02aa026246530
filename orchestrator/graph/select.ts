import type { GraphNode } from '../compile/nodes.ts';
import { childrenMap, reachable } from './dag.ts';

export interface Selection {
  select?: string[];
  exclude?: string[];
}

/** Thrown when a selector matches nothing: a typo should not silently run nothing. */
export class SelectionError extends Error {}

function baseMatches(nodes: Map<string, GraphNode>, method: string): Set<string> {
  const matched = new Set<string>();
  const [kind, value] = method.includes(':') ? [method.slice(0, method.indexOf(':')), method.slice(method.indexOf(':') + 1)] : ['name', method];
  for (const node of nodes.values()) {
    const hit =
      kind === 'tag'
        ? node.tags.includes(value)
        : kind === 'path'
          ? node.path === value || node.path.startsWith(value.replace(/\/$/, '') + '/')
          : kind === 'source'
            ? node.kind === 'source' && (node.name === value || node.name.startsWith(`${value}.`))
            : kind === 'name'
              ? node.kind !== 'test' && (node.name === value || node.id === value)
              : kind === 'test'
                ? node.kind === 'test' && node.name === value
                : false;
    if (hit) matched.add(node.id);
  }
  if (!['tag', 'path', 'source', 'name', 'test'].includes(kind)) {
    throw new SelectionError(`unknown selector method '${kind}:' in '${method}'; use a name, tag:, path:, source: or test:`);
  }
  return matched;
}

/**
 * dbt's node selection: `name`, `+name` (with ancestors), `name+` (with descendants),
 * `tag:x`, `path:models/features`, `source:silver`; several selectors are a union.
 * Tests come along with any node they check.
 */
export function selectNodes(nodes: Map<string, GraphNode>, selection: Selection): Set<string> {
  const children = childrenMap(nodes.values());
  const parents = (id: string) => nodes.get(id)?.dependsOn ?? [];
  const expand = (selectors: string[]): Set<string> => {
    const out = new Set<string>();
    for (const token of selectors.flatMap((s) => s.split(/[\s,]+/)).filter(Boolean)) {
      const up = token.startsWith('+');
      const down = token.endsWith('+');
      const method = token.replace(/^\+/, '').replace(/\+$/, '');
      const base = baseMatches(nodes, method);
      if (base.size === 0) throw new SelectionError(`selector '${token}' matches no node; see 'stride ls' for names, tags and paths`);
      for (const id of base) {
        out.add(id);
        if (up) reachable(id, parents).forEach((p) => out.add(p));
        if (down) reachable(id, (x) => children.get(x) ?? []).forEach((c) => out.add(c));
      }
    }
    return out;
  };
  const selected = selection.select?.length ? expand(selection.select) : new Set(nodes.keys());
  for (const node of nodes.values()) {
    if (node.kind === 'test' && node.attachedTo.some((a) => selected.has(a))) selected.add(node.id);
  }
  if (selection.exclude?.length) {
    const excluded = expand(selection.exclude);
    for (const node of nodes.values()) {
      if (node.kind === 'test' && node.attachedTo.every((a) => excluded.has(a))) excluded.add(node.id);
    }
    excluded.forEach((id) => selected.delete(id));
  }
  return selected;
}
