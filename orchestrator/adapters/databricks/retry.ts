/**
 * Retries with exponential backoff, for failures of the connection or the
 * warehouse only. A SQL error (bad syntax, missing table, failed cast) fails at
 * once: running it again gives the same answer.
 */

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to log "retrying in 4 s". */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
/** Driver and gateway wording for a busy or waking warehouse and for dropped connections. */
const TRANSIENT_TEXT =
  /too many requests|service unavailable|temporarily unavailable|TEMPORARILY_UNAVAILABLE|socket hang up|connection reset|premature close|ECONNRESET|ETIMEDOUT|warehouse (is )?(starting|still starting|not running|stopped)|\b(HTTP|status|status code|error)[ :]+(429|502|503|504)\b|Max retry count exceeded|Retry timeout exceeded/i;
/** A Databricks SQL error names its class in brackets, e.g. `[TABLE_OR_VIEW_NOT_FOUND]`. */
const SQL_ERROR_CLASS = /^\s*\[([A-Z][A-Z0-9_]*)(\.[A-Z0-9_]+)?\]/;

function statusOf(err: Record<string, unknown>): number | undefined {
  const candidates = [
    err.statusCode,
    err.status,
    (err.response as Record<string, unknown> | undefined)?.status,
    ((err.payload as Record<string, unknown> | undefined)?.response as Record<string, unknown> | undefined)?.status,
  ];
  return candidates.find((c): c is number => typeof c === 'number');
}

/** Whether `err` is worth another attempt: HTTP 429/5xx gateways, dropped connections, a waking warehouse. */
export function isTransient(err: unknown): boolean {
  for (let current = err, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as Record<string, unknown>;
    const message = typeof e.message === 'string' ? e.message : '';
    if (typeof e.sqlState === 'string' || SQL_ERROR_CLASS.test(message)) return false;
    const status = statusOf(e);
    if (status !== undefined) return TRANSIENT_STATUS.has(status);
    if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
    if (TRANSIENT_TEXT.test(message)) return true;
    current = e.cause;
  }
  return false;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): base, 2 x base, 4 x base ... capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work`, again after a backoff while it fails transiently and `retryable` agrees. */
export async function withRetry<T>(work: () => Promise<T>, policy: RetryPolicy, retryable: (err: unknown) => boolean = isTransient): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= policy.attempts || !retryable(err)) throw err;
      const delay = backoffDelay(attempt, policy);
      policy.onRetry?.(err, attempt, delay);
      await (policy.sleep ?? wait)(delay);
    }
  }
}
