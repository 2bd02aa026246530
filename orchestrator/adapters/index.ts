import type { TargetConfig } from '../project/types.ts';
import type { Adapter } from './adapter.ts';

/** Opens the engine a target names. Engine drivers load only when used. */
export async function openAdapter(target: TargetConfig, projectRoot: string): Promise<Adapter> {
  switch (target.type) {
    case 'duckdb': {
      const { DuckDBAdapter } = await import('./duckdb/duckdb-adapter.ts');
      return DuckDBAdapter.open(
        { path: target.path ?? 'target/stride.duckdb', memoryLimit: target.memory_limit, tempDirectory: target.temp_directory },
        projectRoot,
      );
    }
    case 'databricks':
      throw new Error("the Databricks adapter is not available in this version: use 'stride compile --target databricks' to render the SQL");
  }
}
