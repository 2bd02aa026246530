/**
 * `npm run bundle`: the CLI as one ESM file, dist/stride.mjs, for the Databricks job
 * (a Python launcher runs it with a Node runtime; there is no node_modules there).
 * Native modules stay out: DuckDB is loaded only by the DuckDB adapter, and the
 * Databricks driver's optional native parts (LZ4, the kernel) are loaded with a fallback.
 */
import { build } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(ROOT, 'orchestrator', 'cli', 'main.ts');
export const OUTFILE = join(ROOT, 'dist', 'stride.mjs');

/** Packages the bundle must not contain: native code, or optional parts of other packages. */
export const EXTERNAL = [
  '@duckdb/node-api',
  '@duckdb/*',
  'lz4-napi',
  '@databricks/databricks-sql-kernel-*',
  // nunjucks' file watcher, never used: templates are rendered from strings.
  'chokidar',
  'fsevents',
  // The online store: SQLite is native (the job publishes to PostgreSQL, whose `pg` is plain
  // JavaScript); knex's other dialect drivers are optional and never installed.
  'better-sqlite3',
  'pg-native',
  'pg-query-stream',
  'sqlite3',
  'mysql',
  'mysql2',
  'oracledb',
  'tedious',
  'mariadb',
  'mariadb/*',
];

/** CommonJS dependencies call require() and read __dirname at load time; the ESM bundle defines both. */
const BANNER = [
  "import { createRequire as __strideCreateRequire } from 'node:module';",
  "import { dirname as __strideDirname } from 'node:path';",
  "import { fileURLToPath as __strideFileURLToPath } from 'node:url';",
  'const require = __strideCreateRequire(import.meta.url);',
  'const __filename = __strideFileURLToPath(import.meta.url);',
  'const __dirname = __strideDirname(__filename);',
].join(' ');

/** Bundles the CLI into `outfile`; returns its size in bytes. */
export async function bundle(outfile = OUTFILE): Promise<number> {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: EXTERNAL,
    banner: { js: BANNER },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outfile');
  const outfile = at > 0 ? resolve(process.argv[at + 1]) : OUTFILE;
  const size = await bundle(outfile);
  process.stdout.write(`${outfile}: ${(size / 1024 / 1024).toFixed(1)} MB\n`);
}
