import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Adapter, ColumnInfo } from '../adapters/adapter.ts';
import { openAdapter } from '../adapters/index.ts';
import type { CompiledProject } from '../compile/nodes.ts';

export type OpenedDatabase = { adapter: Adapter; missing?: undefined } | { adapter?: undefined; missing: string };

/**
 * The target's database, or why there is none: a DuckDB file that was never built is reported,
 * not created (opening DuckDB would create an empty file).
 */
export async function openFeatureDatabase(compiled: CompiledProject, projectRoot: string): Promise<OpenedDatabase> {
  const { target } = compiled;
  if (target.type === 'duckdb' && target.path !== ':memory:') {
    const path = target.path ?? 'target/stride.duckdb';
    const file = isAbsolute(path) ? path : join(projectRoot, path);
    if (!existsSync(file)) return { missing: `no database at ${file} yet: run \`stride build\`` };
  }
  return { adapter: await openAdapter(target, projectRoot) };
}

/** Columns and types of every model, seed and source that exists in the database, by node id. */
export async function builtColumns(adapter: Adapter, compiled: CompiledProject): Promise<Map<string, ColumnInfo[]>> {
  const out = new Map<string, ColumnInfo[]>();
  for (const node of compiled.nodes.values()) {
    if (node.kind === 'test') continue;
    if (!(await adapter.relationKind(node.relation))) continue;
    out.set(node.id, await adapter.columns(node.relation));
  }
  return out;
}
