import { RowError } from './row-error.ts';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * A number from a JSON number or an export's text: '10.02', '1,234.5' (thousands
 * commas), '1.0'. Blank is null; anything else is a RowError naming the field.
 */
export function toNumber(value: unknown, field: string): number | null {
  if (blank(value)) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RowError('unparsable_value', `${field} is not a finite number: ${value}`);
    return value;
  }
  let text = String(value).trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new RowError('unparsable_value', `${field} is not a number: '${String(value)}'`);
  return Number(text);
}

export function requireNumber(value: unknown, field: string): number {
  const n = toNumber(value, field);
  if (n === null) throw new RowError('missing_value', `${field} is empty`);
  return n;
}

/** A whole number, kept exact past 2^53 (Strava ids); '123.0' is accepted. */
export function toId(value: unknown, field: string): bigint | null {
  if (blank(value)) return null;
  if (typeof value === 'bigint') return value;
  const text = String(value).trim().replace(/\.0+$/, '');
  if (!/^-?\d+$/.test(text)) throw new RowError('unparsable_value', `${field} is not a whole number: '${String(value)}'`);
  return BigInt(text);
}

export function requireId(value: unknown, field: string): bigint {
  const id = toId(value, field);
  if (id === null) throw new RowError(`missing_${field.replace(/\W+/g, '_').toLowerCase()}`, `${field} is empty`);
  return id;
}

/** workout_type as an integer; exports write '1.0'. */
export function toWorkoutType(value: unknown): number | null {
  const n = toNumber(value, 'workout_type');
  if (n === null) return null;
  if (!Number.isInteger(n)) throw new RowError('unparsable_value', `workout_type is not a whole number: '${String(value)}'`);
  return n;
}

export function toBoolean(value: unknown, field: string): boolean | null {
  if (blank(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', 't', 'yes', 'y', '1'].includes(text)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(text)) return false;
  throw new RowError('unparsable_value', `${field} is not true/false: '${String(value)}'`);
}

/** Seconds from a number of seconds or 'h:mm:ss' / 'mm:ss' text. */
export function toSeconds(value: unknown, field: string): number | null {
  if (!blank(value) && typeof value === 'string' && /^\d+(:\d{1,2}){1,2}$/.test(value.trim())) {
    return value
      .trim()
      .split(':')
      .reduce((acc, part) => acc * 60 + Number(part), 0);
  }
  return toNumber(value, field);
}

export function text(value: unknown): string | null {
  return blank(value) ? null : String(value).trim();
}

/** Strava's display name of a type ("Trail Run", "Weight Training") as its sport_type ("TrailRun"). */
export function sportType(value: unknown): string | null {
  const t = text(value);
  return t === null ? null : t.replace(/\s+/g, '');
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
