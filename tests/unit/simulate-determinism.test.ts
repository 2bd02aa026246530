// Same seed and options => the same bytes; another seed => other data; dirty rows never touch the
// clean history.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimulateOptions, type SimulationSummary } from '../../orchestrator/simulate/index.ts';

const base: Omit<SimulateOptions, 'out'> = { athletes: 4, years: 1, seed: 11, dirtyRate: 0.02, everyDirtyKind: true, splits: 'all' };
const dirs: string[] = [];
async function run(extra: Partial<SimulateOptions>): Promise<{ dir: string; summary: SimulationSummary }> {
  const dir = mkdtempSync(join(tmpdir(), 'stride-sim-'));
  dirs.push(dir);
  return { dir, summary: await simulate({ ...base, ...extra, out: dir }) };
}
const bytes = (dir: string, name: string) => readFileSync(join(dir, name));

let first: Awaited<ReturnType<typeof run>>;
let again: Awaited<ReturnType<typeof run>>;
let otherSeed: Awaited<ReturnType<typeof run>>;
let clean: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  first = await run({});
  again = await run({});
  otherSeed = await run({ seed: 12 });
  clean = await run({ dirtyRate: 0, everyDirtyKind: false });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('simulate determinism', () => {
  it('writes byte-identical files for the same seed and options', () => {
    expect(first.summary.files.length).toBe(9);
    for (const f of first.summary.files) {
      expect(bytes(again.dir, f.name).equals(bytes(first.dir, f.name)), f.name).toBe(true);
    }
    expect(again.summary).toEqual({ ...first.summary, files: again.summary.files });
  });

  it('writes other data for another seed', () => {
    expect(bytes(otherSeed.dir, 'strava_activities.csv').equals(bytes(first.dir, 'strava_activities.csv'))).toBe(false);
    const ids = (dir: string) => (parse(bytes(dir, 'ground_truth/athletes.csv'), { columns: true }) as Record<string, string>[]).map((a) => a.athlete_id);
    expect(ids(otherSeed.dir)).not.toEqual(ids(first.dir));
  });

  it('keeps the clean history and its ground truth the same with or without dirty rows', () => {
    for (const name of ['ground_truth/activities.csv', 'ground_truth/daily.csv', 'ground_truth/races.csv', 'athlete_settings.csv']) {
      expect(bytes(clean.dir, name).equals(bytes(first.dir, name)), name).toBe(true);
    }
    expect(clean.summary.dirtyActivityRows).toBe(0);
    expect(first.summary.dirtyActivityRows).toBeGreaterThan(10);
    expect(first.summary.activityRows).toBe(clean.summary.activityRows + first.summary.dirtyActivityRows);
  });

  it('ends on the fixed default end date with unique positive ids per athlete', () => {
    expect(first.summary.endDate).toBe('2026-11-22');
    const rows: Record<string, string>[] = parse(bytes(clean.dir, 'strava_activities.csv'), { columns: true });
    const last = rows.map((r) => r.start_date_local.slice(0, 10)).sort().at(-1)!;
    expect(last <= '2026-11-22').toBe(true);
    expect(last >= '2026-11-01').toBe(true);
    const keys = new Set(rows.map((r) => `${r.athlete_id}/${r.id}`));
    expect(keys.size).toBe(rows.length);
    for (const r of rows) expect(/^[1-9]\d{7,11}$/.test(r.athlete_id) && /^[1-9]\d{9,11}$/.test(r.id)).toBe(true);
  });

  it('gives cross-training with a distance splits too with --splits all', () => {
    const rows: Record<string, string>[] = parse(bytes(clean.dir, 'strava_activities.csv'), { columns: true });
    const splitIds = new Set((parse(bytes(clean.dir, 'strava_sub_activity.csv'), { columns: true }) as Record<string, string>[]).map((s) => s.activity_id));
    // Cross-training with a distance, recorded by a device (manual entries have no elevation and no splits).
    const cross = rows.filter((r) => !['Run', 'TrailRun', 'VirtualRun'].includes(r.sport_type) && Number(r.distance_km) >= 1 && r.total_elevation_gain !== '');
    expect(cross.length).toBeGreaterThan(5);
    expect(cross.filter((r) => splitIds.has(r.id)).length).toBe(cross.length);
  });
});
