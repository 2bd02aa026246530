import { describe, expect, it } from 'vitest';
import { RowError } from '../../orchestrator/import/row-error.ts';
import { ianaZone, instantToWall, parseTime, parseWithFormat, sqlTimestamp, wallToInstant } from '../../orchestrator/import/time.ts';
import { sportType, toBoolean, toId, toNumber, toSeconds, toWorkoutType } from '../../orchestrator/import/values.ts';

const wall = (s: string) => new Date(`${s}Z`);

describe('timestamps of the inputs', () => {
  it('reads the bulk export date forms and ISO 8601 with and without an offset', () => {
    expect(sqlTimestamp(parseTime('Mar 1, 2024, 7:12:00 PM', 'd').wall)).toBe('2024-03-01 19:12:00');
    expect(sqlTimestamp(parseTime('Dec 31, 2023, 12:05:09 AM', 'd').wall)).toBe('2023-12-31 00:05:09');
    expect(sqlTimestamp(parseTime('1 Mar 2024, 07:12:00', 'd').wall)).toBe('2024-03-01 07:12:00');
    expect(parseTime('2026-04-19T07:09:04Z', 'd')).toEqual({ wall: wall('2026-04-19T07:09:04'), offsetMinutes: 0 });
    expect(parseTime('2022-10-08 21:30:07+00:00', 'd').offsetMinutes).toBe(0);
    expect(parseTime('2024-03-01T09:00:00+02:00', 'd').offsetMinutes).toBe(120);
    expect(parseTime('2024-03-01 09:00', 'd')).toEqual({ wall: wall('2024-03-01T09:00:00'), offsetMinutes: undefined });
  });

  it("reads a mapping's own format and refuses impossible dates", () => {
    expect(parseWithFormat('15/12/2019 09:08', 'dd/mm/yyyy HH:MM', 'ts').wall).toEqual(wall('2019-12-15T09:08:00'));
    expect(() => parseWithFormat('31/02/2019 09:08', 'dd/mm/yyyy HH:MM', 'ts')).toThrow(RowError);
    expect(() => parseTime('yesterday', 'start')).toThrow("start is not a date and time: 'yesterday'");
  });

  it('converts local clocks and instants through an IANA zone, daylight saving included', () => {
    expect(wallToInstant(wall('2024-07-01T10:00:00'), 'Europe/Berlin').toISOString()).toBe('2024-07-01T08:00:00.000Z');
    expect(wallToInstant(wall('2024-01-15T10:00:00'), 'Europe/Berlin').toISOString()).toBe('2024-01-15T09:00:00.000Z');
    expect(sqlTimestamp(instantToWall(new Date('2024-07-01T08:00:00Z'), 'America/Los_Angeles'))).toBe('2024-07-01 01:00:00');
    expect(ianaZone('(GMT+01:00) Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZone('(GMT+01:00) Nowhere/Atlantis')).toBeNull();
  });
});

describe('values of the inputs', () => {
  it('reads numbers, ids, booleans, durations and workout types as exports write them', () => {
    expect(toNumber('1,234.5', 'x')).toBe(1234.5);
    expect(toNumber('', 'x')).toBeNull();
    expect(() => toNumber('12km', 'distance')).toThrow("distance is not a number: '12km'");
    expect(toId('18167349573', 'id')).toBe(18167349573n);
    expect(toId('9007199254740993', 'id')).toBe(9007199254740993n);
    expect(toId('6409361954.0', 'id')).toBe(6409361954n);
    expect(toBoolean('False', 'b')).toBe(false);
    expect(toSeconds('1:02:03', 't')).toBe(3723);
    expect(toWorkoutType('1.0')).toBe(1);
    expect(() => toWorkoutType('1.5')).toThrow(RowError);
    expect(sportType('Trail Run')).toBe('TrailRun');
    expect(sportType('Weight Training')).toBe('WeightTraining');
  });
});
