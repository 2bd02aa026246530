import type { DatabricksSettings } from './connection.ts';
import type { DatabricksClientLike } from './driver.ts';
import { redact } from './redact.ts';

/** Opens a connected client for the settings; tests replace it with a fake. */
export type Connector = (settings: DatabricksSettings) => Promise<DatabricksClientLike>;

/**
 * The real connector on @databricks/sql, loaded on first use. Authentication is a
 * personal access token, or OAuth M2M: the driver's `databricks-oauth` type with a
 * client secret runs the client-credentials flow for a service principal.
 */
export const connectDatabricks: Connector = async (settings) => {
  const { DBSQLClient, LogLevel } = await import('@databricks/sql');
  const secrets = settings.auth.kind === 'token' ? [settings.auth.token] : [settings.auth.clientSecret];
  // The driver's own logger prints info lines to the console; keep warnings and errors, redacted.
  const logger = {
    log(level: string, message: string) {
      if (level === LogLevel.error || level === LogLevel.warn) process.stderr.write(`databricks driver ${level}: ${redact(String(message), secrets)}\n`);
    },
  };
  const client = new DBSQLClient({ logger: logger as never });
  const common = {
    host: settings.host,
    ...(settings.port ? { port: settings.port } : {}),
    path: settings.httpPath,
    userAgentEntry: 'stride',
    telemetryEnabled: false,
    // The driver retries each HTTP request a little; the adapter's backoff covers longer outages.
    retryMaxAttempts: 3,
    retriesTimeout: 120_000,
  };
  const options =
    settings.auth.kind === 'token'
      ? { ...common, token: settings.auth.token }
      : { ...common, authType: 'databricks-oauth' as const, oauthClientId: settings.auth.clientId, oauthClientSecret: settings.auth.clientSecret };
  try {
    await client.connect(options);
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
  return client as unknown as DatabricksClientLike;
};
