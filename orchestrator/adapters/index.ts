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
    case 'databricks': {
      const { checkSettings } = await import('./databricks/connection.ts');
      const { settings, missing, problems } = checkSettings(target);
      if (!settings) {
        // Never try to connect half-configured: say what to set instead.
        const needs = [...missing.map((m) => `set ${m}`), ...problems];
        throw new Error(`cannot connect to Databricks for target '${target.name}': ${needs.join('; ')} (see 'stride debug --target ${target.name}')`);
      }
      const { DatabricksAdapter } = await import('./databricks/databricks-adapter.ts');
      return DatabricksAdapter.open(settings);
    }
  }
}
