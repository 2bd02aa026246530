/**
 * Credentials for an MLflow server, read from the environment only and never printed:
 * - MLFLOW_TRACKING_TOKEN (bearer) or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD (basic);
 * - Databricks: DATABRICKS_TOKEN (personal access token), or OAuth machine-to-machine with
 *   DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET (client-credentials grant on
 *   <host>/oidc/v1/token, scope all-apis), the token cached until a minute before it expires.
 */
export interface AuthProvider {
  /** The Authorization header value, or undefined for an open server. */
  header(): Promise<string | undefined>;
}

export const noAuth: AuthProvider = { header: async () => undefined };

export function staticBearer(token: string): AuthProvider {
  return { header: async () => `Bearer ${token}` };
}

export function basicAuth(user: string, password: string): AuthProvider {
  const value = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return { header: async () => value };
}

export function databricksOAuthM2M(host: string, clientId: string, clientSecret: string, fetchImpl: typeof fetch = fetch): AuthProvider {
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    async header() {
      if (!cached || Date.now() > cached.expiresAt - 60_000) {
        const response = await fetchImpl(`${host.replace(/\/$/, '')}/oidc/v1/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials&scope=all-apis',
          signal: AbortSignal.timeout(30_000),
        });
        if (!response.ok) throw new Error(`Databricks OAuth token request failed with HTTP ${response.status} (check DATABRICKS_CLIENT_ID / DATABRICKS_CLIENT_SECRET)`);
        const body = (await response.json()) as { access_token?: string; expires_in?: number };
        if (!body.access_token) throw new Error('Databricks OAuth token response had no access_token');
        cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
      }
      return `Bearer ${cached.token}`;
    },
  };
}

export interface Endpoint {
  baseUrl: string;
  auth: AuthProvider;
  databricks: boolean;
}

const withScheme = (host: string) => (/^https?:\/\//.test(host) ? host : `https://${host}`).replace(/\/$/, '');

/** Where MLFLOW_TRACKING_URI points, with its credentials; undefined means the local file store. */
export function endpointFromEnv(env: NodeJS.ProcessEnv = process.env): Endpoint | undefined {
  const uri = env.MLFLOW_TRACKING_URI?.trim();
  if (!uri || uri.startsWith('file:') || !/^(https?:|databricks)/.test(uri)) return undefined;
  if (uri.startsWith('databricks')) {
    const host = env.DATABRICKS_HOST;
    if (!host) throw new Error('MLFLOW_TRACKING_URI=databricks needs DATABRICKS_HOST');
    const baseUrl = withScheme(host);
    if (env.DATABRICKS_TOKEN) return { baseUrl, auth: staticBearer(env.DATABRICKS_TOKEN), databricks: true };
    if (env.DATABRICKS_CLIENT_ID && env.DATABRICKS_CLIENT_SECRET) {
      return { baseUrl, auth: databricksOAuthM2M(baseUrl, env.DATABRICKS_CLIENT_ID, env.DATABRICKS_CLIENT_SECRET), databricks: true };
    }
    throw new Error('MLFLOW_TRACKING_URI=databricks needs DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET');
  }
  const baseUrl = uri.replace(/\/$/, '');
  if (env.MLFLOW_TRACKING_TOKEN) return { baseUrl, auth: staticBearer(env.MLFLOW_TRACKING_TOKEN), databricks: false };
  if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD) {
    return { baseUrl, auth: basicAuth(env.MLFLOW_TRACKING_USERNAME, env.MLFLOW_TRACKING_PASSWORD), databricks: false };
  }
  return { baseUrl, auth: noAuth, databricks: false };
}

/** A URL with any user:password part removed, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}
