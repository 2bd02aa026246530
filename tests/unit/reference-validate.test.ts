import { describe, expect, it } from 'vitest';
import { rawActivity, rawSplit } from '../reference/fixtures.ts';
import type { RawRow } from '../reference/types.ts';
import { validate } from '../reference/validate.ts';

const AS_OF = '2024-03-10';
const one = (overrides: Record<string, string | null>) => validate([rawActivity(overrides)], [], AS_OF);

describe('reference validate: accepted rows', () => {
  it('types the row, normalises start_date to UTC and takes the local date from the naive local time', () => {
    const { activities, rejected } = validate(
      [rawActivity({ start_date: '2024-03-01T23:30:00-02:00', start_date_local: '2024-03-01T21:30:00Z' })],
      [],
      AS_OF,
    );
    expect(rejected).toEqual([]);
    expect(activities).toEqual([
      {
        athlete_id: 1,
        activity_id: 100,
        name: 'Morning Run',
        sport_type: 'Run',
        workout_type: null,
        start_date: '2024-03-02 01:30:00',
        start_date_local: '2024-03-01 21:30:00',
        activity_date: '2024-03-01',
        timezone: '(GMT+01:00) Europe/Berlin',
        distance_km: 10,
        moving_time: 3000,
        elapsed_time: 3100,
        total_elevation_gain: 50,
        average_heartrate: 150,
        max_heartrate: 170,
        has_heartrate: true,
        is_run: true,
      },
    ]);
  });

  it("reads workout_type '1.0' as 1 and a Run without distance as a non-run", () => {
    const { activities } = one({ workout_type: '1.0', distance_km: '0' });
    expect(activities[0]).toMatchObject({ workout_type: 1, is_run: false });
  });
});

describe('reference validate: reason codes', () => {
  const cases: [string, Record<string, string | null>, string[]][] = [
    ['null athlete_id', { athlete_id: null }, ['null_key']],
    ['empty start_date_local', { start_date_local: '' }, ['null_key']],
    ['unparsable key', { id: 'abc' }, ['unparsable']],
    ['null moving_time', { moving_time: null }, ['null_time']],
    ['zero moving_time', { moving_time: '0' }, ['non_positive_time']],
    [
      'negative elapsed_time, with every other failing rule listed',
      { elapsed_time: '-5', moving_time: '100' },
      ['non_positive_time', 'moving_exceeds_elapsed', 'pace_out_of_range'],
    ],
    ['moving > elapsed + 60', { moving_time: '3000', elapsed_time: '2939' }, ['moving_exceeds_elapsed']],
    ['negative distance', { distance_km: '-1' }, ['negative_distance']],
    ["'abc' as distance", { distance_km: 'abc' }, ['unparsable']],
    ["'12:34' as moving_time", { moving_time: '12:34' }, ['unparsable']],
    ["'1.5' as workout_type", { workout_type: '1.5' }, ['unparsable']],
    ["'nan' as heart rate", { average_heartrate: 'nan' }, ['unparsable']],
    ['a bad boolean', { has_heartrate: 'maybe' }, ['unparsable']],
    ['an impossible date', { start_date: '2024-02-30T07:00:00Z' }, ['unparsable']],
    ['run faster than 2:00/km', { distance_km: '10', moving_time: '1190', elapsed_time: '1190' }, ['pace_out_of_range']],
    ['run slower than 30:00/km', { distance_km: '1', moving_time: '1801', elapsed_time: '1801' }, ['pace_out_of_range']],
    [
      'local date after the as-of date (UTC date is not)',
      { start_date: '2024-03-10T23:30:00Z', start_date_local: '2024-03-11T00:30:00' },
      ['future_date'],
    ],
    [
      'several failures, first one is the code',
      { moving_time: '0', distance_km: '-2', pace_min_km: 'fast' },
      ['non_positive_time', 'negative_distance', 'unparsable'],
    ],
  ];
  it.each(cases)('%s', (_label, overrides, failed) => {
    const { activities, rejected } = one(overrides);
    expect(activities).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ source_table: 'strava_activities', reason_code: failed[0], failed_rules: failed });
  });

  it('accepts the boundaries: elapsed + 60, pace exactly 2:00 and 30:00, local date = as-of date', () => {
    const rows = [
      rawActivity({ id: '1', moving_time: '3000', elapsed_time: '2940' }),
      rawActivity({ id: '2', distance_km: '10', moving_time: '1200', elapsed_time: '1200' }),
      rawActivity({ id: '3', distance_km: '1', moving_time: '1800', elapsed_time: '1800' }),
      rawActivity({ id: '4', start_date: '2024-03-09T23:00:00Z', start_date_local: '2024-03-10T23:59:59' }),
      // Pace rules are for runs only.
      rawActivity({ id: '5', sport_type: 'Ride', distance_km: '10', moving_time: '1000', elapsed_time: '1000' }),
    ];
    const { activities, rejected } = validate(rows, [], AS_OF);
    expect(rejected).toEqual([]);
    expect(activities.map((a) => a.activity_id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ignores the silver pace_min_km value (pace is recomputed) as long as it parses', () => {
    expect(one({ pace_min_km: '0.5' }).rejected).toEqual([]);
  });

  it('keys rejected rows by their parsed keys and input position', () => {
    const { rejected } = validate([rawActivity(), rawActivity({ id: '7', moving_time: null })], [], AS_OF);
    expect(rejected).toMatchObject([{ input_row: 2, athlete_id: 1, activity_id: 7, split_id: null }]);
  });
});

describe('reference validate: duplicates', () => {
  const winner = (rows: RawRow[]) => {
    const result = validate(rows, [], AS_OF);
    expect(result.rejected.map((r) => r.reason_code)).toEqual(Array(rows.length - 1).fill('duplicate'));
    return result;
  };

  it('keeps the row whose values compare greatest as text, in column order, in either input order', () => {
    const a = rawActivity({ name: 'a', distance_km: '9' });
    const b = rawActivity({ name: 'b', distance_km: '5' });
    expect(winner([a, b]).activities[0]!.name).toBe('b');
    expect(winner([b, a]).activities[0]!.name).toBe('b');
  });

  it('compares as text, not as numbers, and puts null lowest', () => {
    const nine = rawActivity({ distance_km: '9' });
    const ten = rawActivity({ distance_km: '10' });
    expect(winner([nine, ten]).activities[0]!.distance_km).toBe(9);
    const named = rawActivity({ name: '' });
    const unnamed = rawActivity({ name: 'x', sport_type: null, distance_km: '3' });
    // name '' reads as null: 'x' wins on name before sport_type is looked at.
    expect(winner([unnamed, named]).activities[0]!.distance_km).toBe(3);
  });

  it('on a full tie keeps the later input row', () => {
    const { rejected } = winner([rawActivity(), rawActivity(), rawActivity()]);
    expect(rejected.map((r) => r.input_row)).toEqual([1, 2]);
  });

  it("matches ids by value ('100' and '100.0' are the same activity)", () => {
    const { rejected } = winner([rawActivity({ id: '100.0' }), rawActivity({ id: '100' })]);
    // '100.0' > '100' as text, so the first row wins.
    expect(rejected[0]!.input_row).toBe(2);
  });

  it('rejects the surviving row too when it then fails a rule', () => {
    const result = validate([rawActivity({ name: 'a' }), rawActivity({ name: 'b', moving_time: '0' })], [], AS_OF);
    expect(result.activities).toEqual([]);
    expect(result.rejected.map((r) => [r.input_row, r.reason_code])).toEqual([
      [1, 'duplicate'],
      [2, 'non_positive_time'],
    ]);
  });
});

describe('reference validate: heart-rate repair', () => {
  it('nulls values outside 25..250 bpm with a warning and keeps the bounds', () => {
    const { activities, warnings, rejected } = validate(
      [
        rawActivity({ id: '1', average_heartrate: '251', max_heartrate: '250' }),
        rawActivity({ id: '2', average_heartrate: '25', max_heartrate: '24.9' }),
      ],
      [],
      AS_OF,
    );
    expect(rejected).toEqual([]);
    expect(activities.map((a) => [a.average_heartrate, a.max_heartrate])).toEqual([
      [null, 250],
      [25, null],
    ]);
    expect(warnings).toEqual([
      { source_table: 'strava_activities', athlete_id: 1, activity_id: 1, split_id: null, column_name: 'average_heartrate', original_value: 251, warning_code: 'hr_out_of_range' },
      { source_table: 'strava_activities', athlete_id: 1, activity_id: 2, split_id: null, column_name: 'max_heartrate', original_value: 24.9, warning_code: 'hr_out_of_range' },
    ]);
  });
});

describe('reference validate: splits', () => {
  const activities = [rawActivity({ id: '100' }), rawActivity({ id: '200', moving_time: '0' })];

  it('applies null key, duplicate, time, distance and parse rules, and rejects splits of rejected or missing activities', () => {
    const splits = [
      rawSplit({ split_id: '1' }),
      rawSplit({ split_id: null }),
      rawSplit({ split_id: '2', distance_km: '0.9' }),
      rawSplit({ split_id: '2', distance_km: '1.1' }),
      rawSplit({ split_id: '3', moving_time: null }),
      rawSplit({ split_id: '4', moving_time: '400', elapsed_time: '300' }),
      rawSplit({ split_id: '5', distance_km: '-0.1' }),
      rawSplit({ split_id: '6', max_heartrate: 'high' }),
      rawSplit({ split_id: '1', activity_id: '200' }),
      rawSplit({ split_id: '1', activity_id: '300' }),
      // No pace rule for splits: 1 km in 30 s is accepted.
      rawSplit({ split_id: '7', moving_time: '30', elapsed_time: '30', average_heartrate: '300' }),
    ];
    const result = validate(activities, splits, AS_OF);
    expect(result.splits.map((s) => [s.split_id, s.distance_km, s.average_heartrate])).toEqual([
      [1, 1, 150],
      [2, 1.1, 150],
      [7, 1, null],
    ]);
    const splitRejects = result.rejected.filter((r) => r.source_table === 'strava_sub_activity');
    expect(splitRejects.map((r) => [r.input_row, r.reason_code])).toEqual([
      [2, 'null_key'],
      [3, 'duplicate'],
      [5, 'null_time'],
      [6, 'moving_exceeds_elapsed'],
      [7, 'negative_distance'],
      [8, 'unparsable'],
      [9, 'activity_not_accepted'],
      [10, 'activity_not_accepted'],
    ]);
    expect(result.warnings).toEqual([
      { source_table: 'strava_sub_activity', athlete_id: 1, activity_id: 100, split_id: 7, column_name: 'average_heartrate', original_value: 300, warning_code: 'hr_out_of_range' },
    ]);
    // Input rows = accepted rows + rejected rows.
    expect(result.activities.length + result.splits.length + result.rejected.length).toBe(activities.length + splits.length);
  });
});
