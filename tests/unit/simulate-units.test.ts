import { describe, expect, it } from 'vitest';
import { BanisterState, makeBanister, modelRaceTime, speedFactor, steadyState, thresholdPaceOf } from '../../orchestrator/simulate/banister.ts';
import { DAY_MS, parseDay, weekday } from '../../orchestrator/simulate/calendar.ts';
import { formatRows } from '../../orchestrator/simulate/csv-sink.ts';
import { activityIdOf, dayOfId } from '../../orchestrator/simulate/ids.ts';
import { parseSimulateOptions } from '../../orchestrator/simulate/options.ts';
import { Rng } from '../../orchestrator/simulate/prng.ts';
import { num } from '../../orchestrator/simulate/rows.ts';
import { buildSplits, splitDistanceDm } from '../../orchestrator/simulate/splits.ts';
import { ZoneClock } from '../../orchestrator/simulate/timezone.ts';

const utc = (iso: string) => Date.parse(iso);

describe('ZoneClock', () => {
  it('gives the UTC offset with DST in both hemispheres and half-hour zones', () => {
    expect(new ZoneClock('Europe/Berlin').offsetMinutes(utc('2026-07-01T12:00:00Z'))).toBe(120);
    expect(new ZoneClock('Europe/Berlin').offsetMinutes(utc('2026-01-15T12:00:00Z'))).toBe(60);
    expect(new ZoneClock('America/New_York').offsetMinutes(utc('2026-07-01T12:00:00Z'))).toBe(-240);
    expect(new ZoneClock('America/New_York').offsetMinutes(utc('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(new ZoneClock('Australia/Sydney').offsetMinutes(utc('2026-01-15T00:00:00Z'))).toBe(660);
    expect(new ZoneClock('Australia/Sydney').offsetMinutes(utc('2026-07-15T00:00:00Z'))).toBe(600);
    expect(new ZoneClock('Asia/Kolkata').offsetMinutes(utc('2026-07-01T12:00:00Z'))).toBe(330);
  });

  it('switches at the exact instant of a DST change (Berlin, 2026-03-29 01:00 UTC)', () => {
    const berlin = new ZoneClock('Europe/Berlin');
    expect(berlin.offsetMinutes(utc('2026-03-29T00:59:59Z'))).toBe(60);
    expect(berlin.offsetMinutes(utc('2026-03-29T01:00:00Z'))).toBe(120);
    expect(berlin.offsetMinutes(utc('2026-10-25T00:59:59Z'))).toBe(120);
    expect(berlin.offsetMinutes(utc('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('converts a local wall clock to UTC, shifting a time inside the spring-forward gap', () => {
    const berlin = new ZoneClock('Europe/Berlin');
    const summer = berlin.fromLocal(utc('2026-07-01T07:30:00Z'));
    expect(new Date(summer.utcMs).toISOString()).toBe('2026-07-01T05:30:00.000Z');
    const gap = berlin.fromLocal(utc('2026-03-29T02:30:00Z'));
    expect(new Date(gap.localMs).toISOString()).toBe('2026-03-29T03:30:00.000Z');
    expect(gap.localMs - gap.utcMs).toBe(120 * 60_000);
  });

  it("writes Strava's label with the standard offset", () => {
    const day = parseDay('2026-07-01');
    expect(new ZoneClock('Europe/Berlin').stravaLabel(day)).toBe('(GMT+01:00) Europe/Berlin');
    expect(new ZoneClock('America/New_York').stravaLabel(day)).toBe('(GMT-05:00) America/New_York');
    expect(new ZoneClock('Australia/Sydney').stravaLabel(day)).toBe('(GMT+10:00) Australia/Sydney');
    expect(new ZoneClock('Asia/Kolkata').stravaLabel(day)).toBe('(GMT+05:30) Asia/Kolkata');
  });
});

describe('Banister model', () => {
  it('decays fitness and fatigue by e^(-1/tau) and adds the day load', () => {
    const halfLife = 1 / Math.LN2; // e^(-1/tau) = 0.5
    const p = makeBanister(10, halfLife, halfLife, 10, 2, { fitness: 0, fatigue: 0 });
    const s = new BanisterState(p);
    s.endDay(100);
    expect(s.fitness).toBeCloseTo(100, 12);
    s.endDay(0);
    expect(s.fitness).toBeCloseTo(50, 12);
    s.endDay(20);
    expect(s.fitness).toBeCloseTo(45, 12);
    expect(s.fatigue).toBeCloseTo(45, 12);
    expect(steadyState(10, halfLife)).toBeCloseTo(20, 12);
  });

  it('anchors k1 on the habitual load and maps performance to threshold speed', () => {
    const p = makeBanister(50, 42, 7, 10, 2, { fitness: 1, fatigue: 1 });
    expect(p.k1 * steadyState(50, 42)).toBeCloseTo(10, 10);
    expect(p.k2).toBeCloseTo(2 * p.k1, 15);
    expect(speedFactor(p, p.perfRef)).toBe(1);
    expect(thresholdPaceOf(p, 5, p.perfRef + 10)).toBeCloseTo(5 / 1.1, 12);
    expect(speedFactor(p, p.perfRef + 100)).toBe(1.15);
  });

  it('times races by Riegel from the one-hour distance', () => {
    // 4:00 min/km threshold = 15 km in an hour; 10 km: 3600 * (10/15)^1.06 = 2342.28 s.
    expect(modelRaceTime(4, 10, 0)).toBeCloseTo(2342.28, 1);
    expect(modelRaceTime(4, 10, 10)).toBeCloseTo(2342.28 * 1.015, 1);
    expect(modelRaceTime(4, 15, 0)).toBeCloseTo(3600 * Math.pow(1, 1.06), 9);
  });

  it("times races beyond 10 km by the runner's endurance exponent from the 10 km time", () => {
    // Half at 4:00 threshold: 2342.32 * 2.10975^1.12 = 5404.86 s; with 1.06 it is plain Riegel, 5168.10 s.
    expect(modelRaceTime(4, 21.0975, 0, 1.12)).toBeCloseTo(5404.86, 1);
    expect(modelRaceTime(4, 21.0975, 0, 1.06)).toBeCloseTo(5168.1, 1);
    expect(modelRaceTime(4, 21.0975, 0)).toBeCloseTo(5168.1, 1);
    // Up to 10 km the exponent does not apply.
    expect(modelRaceTime(4, 5, 0, 1.15)).toBeCloseTo(modelRaceTime(4, 5, 0), 9);
  });
});

describe('splits', () => {
  it('cuts per km with a partial last split and exact sums', () => {
    const built = buildSplits(
      { pieces: [{ km: 2.5, speed: 4, effort: 0.8 }], stops: [{ atKm: 1.5, sec: 30 }], gainPerKm: 0, wobbleSd: 0 },
      new Rng(1),
    );
    expect(built.splits.map((s) => [s.distanceDm, s.movingTime, s.elapsedTime])).toEqual([
      [10_000, 250, 250],
      [10_000, 250, 280],
      [5_000, 125, 125],
    ]);
    expect(built.movingTime).toBe(625);
    expect(built.elapsedTime).toBe(655);
    // 625 s at effort 0.8: 625/3600 * 0.64 * 100
    expect(built.load).toBeCloseTo((625 / 3600) * 64, 9);
  });

  it('forces a target moving time and never leaves a split under 20 m', () => {
    expect(splitDistanceDm(3.01)).toBe(30_200);
    expect(splitDistanceDm(3.05)).toBe(30_500);
    expect(splitDistanceDm(3)).toBe(30_000);
    const built = buildSplits({ pieces: [{ km: 5.0, speed: 4, effort: 1 }], stops: [], gainPerKm: 5, wobbleSd: 0.02, targetMovingS: 1199 }, new Rng(2));
    expect(built.movingTime).toBe(1199);
    expect(built.splits.reduce((s, x) => s + x.movingTime, 0)).toBe(1199);
    expect(built.splits).toHaveLength(5);
  });
});

describe('formatting, ids, options, prng', () => {
  it('quotes only cells that need it and writes null as an empty field', () => {
    expect(formatRows([['1', 'Easy run, legs heavy', null, 'say "hi"']])).toBe('1,"Easy run, legs heavy",,"say ""hi"""\n');
    expect(formatRows([['1', '2.5', null, 'Morning Run']])).toBe('1,2.5,,Morning Run\n');
  });

  it('formats numbers with fixed decimals and no trailing zeros', () => {
    expect(num(10, 4)).toBe('10');
    expect(num(1.23456, 4)).toBe('1.2346');
    expect(num(0.5, 4)).toBe('0.5');
    expect(num(-0.001, 2)).toBe('0');
    expect(num(178.4, 0)).toBe('178');
  });

  it('issues activity ids that grow with the day and are unique across athletes', () => {
    const day = parseDay('2026-11-22');
    expect(activityIdOf(parseDay('2000-01-01'), 0, 0)).toBe(1_000_000_000);
    expect(activityIdOf(day, 3, 2)).toBe(1_000_000_000 + (day - 10_957) * 4_000_000 + 3 * 16 + 2);
    expect(dayOfId(activityIdOf(day, 249_999, 15))).toBe(day);
    expect(activityIdOf(day, 1, 0)).toBeGreaterThan(activityIdOf(day, 0, 15));
    expect(() => activityIdOf(day, 0, 16)).toThrow();
  });

  it('parses CLI strings and names the bad flag', () => {
    const o = parseSimulateOptions({ athletes: '12', years: '2.5', seed: '7', out: 'x', 'end-date': '2025-01-31', 'dirty-rate': '0.01' });
    expect(o).toMatchObject({ athletes: 12, years: 2.5, seed: 7, out: 'x', endDate: '2025-01-31', dirtyRate: 0.01 });
    expect(() => parseSimulateOptions({ athletes: '0', years: '1', out: 'x' })).toThrow(/--athletes/);
    expect(() => parseSimulateOptions({ athletes: 'abc', years: '1', out: 'x' })).toThrow(/--athletes/);
    expect(() => parseSimulateOptions({ athletes: '1', years: '1', out: 'x', endDate: '2026-02-30' })).toThrow(/--end-date/);
    expect(() => parseSimulateOptions({ athletes: '1', years: '1', out: 'x', splits: 'some' })).toThrow(/--splits/);
    expect(() => parseSimulateOptions({ athletes: '1', years: '1' })).toThrow(/--out/);
  });

  it('draws the same numbers for the same key and other numbers for another', () => {
    const a = new Rng(42, 'x', 1);
    const b = new Rng(42, 'x', 1);
    const c = new Rng(43, 'x', 1);
    const seqA = Array.from({ length: 5 }, () => a.nextUint());
    expect(Array.from({ length: 5 }, () => b.nextUint())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint())).not.toEqual(seqA);
    const r = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform(2, 3);
      expect(u >= 2 && u < 3).toBe(true);
    }
  });

  it('numbers weekdays from Monday', () => {
    expect(weekday(parseDay('2026-11-23'))).toBe(0); // a Monday
    expect(weekday(parseDay('2026-11-22'))).toBe(6);
    expect(parseDay('1970-01-02') * DAY_MS).toBe(DAY_MS);
  });
});
