import { isAbsolute, join } from 'node:path';

/**
 * Where the online store lives: a SQLite file (the default, nothing to start) or a
 * PostgreSQL database such as Databricks Lakebase. The PostgreSQL URL comes from the
 * environment only and is never printed: every description and error masks it.
 */
export type OnlineStoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
export type OnlineStoreKind = OnlineStoreConfig['kind'];

export const URL_VARIABLE = 'STRIDE_ONLINE_STORE_URL';
export const SCHEMA_VARIABLE = 'STRIDE_ONLINE_STORE_SCHEMA';
export const DEFAULT_SCHEMA = 'stride_online';
export const SQLITE_FILE = 'online_store.sqlite';

export interface ResolveOptions {
  /** The project root; the SQLite file goes in its target folder. */
  projectRoot: string;
  /** The project's target folder (paths.target), relative to the root or absolute. */
  targetDir?: string;
  /** `--online-store`: default postgres when the URL is set, else sqlite. */
  kind?: string;
  env?: NodeJS.ProcessEnv;
}

export function resolveOnlineStoreConfig(options: ResolveOptions): OnlineStoreConfig {
  const env = options.env ?? process.env;
  const url = env[URL_VARIABLE]?.trim();
  const kind = options.kind ?? (url ? 'postgres' : 'sqlite');
  if (kind === 'sqlite') {
    const target = options.targetDir ?? 'target';
    return { kind, file: join(isAbsolute(target) ? target : join(options.projectRoot, target), SQLITE_FILE) };
  }
  if (kind !== 'postgres') throw new Error(`--online-store must be sqlite or postgres, not '${kind}'`);
  if (!url) throw new Error(`the PostgreSQL online store needs a connection URL: set ${URL_VARIABLE}=postgres://user@host:5432/database (the password may come from PGPASSWORD)`);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error(`${URL_VARIABLE} must be a postgres:// or postgresql:// URL, not ${maskUrl(url)}`);
  const schema = env[SCHEMA_VARIABLE]?.trim() || DEFAULT_SCHEMA;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`${SCHEMA_VARIABLE} must be a plain identifier (letters, digits, _), not '${schema}'`);
  return { kind, url, schema };
}

/** A URL with its password replaced by ***, for messages. Unparsable text is masked whole. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return '***';
  }
}

/** Where the store is, without secrets. */
export function describeOnlineStore(config: OnlineStoreConfig): string {
  return config.kind === 'sqlite' ? `sqlite ${config.file}` : `postgres ${maskUrl(config.url)} (schema ${config.schema})`;
}

/** Secret pieces of the config that must never appear in a message. */
function secrets(config: OnlineStoreConfig): string[] {
  if (config.kind !== 'postgres') return [];
  const out = [config.url];
  try {
    const parsed = new URL(config.url);
    if (parsed.password) out.push(parsed.password, decodeURIComponent(parsed.password));
    for (const [key, value] of parsed.searchParams) if (/pass|secret|token|key/i.test(key) && value) out.push(value);
  } catch {
    // An unparsable URL is masked whole.
  }
  return [...new Set(out.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
}

/** A message with the URL and password masked. */
export function redact(message: string, config: OnlineStoreConfig): string {
  let out = message;
  for (const secret of secrets(config)) out = out.split(secret).join(config.kind === 'postgres' && secret === config.url ? maskUrl(secret) : '***');
  return out;
}

/**
 * Runs `work` and rethrows a driver failure as a new error with the URL and password
 * masked; the driver's error is not kept as the cause, since its text may hold them.
 * Stride's own errors (which never hold secrets) pass through unchanged.
 */
export async function redacted<T>(config: OnlineStoreConfig, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof OnlineStoreError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new OnlineStoreError(redact(`${what} (${describeOnlineStore(config)}): ${message}`, config));
  }
}

/** An error about the online store whose message is already free of secrets. */
export class OnlineStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OnlineStoreError';
  }
}
