import type { TargetConfig } from '../../project/types.ts';

export type DatabricksAuth =
  | { kind: 'token'; token: string }
  | { kind: 'oauth-m2m'; clientId: string; clientSecret: string };

/** Everything needed to open a session on a SQL warehouse. */
export interface DatabricksSettings {
  /** Workspace host name, without scheme, port or path (the driver adds https://). */
  host: string;
  /** Only when DATABRICKS_HOST names one; the driver's default is 443. */
  port?: number;
  /** HTTP path of the warehouse, e.g. /sql/1.0/warehouses/abc123. */
  httpPath: string;
  auth: DatabricksAuth;
  catalog?: string;
}

export interface SettingsCheck {
  settings?: DatabricksSettings;
  /** What the environment lacks, as the variables a user sets (never their values). */
  missing: string[];
  /** Values that are set but unusable. */
  problems: string[];
}

const value = (...candidates: (string | undefined)[]) => candidates.map((c) => c?.trim()).find((c) => !!c);

/** `https://adb-1.2.azuredatabricks.net/` -> `adb-1.2.azuredatabricks.net`. */
export function hostName(host: string): string {
  return host.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

export function warehousePath(warehouseId: string): string {
  return `/sql/1.0/warehouses/${warehouseId}`;
}

/**
 * Reads the connection from the target (its env_var() already rendered) and, for
 * what the target leaves empty, from DATABRICKS_* variables. A token wins over
 * OAuth M2M when both are set. Never throws: `stride debug` shows the result.
 */
export function checkSettings(target: TargetConfig, env: NodeJS.ProcessEnv = process.env): SettingsCheck {
  const missing: string[] = [];
  const problems: string[] = [];
  const host = value(target.host, env.DATABRICKS_HOST);
  const httpPath = value(target.http_path, env.DATABRICKS_HTTP_PATH);
  const warehouseId = value(target.warehouse_id, env.DATABRICKS_WAREHOUSE_ID);
  const token = value(target.token, env.DATABRICKS_TOKEN);
  const clientId = value(target.client_id, env.DATABRICKS_CLIENT_ID);
  const clientSecret = value(target.client_secret, env.DATABRICKS_CLIENT_SECRET);

  if (!host) missing.push('DATABRICKS_HOST');
  else if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(hostName(host))) problems.push(`DATABRICKS_HOST is not a host name: '${host}'`);

  if (!httpPath && !warehouseId) missing.push('DATABRICKS_HTTP_PATH or DATABRICKS_WAREHOUSE_ID');
  else if (!httpPath && warehouseId && !/^[A-Za-z0-9]+$/.test(warehouseId)) problems.push(`DATABRICKS_WAREHOUSE_ID must be letters and digits, not '${warehouseId}'`);
  else if (httpPath && !httpPath.startsWith('/')) problems.push(`DATABRICKS_HTTP_PATH must start with '/', e.g. /sql/1.0/warehouses/<id>`);

  let auth: DatabricksAuth | undefined;
  if (token) auth = { kind: 'token', token };
  else if (clientId && clientSecret) auth = { kind: 'oauth-m2m', clientId, clientSecret };
  else if (clientId) missing.push('DATABRICKS_CLIENT_SECRET');
  else if (clientSecret) missing.push('DATABRICKS_CLIENT_ID');
  else missing.push('DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET');

  if (missing.length > 0 || problems.length > 0 || !host || !auth) return { missing, problems };
  const [name, port] = hostName(host).split(':');
  return {
    settings: { host: name, ...(port ? { port: Number(port) } : {}), httpPath: httpPath ?? warehousePath(warehouseId!), auth, catalog: target.catalog || undefined },
    missing,
    problems,
  };
}

/** The secret values of a settings object, for redaction. */
export function secretsOf(settings: DatabricksSettings): string[] {
  return settings.auth.kind === 'token' ? [settings.auth.token] : [settings.auth.clientSecret];
}

/** One line per setting, secrets shown only as set. */
export function describeSettings(settings: DatabricksSettings): string[] {
  return [
    `host: ${settings.host}${settings.port ? `:${settings.port}` : ''}`,
    `http path: ${settings.httpPath}`,
    settings.auth.kind === 'token' ? 'auth: personal access token <set>' : `auth: OAuth M2M, client id ${settings.auth.clientId}, client secret <set>`,
    `catalog: ${settings.catalog ?? '(workspace default)'}`,
  ];
}
