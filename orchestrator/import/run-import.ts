import { openAdapter } from '../adapters/index.ts';
import type { Adapter } from '../adapters/adapter.ts';
import { loadProject } from '../project/load-project.ts';
import { resolveTarget } from '../project/resolve-target.ts';
import type { ImportBatch } from './batch.ts';
import type { ImportReport } from './report.ts';
import { DEFAULT_IMPORT_SCHEMA, storeBatch } from './silver-store.ts';

export interface StoreOptions {
  projectDir: string;
  target?: string;
  /** DuckDB schema to write (default silver_import). */
  schema?: string;
  /** An open session to use instead of the target's (tests). */
  adapter?: Adapter;
}

/** Opens the local DuckDB target of the project; imports go to a local database only. */
async function localAdapter(options: StoreOptions): Promise<Adapter> {
  const project = loadProject(options.projectDir);
  const { target } = resolveTarget(project, options.target, process.env);
  if (target.type !== 'duckdb') {
    throw new Error(`stride import writes to a local DuckDB target; '${target.name}' is ${target.type} (load your data into its silver schema instead)`);
  }
  return openAdapter(target, project.root);
}

/** Reads with `read`, stores the batch in one transaction, and returns the report. */
export async function runImport(read: () => Promise<ImportBatch>, options: StoreOptions): Promise<ImportReport> {
  const t0 = performance.now();
  const batch = await read();
  const items = batch.deduplicated();
  const adapter = options.adapter ?? (await localAdapter(options));
  try {
    const counts = await storeBatch(adapter, items, options.schema ?? DEFAULT_IMPORT_SCHEMA);
    return { read: batch.read, ...counts, rejected: batch.rejected, badFiles: batch.badFiles, warnings: batch.warnings, seconds: (performance.now() - t0) / 1000 };
  } finally {
    if (!options.adapter) await adapter.close();
  }
}
