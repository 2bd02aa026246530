import { describe, expect, it } from 'vitest';
import { splitsAddUp, splitsFromSamples } from '../../orchestrator/import/splits.ts';
import { REFERENCE_SPLITS, referenceRun } from '../integration/import-fixtures.ts';

const samples = (tail = 0) => referenceRun(tail).map((p) => ({ t: p.t * 1000, distance: p.distance, hr: p.hr }));

describe('per-km splits from 1 Hz samples', () => {
  it('gives the hand-computed splits: stop excluded from moving time and from the average HR', () => {
    const result = splitsFromSamples(samples())!;
    expect(result.splits).toEqual(REFERENCE_SPLITS);
    expect(result.totals).toEqual({ distance_km: 2.5, moving_time: 625, elapsed_time: 685, average_heartrate: 152, max_heartrate: 170, has_heartrate: true });
  });

  it('adds standing after the finish to the last split instead of making a split with no moving time', () => {
    const { splits, totals } = splitsFromSamples(samples(30))!;
    expect(splits).toHaveLength(3);
    expect(splits[2]).toEqual({ distance_km: 0.5, moving_time: 125, elapsed_time: 155, average_heartrate: 170, max_heartrate: 170 });
    expect(totals.elapsed_time).toBe(715);
    expect(splitsAddUp(splits, totals)).toBeNull();
  });

  it('places a km boundary inside a sample interval by interpolation and keeps the seconds summing exactly', () => {
    // 3 m/s sampled every 2 s: km 1 ends at 333.33 s, km 2 at 666.67 s, 2.1 km at 700 s.
    const s = Array.from({ length: 351 }, (_, i) => ({ t: i * 2000, distance: 6 * i }));
    const { splits, totals } = splitsFromSamples(s)!;
    expect(splits.map((x) => x.distance_km)).toEqual([1, 1, 0.1]);
    expect(splits.map((x) => x.elapsed_time)).toEqual([333, 334, 33]);
    expect(splits.reduce((a, x) => a + x.moving_time, 0)).toBe(700);
    expect(totals.has_heartrate).toBe(false);
    expect(splits[0].average_heartrate).toBeNull();
  });

  it('integrates speed when there is no distance, but not across a gap longer than 10 s', () => {
    // 4 m/s for 100 s, a 60 s gap (pause), 4 m/s for 50 s: 600 m, 150 s moving, 210 s elapsed.
    const s = [
      ...Array.from({ length: 101 }, (_, i) => ({ t: i * 1000, speed: 4 })),
      ...Array.from({ length: 51 }, (_, i) => ({ t: (160 + i) * 1000, speed: 4 })),
    ];
    const { totals } = splitsFromSamples(s)!;
    expect(totals.distance_km).toBe(0.6);
    expect(totals.moving_time).toBe(150);
    expect(totals.elapsed_time).toBe(210);
  });

  it('counts slow drift (under 0.5 m/s) as stopped', () => {
    const s = Array.from({ length: 61 }, (_, i) => ({ t: i * 1000, distance: 0.4 * i }));
    expect(splitsFromSamples(s)!.totals.moving_time).toBe(0);
  });

  it('has no splits without distance or speed', () => {
    expect(splitsFromSamples([{ t: 0, hr: 100 }, { t: 1000, hr: 101 }])).toBeUndefined();
  });

  it('flags splits that do not add up within 1 %', () => {
    const activity = { distance_km: 2.5, moving_time: 625, elapsed_time: 685 };
    expect(splitsAddUp(REFERENCE_SPLITS, activity)).toBeNull();
    expect(splitsAddUp(REFERENCE_SPLITS, { ...activity, moving_time: 640 })).toBe('moving time 625 vs 640 s');
  });
});
