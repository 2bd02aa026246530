import type { Adapter } from '../adapters/adapter.ts';
import type { TestNode } from '../compile/nodes.ts';

export interface TestOutcome {
  failures: number;
  failingRows: Record<string, unknown>[];
}

/** Runs a data test: its SQL returns failing rows; the first five are kept to show. */
export async function runDataTest(adapter: Adapter, node: TestNode): Promise<TestOutcome> {
  const [{ failures }] = await adapter.query(`select count(*) as failures from (\n${node.compiledSql}\n) as test_rows`);
  const count = Number(failures);
  const failingRows = count > 0 ? await adapter.query(`select * from (\n${node.compiledSql}\n) as test_rows limit 5`) : [];
  return { failures: count, failingRows };
}
