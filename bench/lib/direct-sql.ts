// The same build without the runner: the compiled SQL of every seed, model and data
// test, wrapped in the runner's own materialization statements, sent one after the
// other through one @duckdb/node-api connection. The SQL time of the overhead ratio.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbDialect as dialect } from '../../orchestrator/adapters/duckdb/dialect.ts';
import type { GraphNode } from '../../orchestrator/compile/nodes.ts';
import { compile } from '../../orchestrator/stride.ts';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Dependency order: each node after everything it reads; tests last. */
function order(nodes: Map<string, GraphNode>): GraphNode[] {
  const out: GraphNode[] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    const node = nodes.get(id);
    if (!node) return;
    node.dependsOn.forEach(visit);
    out.push(node);
  };
  [...nodes.keys()].sort().forEach(visit);
  return [...out.filter((n) => n.kind !== 'test'), ...out.filter((n) => n.kind === 'test')];
}

export interface DirectResult {
  compileSeconds: number;
  sqlSeconds: number;
  statements: number;
  perNode: Record<string, number>;
}

export async function runDirect(projectDir: string, dbPath: string, vars: Record<string, unknown>, memoryLimit: string, tempDirectory: string): Promise<DirectResult> {
  const t0 = performance.now();
  const { compiled, project } = compile({ projectDir, vars });
  const compileSeconds = (performance.now() - t0) / 1000;
  const instance = await DuckDBInstance.create(dbPath, { memory_limit: memoryLimit, temp_directory: tempDirectory });
  const con = await instance.connect();
  await con.run("set TimeZone = 'UTC'");
  const statements: string[][] = [];
  const names: string[] = [];
  for (const node of order(compiled.nodes)) {
    if (node.kind === 'seed') {
      const options = ['header = true', "nullstr = ''", 'auto_detect = true', 'strict_mode = true'];
      if (node.seed.all_varchar) options.push('all_varchar = true');
      const types = Object.entries(node.seed.column_types ?? {});
      if (types.length > 0) options.push(`types = {${types.map(([c, t]) => `${q(c)}: ${q(String(t))}`).join(', ')}}`);
      const select = `select * from read_csv(${q(join(project.root, node.seed.path))}, ${options.join(', ')})`;
      statements.push([dialect.createSchema(undefined, node.relation.schema), 'begin transaction', ...dialect.table(node.relation, select, 'table'), 'commit']);
    } else if (node.kind === 'model' && node.config.materialized !== 'ephemeral') {
      const build = node.config.materialized === 'view' ? dialect.view(node.relation, node.compiledSql, 'view') : dialect.table(node.relation, node.compiledSql, 'table');
      statements.push([dialect.createSchema(undefined, node.relation.schema), 'begin transaction', ...build, 'commit']);
    } else if (node.kind === 'test') {
      statements.push([`select count(*) as failures from (\n${node.compiledSql}\n) as test_rows`]);
    } else continue;
    names.push(node.id);
  }
  const perNode: Record<string, number> = {};
  const t1 = performance.now();
  for (let i = 0; i < statements.length; i++) {
    const s0 = performance.now();
    for (const sql of statements[i]) await con.runAndReadAll(sql);
    perNode[names[i]] = (performance.now() - s0) / 1000;
  }
  const sqlSeconds = (performance.now() - t1) / 1000;
  con.closeSync();
  instance.closeSync();
  return { compileSeconds, sqlSeconds, statements: statements.flat().length, perNode };
}
