// Calendar arithmetic on day numbers (days since 1970-01-01), the simulator's unit of time.

export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' -> day number; throws on anything that is not a real calendar date. */
export function parseDay(text: string): number {
  const m = ISO_DATE.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: '${text}'`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  if (formatDay(day) !== text) throw new Error(`not a calendar date: '${text}'`);
  return day;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:MM:SS' of a millisecond instant read as UTC. */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOf(day: number): number {
  return day - weekday(day);
}

/** Month 1..12 and day of month. */
export function monthDay(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

export function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

/** Subtracts whole calendar years, clamping 29 February. */
export function yearsBefore(day: number, years: number): number {
  const whole = Math.floor(years);
  const { year, month, date } = monthDay(day);
  const base = dayOf(year - whole, month, Math.min(date, month === 2 ? 28 : date));
  return base - Math.round((years - whole) * 365.25);
}
