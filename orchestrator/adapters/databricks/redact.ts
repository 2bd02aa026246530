/**
 * Keeps credentials out of every message that leaves the Databricks adapter: the
 * known secret values, plus the shapes of tokens the adapter never saw itself
 * (OAuth access tokens handed out at run time, bearer headers echoed by a proxy).
 */
const MARK = '[REDACTED]';

const PATTERNS: { pattern: RegExp; replace: string }[] = [
  // personal access tokens
  { pattern: /\bdapi[0-9a-f]{32}(-\d+)?\b/gi, replace: MARK },
  // JWTs (OAuth access tokens)
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: MARK },
  // authorization header values
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: `$1 ${MARK}` },
  // key=value or "key": "value" pairs naming a credential
  { pattern: /\b(access_token|refresh_token|id_token|client_secret|token|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, replace: `$1$2${MARK}` },
];

/** Replaces each secret (and each token-shaped string) in `text` with a mark. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].filter((s): s is string => !!s && s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(MARK);
  }
  for (const { pattern, replace } of PATTERNS) out = out.replace(pattern, replace);
  return out;
}

/**
 * A copy of `err` whose message, stack and causes are redacted, keeping its name
 * and the fields callers classify errors by (code, sqlState, status).
 */
export function redactError(err: unknown, secrets: readonly (string | undefined)[], depth = 0): Error {
  const source = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(redact(source.message, secrets));
  copy.name = source.name;
  copy.stack = source.stack === undefined ? undefined : redact(source.stack, secrets);
  for (const key of ['code', 'sqlState', 'status', 'statusCode', 'errorCode'] as const) {
    const value = (source as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') (copy as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? redact(value, secrets) : value;
  }
  const cause = (source as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 5) (copy as { cause?: unknown }).cause = redactError(cause, secrets, depth + 1);
  return copy;
}
