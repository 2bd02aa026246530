import type { Adapter } from '../adapters/adapter.ts';
import type { CompiledProject, ModelNode } from '../compile/nodes.ts';
import type { WriteHook } from '../run/materialize.ts';
import { featureTableDdl, isolationObjects, isolationSetupSql } from './databricks-ddl.ts';
import { featureTables } from './feature-tables.ts';
import type { FeatureTableVersion } from './version-store.ts';
import { prepareVersionStore, preserveBaseline, recordVersion, type RunStamp } from './versions.ts';

/** What a build does for feature tables, beside building them. */
export interface FeatureBuildHooks {
  /** Before the graph runs: the version store (DuckDB) or the isolation objects (Databricks). */
  prepare(adapter: Adapter): Promise<void>;
  beforeWrite: WriteHook;
  afterWrite: WriteHook;
  /** Versions recorded by this run, in build order. */
  readonly versions: FeatureTableVersion[];
}

/**
 * DuckDB: each feature-table build records a version (changed rows only) in the
 * same transaction as the table swap; after an incremental write only the rows it
 * replaced are compared. Before a write, the rows of the first version that it is
 * about to replace are copied to the history (the first version is not copied). Databricks: Delta versions every write
 * already; the build re-applies the Unity Catalog key, tags and row filter.
 */
export function featureBuildHooks(compiled: CompiledProject, stamp: RunStamp): FeatureBuildHooks {
  const tables = new Map(featureTables(compiled).map((t) => [t.node.id, t]));
  const versions: FeatureTableVersion[] = [];
  const databricks = compiled.dialect.type === 'databricks';
  const objects = databricks ? isolationObjects(compiled) : undefined;
  return {
    versions,
    async prepare(adapter) {
      if (tables.size === 0) return;
      if (!databricks) return prepareVersionStore(adapter);
      await adapter.execute(compiled.dialect.createSchema(objects!.accessTable.catalog, objects!.accessTable.schema));
      for (const statement of isolationSetupSql(compiled.dialect, objects!)) await adapter.execute(statement);
    },
    async beforeWrite(tx, node: ModelNode, written) {
      const table = tables.get(node.id);
      if (table && !databricks) await preserveBaseline(tx, table, written);
    },
    async afterWrite(tx, node: ModelNode, written) {
      const table = tables.get(node.id);
      if (!table) return;
      if (databricks) {
        for (const statement of featureTableDdl(tx.dialect, table, objects)) await tx.execute(statement);
        return;
      }
      const recorded = await recordVersion(tx, table, stamp, written);
      if (recorded) versions.push(recorded);
    },
  };
}
