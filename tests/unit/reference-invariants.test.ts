import { describe, expect, it } from 'vitest';
import { formatTimestamp, MICROS_PER_DAY, parseTimestamp } from '../reference/dates.ts';
import { rawActivity, rawSplit } from '../reference/fixtures.ts';
import { referencePipeline } from '../reference/pipeline.ts';
import type { RawRow } from '../reference/types.ts';

const AS_OF = '2024-05-31';
const DAY0 = parseTimestamp('2024-03-01 06:00:00', 'utc')!;
const SPORTS = ['Run', 'Run', 'Ride', 'TrailRun', 'Walk'];

/** A deterministic history: one activity every `every` days, with three splits each. */
function history(athlete: number, every: number, hrOffset: number): { activities: RawRow[]; splits: RawRow[] } {
  const activities: RawRow[] = [];
  const splits: RawRow[] = [];
  for (let i = 0; i * every < 90; i++) {
    const start = DAY0 + i * every * MICROS_PER_DAY + athlete * 3_600_000_000;
    const moving = 1500 + ((i * 317) % 800) * 3;
    activities.push(
      rawActivity({
        athlete_id: String(athlete),
        id: String(1000 + i), // the same ids for every athlete
        name: i % 9 === 0 ? 'Parkrun' : 'Training',
        sport_type: SPORTS[i % SPORTS.length]!,
        start_date: formatTimestamp(start),
        start_date_local: formatTimestamp(start + 2 * 3_600_000_000),
        distance_km: String(moving / 300 + (i % 3)),
        moving_time: String(moving),
        elapsed_time: String(moving + 30),
        average_heartrate: i % 4 === 0 ? null : String(130 + hrOffset + (i % 20)),
        max_heartrate: i % 4 === 0 ? null : String(160 + hrOffset + (i % 25)),
      }),
    );
    for (let s = 1; s <= 3; s++) {
      splits.push(
        rawSplit({
          athlete_id: String(athlete),
          activity_id: String(1000 + i),
          split_id: String(s),
          moving_time: String(moving / 3),
          elapsed_time: String(moving / 3),
          average_heartrate: s === 2 ? null : String(120 + hrOffset + s * 15 + (i % 7)),
          max_heartrate: String(150 + hrOffset + s * 10),
        }),
      );
    }
  }
  return { activities, splits };
}

const rowsOf = (result: ReturnType<typeof referencePipeline>, athlete: number) => ({
  activities: result.staging.activities.filter((r) => r.athlete_id === athlete),
  activity: result.activity.filter((r) => r.athlete_id === athlete),
  daily: result.daily.filter((r) => r.athlete_id === athlete),
  weekly: result.weekly.filter((r) => r.athlete_id === athlete),
  rolling: result.rolling.filter((r) => r.athlete_id === athlete),
});

describe('reference invariants', () => {
  const a = history(1, 2, 0);
  const b = history(2, 1, 25);
  const alone = referencePipeline(a.activities, a.splits, AS_OF);

  it('the generated history is all accepted', () => {
    expect(alone.staging.rejected).toEqual([]);
    expect(alone.staging.splits).toHaveLength(a.splits.length);
  });

  it("changing another athlete's data changes nothing for this athlete", () => {
    const withB = referencePipeline([...b.activities, ...a.activities], [...a.splits, ...b.splits], AS_OF);
    const bChanged = history(2, 3, -40);
    bChanged.activities.push(rawActivity({ athlete_id: '2', id: '1000', name: 'zzz', max_heartrate: '249' }));
    const withOtherB = referencePipeline([...a.activities, ...bChanged.activities], [...bChanged.splits, ...a.splits], AS_OF);
    const expected = rowsOf(alone, 1);
    expect(expected.activity.length).toBeGreaterThan(40);
    expect(rowsOf(withB, 1)).toEqual(expected);
    expect(rowsOf(withOtherB, 1)).toEqual(expected);
    expect(rowsOf(withB, 2).activity.length).toBeGreaterThan(80);
  });

  it('every feature row with zones has five percentages summing to 100', () => {
    const zoned = alone.activity.filter((r) => r.hr_zone_1_pct !== null);
    expect(zoned.length).toBeGreaterThan(20);
    for (const r of zoned) {
      const total = r.hr_zone_1_pct! + r.hr_zone_2_pct! + r.hr_zone_3_pct! + r.hr_zone_4_pct! + r.hr_zone_5_pct!;
      expect(Math.abs(total - 100)).toBeLessThan(1e-9);
    }
  });

  it('input rows = accepted rows + rejected rows', () => {
    const activities = [...a.activities, rawActivity({ athlete_id: '1', id: '1001' }), rawActivity({ id: null }), rawActivity({ id: '5', start_date_local: '2024-06-01 08:00:00' })];
    const splits = [...a.splits, rawSplit({ athlete_id: '1', activity_id: '5' })];
    const { staging } = referencePipeline(activities, splits, AS_OF);
    expect(staging.activities.length + staging.splits.length + staging.rejected.length).toBe(activities.length + splits.length);
    expect(staging.rejected.map((r) => r.reason_code).sort()).toEqual(['activity_not_accepted', 'duplicate', 'future_date', 'null_key']);
  });
});
