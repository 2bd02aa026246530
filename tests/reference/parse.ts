// Strict parsing of the silver text values. A value is null (absent), a parsed
// value, or BAD (present but unparsable: reason code `unparsable`).
import { parseTimestamp } from './dates.ts';

export const BAD = Symbol('unparsable');
export type Parsed<T> = T | null | typeof BAD;

export type ColumnType = 'bigint' | 'int' | 'double' | 'boolean' | 'text' | 'timestamp_utc' | 'timestamp_naive';

// Plain decimal notation with an optional exponent; no 'nan', 'inf', hex, '12:34' or thousands separators.
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);
const INT_LIMITS = { bigint: 2 ** 63, int: 2 ** 31 } as const;

export function parseDouble(text: string | null): Parsed<number> {
  if (text === null) return null;
  const trimmed = text.trim();
  if (!NUMBER_RE.test(trimmed)) return BAD;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : BAD;
}

/** Integral numbers only ('1.0' is 1, '1.5' is BAD), within the signed range of the type. */
export function parseInteger(text: string | null, type: 'bigint' | 'int'): Parsed<number> {
  const value = parseDouble(text);
  if (value === null || value === BAD) return value;
  const limit = INT_LIMITS[type];
  return Number.isInteger(value) && value >= -limit && value < limit ? value : BAD;
}

export function parseBoolean(text: string | null): Parsed<boolean> {
  if (text === null) return null;
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return BAD;
}

/** Timestamps parse to microseconds since the epoch. */
export function parseValue(type: ColumnType, text: string | null): Parsed<number | boolean | string> {
  if (text === null) return null;
  switch (type) {
    case 'bigint':
    case 'int':
      return parseInteger(text, type);
    case 'double':
      return parseDouble(text);
    case 'boolean':
      return parseBoolean(text);
    case 'text':
      return text;
    case 'timestamp_utc':
      return parseTimestamp(text, 'utc') ?? BAD;
    case 'timestamp_naive':
      return parseTimestamp(text, 'naive') ?? BAD;
  }
}
