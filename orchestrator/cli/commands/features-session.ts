import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { openAdapter } from '../../adapters/index.ts';
import type { Adapter, ColumnInfo, Row } from '../../adapters/adapter.ts';
import { compileProject } from '../../compile/compile-project.ts';
import type { CompiledProject } from '../../compile/nodes.ts';
import { loadProject } from '../../project/load-project.ts';
import type { Project } from '../../project/types.ts';
import { CompileFailed } from '../../stride.ts';
import { toCommandOptions, type GlobalFlags } from '../options.ts';

export interface FeatureSession {
  project: Project;
  compiled: CompiledProject;
  adapter: Adapter;
}

/** Compiles the project and opens its target for a read; refuses a DuckDB file that was never built. */
export async function withFeatureSession<T>(flags: GlobalFlags, work: (session: FeatureSession) => Promise<T>): Promise<T> {
  const options = toCommandOptions(flags);
  const project = loadProject(options.projectDir);
  const compiled = compileProject(project, options);
  if (compiled.errors.length > 0) throw new CompileFailed(compiled);
  const { target } = compiled;
  if (target.type === 'duckdb' && target.path && target.path !== ':memory:') {
    const file = isAbsolute(target.path) ? target.path : join(project.root, target.path);
    if (!existsSync(file)) throw new Error(`no database at ${file}: run 'stride build' first`);
  }
  const adapter = await openAdapter(target, project.root);
  try {
    return await work({ project, compiled, adapter });
  } finally {
    await adapter.close();
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A value as text: dates as YYYY-MM-DD when the column is a DATE, timestamps without a zone. */
export function formatValue(value: unknown, type?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const date = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
    if (type === 'DATE') return date;
    const ms = value.getUTCMilliseconds();
    return `${date} ${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}:${pad2(value.getUTCSeconds())}${ms ? `.${String(ms).padStart(3, '0')}` : ''}`;
  }
  if (typeof value === 'object') return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** Rows as CSV (header first) or JSON lines, to a file or stdout. */
export function writeRows(rows: Row[], columns: string[], options: { out?: string; format?: string; types?: ColumnInfo[] }): void {
  const types = new Map((options.types ?? []).map((c) => [c.name, c.type]));
  const text =
    options.format === 'jsonl'
      ? rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] instanceof Date ? formatValue(r[c], types.get(c)) : r[c]])), (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).join('\n') + (rows.length ? '\n' : '')
      : stringify([columns, ...rows.map((r) => columns.map((c) => formatValue(r[c], types.get(c))))]);
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);
}

/** A plain text table with aligned columns. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
