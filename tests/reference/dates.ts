// Calendar arithmetic on integer day numbers and integer microseconds since the
// epoch. JS Date is avoided on purpose: its local-time-zone behaviour and its
// two-digit-year quirk would make the reference depend on the machine it runs on.

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil: [year, month, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return d <= daysFromCivil(ny, nm, 1) - daysFromCivil(y, m, 1);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' -> day number; null when malformed or not a real date. */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? daysFromCivil(y, mo, d) : null;
}

/** Like parseDay, but throws: for arguments such as the as-of date. */
export function requireDay(text: string): number {
  const day = parseDay(text);
  if (day === null) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  return day;
}

export function formatDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Monday of the ISO week holding the day (day 0, 1970-01-01, is a Thursday). */
export function isoWeekStart(day: number): number {
  return day - (((day + 3) % 7) + 7) % 7;
}

const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * ISO-8601-like timestamp text -> microseconds since the epoch, or null when it does
 * not parse. 'utc' applies a written offset (no offset means UTC); 'naive' keeps the
 * wall clock as written and ignores any 'Z' or offset (Strava writes a fake 'Z' on
 * start_date_local). Fractions beyond microseconds are truncated.
 */
export function parseTimestamp(text: string, kind: 'utc' | 'naive'): number | null {
  const m = TIMESTAMP_RE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const micros = Number((m[7] ?? '').slice(0, 6).padEnd(6, '0'));
  let offsetMinutes = 0;
  const zone = m[8]?.toUpperCase();
  if (kind === 'utc' && zone && zone !== 'Z' && zone !== 'UTC') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const [oh, om] = [Number(z[2]), Number(z[3] ?? 0)];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const seconds = h * 3600 + mi * 60 + s - offsetMinutes * 60;
  return daysFromCivil(y, mo, d) * MICROS_PER_DAY + seconds * MICROS_PER_SECOND + micros;
}

/** Microseconds since the epoch -> 'YYYY-MM-DD HH:MM:SS[.ffffff]' (fraction only when non-zero). */
export function formatTimestamp(micros: number): string {
  const day = Math.floor(micros / MICROS_PER_DAY);
  const rest = micros - day * MICROS_PER_DAY;
  const seconds = Math.floor(rest / MICROS_PER_SECOND);
  const fraction = rest - seconds * MICROS_PER_SECOND;
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return `${formatDay(day)} ${clock}${fraction ? `.${pad(fraction, 6)}` : ''}`;
}

/** Day number of a timestamp given in microseconds. */
export function dayOfMicros(micros: number): number {
  return Math.floor(micros / MICROS_PER_DAY);
}
