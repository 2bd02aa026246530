// Local wall clock <-> UTC for IANA zones, DST included, through Intl (no time-zone table of our own).

import { DAY_MS, monthDay, dayOf } from './calendar.ts';

const BUCKET_MS = 30 * 60_000; // every real DST change falls on a whole or half UTC hour
const LAST_BUCKET = DAY_MS - BUCKET_MS;

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  /** Per UTC day: its offset, or NaN on a day with a change (then looked up per half hour). */
  private readonly days = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** UTC offset in minutes at a UTC instant. */
  offsetMinutes(utcMs: number): number {
    const day = Math.floor(utcMs / DAY_MS);
    let offset = this.days.get(day);
    if (offset === undefined) {
      const first = this.exact(day * DAY_MS);
      offset = first === this.exact(day * DAY_MS + LAST_BUCKET) ? first : Number.NaN;
      this.days.set(day, offset);
    }
    return Number.isNaN(offset) ? this.exact(Math.floor(utcMs / BUCKET_MS) * BUCKET_MS) : offset;
  }

  private exact(at: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((wall - at) / 60_000);
  }

  /**
   * Local wall clock (encoded as UTC ms) -> { utcMs, localMs }. A wall time inside a spring-forward gap
   * does not exist; it comes back shifted so that local and UTC always agree.
   */
  fromLocal(localMs: number): { utcMs: number; localMs: number } {
    const first = this.offsetMinutes(localMs);
    let utcMs = localMs - first * 60_000;
    const second = this.offsetMinutes(utcMs);
    if (second !== first) utcMs = localMs - second * 60_000;
    return { utcMs, localMs: utcMs + this.offsetMinutes(utcMs) * 60_000 };
  }

  /** Strava's label, e.g. '(GMT+01:00) Europe/Berlin', which shows the standard (winter) offset. */
  stravaLabel(day: number): string {
    const { year } = monthDay(day);
    const jan = this.offsetMinutes(dayOf(year, 1, 1) * DAY_MS);
    const jul = this.offsetMinutes(dayOf(year, 7, 1) * DAY_MS);
    const std = Math.min(jan, jul);
    const sign = std < 0 ? '-' : '+';
    const abs = Math.abs(std);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `(GMT${sign}${hh}:${mm}) ${this.timeZone}`;
  }
}

/** One clock per zone, shared, so each zone's offsets are computed once per half hour. */
const clocks = new Map<string, ZoneClock>();
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}
