// Section 2, step 3: the rules a surviving row can fail, in the contract's order
// (the first failing one is the reason code). A rule whose inputs are null or
// unparsable does not fail; the missing or bad value fails its own rule.
import { RUN_SPORT_TYPES } from './columns.ts';
import { dayOfMicros } from './dates.ts';
import { BAD, type Parsed } from './parse.ts';
import type { ReasonCode } from './types.ts';

export type ParsedRow = Record<string, Parsed<number | boolean | string>>;

export interface Rule {
  code: ReasonCode;
  fails: (row: ParsedRow) => boolean;
}

const num = (value: ParsedRow[string] | undefined): number | null => (typeof value === 'number' ? value : null);

/** The contract's run: sport type Run/TrailRun/VirtualRun, distance_km > 0, moving_time > 0. */
export function isRunRow(row: ParsedRow): boolean {
  const distance = num(row.distance_km);
  const moving = num(row.moving_time);
  return (
    typeof row.sport_type === 'string' &&
    RUN_SPORT_TYPES.includes(row.sport_type) &&
    distance !== null &&
    distance > 0 &&
    moving !== null &&
    moving > 0
  );
}

/** Rules shared by activities and splits. */
export const COMMON_RULES: readonly Rule[] = [
  { code: 'null_time', fails: (r) => r.moving_time === null || r.elapsed_time === null },
  {
    code: 'non_positive_time',
    fails: (r) => (num(r.moving_time) ?? 1) <= 0 || (num(r.elapsed_time) ?? 1) <= 0,
  },
  {
    code: 'moving_exceeds_elapsed',
    fails: (r) => {
      const [moving, elapsed] = [num(r.moving_time), num(r.elapsed_time)];
      return moving !== null && elapsed !== null && moving > elapsed + 60;
    },
  },
  { code: 'negative_distance', fails: (r) => (num(r.distance_km) ?? 0) < 0 },
  { code: 'unparsable', fails: (r) => Object.values(r).some((value) => value === BAD) },
];

export function activityRules(asOfDay: number): Rule[] {
  return [
    ...COMMON_RULES,
    {
      code: 'pace_out_of_range',
      fails: (r) => {
        if (!isRunRow(r)) return false;
        const pace = (r.moving_time as number) / 60 / (r.distance_km as number);
        return pace < 2 || pace > 30;
      },
    },
    { code: 'future_date', fails: (r) => dayOfMicros(r.start_date_local as number) > asOfDay },
  ];
}

/** Splits: the same rules minus pace and date, plus "splits of a rejected activity are ignored". */
export function splitRules(acceptedActivityKeys: ReadonlySet<string>): Rule[] {
  return [
    ...COMMON_RULES,
    {
      code: 'activity_not_accepted',
      fails: (r) => !acceptedActivityKeys.has(`${num(r.athlete_id)}|${num(r.activity_id)}`),
    },
  ];
}
