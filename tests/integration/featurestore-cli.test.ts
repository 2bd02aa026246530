import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../helpers/fixture.ts';
import { REPO } from '../helpers/project-copy.ts';

/** The feature-store commands end to end, on the hand-built fixture and its DuckDB file. */
let dir: string;
const stride = (...args: string[]) => {
  const out = spawnSync(join(REPO, 'node_modules', '.bin', 'tsx'), [join(REPO, 'orchestrator', 'cli', 'main.ts'), ...args, '--project-dir', dir], { encoding: 'utf8' });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
};

beforeAll(() => {
  dir = copyFixture('featurestore');
  const built = stride('build');
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
});

describe('stride features and stride lineage', () => {
  it('lists and describes the feature tables with their version and rows', () => {
    const ls = stride('features', 'ls');
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(/fs_rolling\s+athlete_id\s+feature_available_at \(local\)\s+v1\s+8\s+tests/);
    expect(ls.stdout).toMatch(/fs_daily\s+athlete_id\s+activity_date \(local \+1 day\)\s+v1\s+8/);
    const describe = stride('features', 'describe', 'fs_activity');
    expect(describe.stdout).toContain('visible only to events strictly after it');
    expect(describe.stdout).toMatch(/distance_km\s+DOUBLE\s+Distance\./);
    const versions = stride('features', 'versions', 'fs_rolling');
    expect(versions.stdout).toMatch(/v1\s+\S+ \S+\s+[0-9a-f-]{36}\s+8\s+\+8 -0/);
  });

  it('writes a point-in-time training set to a CSV file', () => {
    const out = join(dir, 'training.csv');
    const run = stride('features', 'training-set', '--spine', 'fs_spine', '--features', 'fs_rolling:ctl', 'fs_activity:distance_km', '--prefix', 'fs_activity=last_', '--lookback', 'fs_rolling=2d', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('9 rows; feature versions: fs_rolling=v1, fs_activity=v1');
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const byId = Object.fromEntries(rows.map((r) => [r.spine_id, r]));
    expect([byId.s1_race_start.ctl, byId.s1_race_start.last_distance_km]).toEqual(['20', '8']);
    expect([byId.s5_lookback_edge.ctl, byId.s6_lookback_past.ctl]).toEqual(['30', '']);
    expect(byId.s1_race_start.event_timestamp_local).toBe('2024-05-03 09:00:00');
  });

  it('reads one athlete, rejects ids that are not whole numbers and requires a flag for all athletes', () => {
    const get = stride('features', 'get', '--athlete', '2', '--table', 'fs_rolling', '--format', 'jsonl');
    expect(get.code).toBe(0);
    expect(get.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { table: 'fs_rolling', athlete_id: 2, as_of_date: '2024-05-02', feature_available_at: '2024-05-03 00:00:00', ctl: 120, zone: 'Europe/Berlin' },
    ]);
    const asOf = stride('features', 'get', '--athlete', '1', '--as-of', '2024-05-01', '--table', 'fs_rolling');
    expect(asOf.stdout).toMatch(/ctl\s+10\n/);
    const bad = stride('features', 'get', '--athlete', "1' or '1'='1");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('athlete id must be a whole number');
    expect(stride('features', 'get').stderr).toContain('needs --athlete');
  });

  it('shows a pinned version and prints lineage', () => {
    const show = stride('features', 'show', 'fs_rolling', '--version', '1', '--athlete', '1');
    expect(show.code).toBe(0);
    expect(show.stdout.trim().split('\n')).toEqual([
      'athlete_id,as_of_date,feature_available_at,ctl,zone',
      '1,2024-05-01,2024-05-02 00:00:00,10,Europe/Berlin',
      '1,2024-05-02,2024-05-03 00:00:00,20,Europe/Berlin',
      '1,2024-05-03,2024-05-04 00:00:00,30,Europe/Berlin',
    ]);
    const lineage = stride('lineage', 'fs_rolling', '--upstream');
    expect(lineage.stdout.trim().split('\n')).toEqual(['upstream of model.fs_rolling', 'model.fs_rolling', '   <- seed.fs_days']);
  });
});
