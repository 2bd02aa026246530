import type { AuthProvider } from './auth.ts';
import { redactUrl } from './auth.ts';

export class MlflowApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'MlflowApiError';
  }
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, timeoutMs: 60_000 };

/** 429 (rate limited) and the 5xx a proxy or a busy server returns are worth another try. */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exponential backoff with full jitter, or the server's Retry-After when it gives one. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfter?: string | null): number {
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: Uint8Array | string;
  /** Absolute URL (e.g. a pre-signed upload URL) instead of baseUrl + path; no Authorization is sent to it. */
  absolute?: boolean;
  headers?: Record<string, string>;
}

/** HTTP for the MLflow REST API: JSON in and out, retries on 429/5xx and network errors, credentials kept out of errors. */
export class MlflowHttp {
  constructor(
    readonly baseUrl: string,
    private readonly auth: AuthProvider,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async raw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(options.absolute ? path : `${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (!options.absolute) {
      const authorization = await this.auth.header();
      if (authorization) headers.authorization = authorization;
    }
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : Buffer.from(options.body);
    }
    const where = `${method} ${redactUrl(url.toString())}`;
    let lastError: unknown;
    for (let attempt = 0; attempt < this.policy.attempts; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(this.policy.timeoutMs) });
      } catch (err) {
        lastError = new MlflowApiError(`${where}: ${(err as Error).message}`, 0);
        if (attempt + 1 < this.policy.attempts) await sleep(backoffMs(attempt, this.policy));
        continue;
      }
      if (response.ok) return response;
      const text = await response.text().catch(() => '');
      let errorCode: string | undefined;
      let message = text.slice(0, 500);
      try {
        const parsed = JSON.parse(text) as { error_code?: string; message?: string };
        errorCode = parsed.error_code;
        message = parsed.message ?? message;
      } catch {
        // not JSON: keep the text
      }
      lastError = new MlflowApiError(`${where}: HTTP ${response.status}${errorCode ? ` ${errorCode}` : ''}: ${message}`, response.status, errorCode);
      if (!RETRYABLE.has(response.status) || attempt + 1 >= this.policy.attempts) throw lastError;
      await sleep(backoffMs(attempt, this.policy, response.headers.get('retry-after')));
    }
    throw lastError;
  }

  async json<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(method, path, options);
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }
}
