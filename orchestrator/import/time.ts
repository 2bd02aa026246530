import { RowError } from './row-error.ts';

/**
 * Timestamps. A wall clock (local time) is held in a Date whose UTC fields are the
 * clock's fields, so no machine time zone ever enters; an instant is a plain Date.
 */
export interface ParsedTime {
  /** The clock as written. */
  wall: Date;
  /** Minutes east of UTC when the text carried an offset ('Z' is 0). */
  offsetMinutes?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date | null {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Reject Feb 30 and 25:00 rather than letting Date roll them over.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
// Strava's bulk export: 'Mar 1, 2024, 7:12:00 AM' or '1 Mar 2024, 07:12:00'.
const STRAVA_US = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)?$/i;
const STRAVA_EU = /^(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)?$/i;

const hour12 = (h: number, ampm?: string) => (!ampm ? h : (h % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0));

function offsetOf(text: string): number {
  if (/^(Z|UTC)$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** ISO 8601 (with or without offset) or the bulk export's English date forms. */
export function parseTime(value: string, field: string): ParsedTime {
  const t = value.trim();
  let m = ISO.exec(t);
  if (m) {
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    const wall = wallClock(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
    if (wall) return { wall, offsetMinutes: m[8] ? offsetOf(m[8]) : undefined };
  }
  m = STRAVA_US.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    const wall = mo > 0 ? wallClock(+m[3], mo, +m[2], hour12(+m[4], m[7]), +m[5], +m[6]) : null;
    if (wall) return { wall };
  }
  m = STRAVA_EU.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    const wall = mo > 0 ? wallClock(+m[3], mo, +m[1], hour12(+m[4], m[7]), +m[5], +m[6]) : null;
    if (wall) return { wall };
  }
  throw new RowError('unparsable_date', `${field} is not a date and time: '${value}'`);
}

/**
 * A timestamp in a mapping's own format, built from the tokens yyyy, mm (month),
 * dd, HH, MM (minute) and SS, e.g. 'dd/mm/yyyy HH:MM'. No offset.
 */
export function parseWithFormat(value: string, format: string, field: string): ParsedTime {
  const order: string[] = [];
  const pattern = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/yyyy|mm|dd|HH|MM|SS/g, (token) => {
    order.push(token);
    return token === 'yyyy' ? '(\\d{4})' : '(\\d{1,2})';
  });
  const m = new RegExp(`^${pattern}$`).exec(value.trim());
  const part = (token: string) => (order.includes(token) ? Number(m![order.indexOf(token) + 1]) : 0);
  const wall = m ? wallClock(part('yyyy'), part('mm'), part('dd'), part('HH'), part('MM'), part('SS')) : null;
  if (!wall) throw new RowError('unparsable_date', `${field} '${value}' does not match the format '${format}'`);
  return { wall };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows an IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC in `zone` at an instant. */
export function zoneOffsetMinutes(zone: string, instant: Date): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant a wall clock in `zone` stands for (the earlier one in a DST overlap). */
export function wallToInstant(wall: Date, zone: string): Date {
  const guess = new Date(wall.getTime() - zoneOffsetMinutes(zone, wall) * 60000);
  return new Date(wall.getTime() - zoneOffsetMinutes(zone, guess) * 60000);
}

export function instantToWall(instant: Date, zone: string): Date {
  return new Date(instant.getTime() + zoneOffsetMinutes(zone, instant) * 60000);
}

/** 'Europe/Berlin' from Strava's '(GMT+01:00) Europe/Berlin'; null when no known zone is named. */
export function ianaZone(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label.replace(/^\(GMT[^)]*\)\s*/, '').trim();
  return name && isTimeZone(name) ? name : null;
}

/** 'YYYY-MM-DD HH:MM:SS' of a Date's UTC fields (an instant in UTC, or a wall clock). */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}
