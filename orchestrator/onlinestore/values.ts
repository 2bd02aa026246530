import type { Row } from '../adapters/adapter.ts';
import type { OnlineType } from './column-types.ts';

/** A value as it is written to either store and compared between publishes. */
export type OnlineValue = string | number | bigint | boolean | null;

/** A value the online store cannot hold; names the table, row key and column. */
export class OnlineValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnlineValueError';
  }
}

const safe = (v: bigint) => v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER);

/** `2024-05-02 07:00:00.120000` -> `2024-05-02 07:00:00.12`: the form PostgreSQL prints, so both stores hold the same text. */
export function canonicalTimestamp(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1]} ${m[2]}${fraction ? `.${fraction}` : ''}`;
}

/** An engine value, or its text (rows are fetched as text), as the online column's value. */
export function toOnlineValue(value: unknown, type: OnlineType): OnlineValue | { error: string } {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'bigint':
      if (typeof value === 'bigint') return safe(value) ? Number(value) : value;
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return toOnlineValue(BigInt(value), type);
      return { error: `${String(value)} is not a whole number` };
    case 'double': {
      const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isFinite(n) ? n : { error: `${String(value)} is not a finite number (NaN and infinities cannot be stored)` };
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return { error: `${String(value)} is not a boolean` };
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : { error: `${String(value)} is not a date YYYY-MM-DD` };
    case 'timestamp': {
      const text = typeof value === 'string' ? canonicalTimestamp(value) : undefined;
      return text ?? { error: `${String(value)} is not a timestamp YYYY-MM-DD HH:MM:SS` };
    }
    case 'text':
      return typeof value === 'string' ? value : String(value);
  }
}

/** A stored value read back: booleans from SQLite's 0/1, integers as numbers while exact. */
export function fromStoredValue(value: unknown, type: OnlineType): OnlineValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    if (type === 'boolean') return value !== 0n;
    if (type === 'double') return Number(value);
    return safe(value) ? Number(value) : value;
  }
  if (type === 'boolean' && typeof value === 'number') return value !== 0;
  if (type === 'double' && typeof value === 'string') return Number(value);
  return value as OnlineValue;
}

/** The value as bound for a store: PostgreSQL takes a bigint beyond 2^53 as text. */
export function bindValue(value: OnlineValue, kind: 'sqlite' | 'postgres'): OnlineValue {
  return kind === 'postgres' && typeof value === 'bigint' ? value.toString() : value;
}

/** Identity of a row: its key values as one string, the same from the engine and from either store. */
export function keyString(row: Row, keys: string[]): string {
  return JSON.stringify(keys.map((k) => (row[k] === null || row[k] === undefined ? null : String(row[k]))));
}
