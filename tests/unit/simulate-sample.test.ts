// The shipped sample: regenerated once, compared with seeds/, and checked against its ground truth.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelRaceTime } from '../../orchestrator/simulate/banister.ts';
import { ACTIVITY_COLUMNS, ALL_DIRTY_KINDS, SETTINGS_COLUMNS, simulate, SPLIT_COLUMNS, type SimulationSummary } from '../../orchestrator/simulate/index.ts';
import { SAMPLE_FILES, SAMPLE_OPTIONS, SAMPLE_ROLES } from '../../orchestrator/simulate/sample.ts';

type Rec = Record<string, string>;
const RUNS = new Set(['Run', 'TrailRun', 'VirtualRun']);
let dir: string;
let summary: SimulationSummary;
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const table = (name: string): Rec[] => parse(read(name), { columns: true });
let acts: Rec[];
let splits: Rec[];
let truthActs: Rec[];
let athletes: Rec[];
let dirty: Rec[];
let races: Rec[];
let breaks: Rec[];
let daily: Rec[];
let cleanKeys: Set<string>;
let splitsOf: Map<string, Rec[]>;

const key = (a: string, b: string) => `${a}/${b}`;
const athleteId = (index: number) => athletes.find((a) => a.athlete_index === String(index))!.athlete_id;
/** The one row per clean activity (rows of the dirty kinds that copy a real id are skipped). */
function cleanRows(): Rec[] {
  const extra = new Set(dirty.filter((d) => d.file === 'strava_activities' && d.kind.startsWith('duplicate')).map((d) => key(d.row_athlete_id, d.row_activity_id)));
  const seen = new Set<string>();
  return acts.filter((r) => {
    const k = key(r.athlete_id, r.id);
    if (!cleanKeys.has(k)) return false;
    if (extra.has(k) && seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stride-sample-'));
  summary = await simulate({ ...SAMPLE_OPTIONS, out: dir });
  acts = table('strava_activities.csv');
  splits = table('strava_sub_activity.csv');
  truthActs = table('ground_truth/activities.csv');
  athletes = table('ground_truth/athletes.csv');
  dirty = table('ground_truth/dirty_rows.csv');
  races = table('ground_truth/races.csv');
  breaks = table('ground_truth/breaks.csv');
  daily = table('ground_truth/daily.csv');
  cleanKeys = new Set(truthActs.map((t) => key(t.athlete_id, t.activity_id)));
  splitsOf = new Map();
  for (const s of splits) {
    const k = key(s.athlete_id, s.activity_id);
    splitsOf.set(k, [...(splitsOf.get(k) ?? []), s]);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped sample', () => {
  it('is exactly what generate-sample.ts writes into seeds/', () => {
    for (const name of SAMPLE_FILES) {
      expect(readFileSync(join(dir, name)).equals(readFileSync(join('seeds', name))), name).toBe(true);
    }
  });

  it('has exactly the contract headers and parses with csv-parse', () => {
    // With `columns: true` (beforeAll) csv-parse already refuses any row of another length.
    const header = (name: string) => (parse(read(name), { to_line: 1 }) as string[][])[0];
    expect(header('strava_activities.csv')).toEqual([...ACTIVITY_COLUMNS]);
    expect(header('strava_sub_activity.csv')).toEqual([...SPLIT_COLUMNS]);
    expect(header('athlete_settings.csv')).toEqual([...SETTINGS_COLUMNS]);
    expect(acts).toHaveLength(summary.activityRows);
    expect(splits).toHaveLength(summary.splitRows);
    expect(table('athlete_settings.csv')).toHaveLength(summary.settingsRows);
  });

  it('stays small enough to commit', () => {
    const bytes = summary.files.filter((f) => f.name === 'strava_activities.csv' || f.name === 'strava_sub_activity.csv').reduce((s, f) => s + f.bytes, 0);
    expect(bytes).toBeLessThan(4_000_000);
    expect(summary.athletes).toBe(8);
  });

  it('carries a dirty row of every kind, each one where the ground truth says', () => {
    expect(summary.missingDirtyKinds).toEqual([]);
    const kinds = new Set(dirty.map((d) => d.kind));
    for (const k of ALL_DIRTY_KINDS) expect(kinds, k).toContain(k);
    const defect: Record<string, (r: Rec) => boolean> = {
      null_athlete_id: (r) => r.athlete_id === '',
      null_id: (r) => r.id === '',
      null_start_date: (r) => r.start_date === '',
      null_start_date_local: (r) => r.start_date_local === '',
      duplicate_exact: (r) => acts.filter((x) => x.athlete_id === r.athlete_id && x.id === r.id).length === 2,
      duplicate_changed: (r) => r.name === '' && acts.filter((x) => x.athlete_id === r.athlete_id && x.id === r.id).length === 2,
      null_moving_time: (r) => r.moving_time === '',
      null_elapsed_time: (r) => r.elapsed_time === '',
      zero_moving_time: (r) => r.moving_time === '0',
      negative_elapsed_time: (r) => Number(r.elapsed_time) < 0,
      moving_gt_elapsed: (r) => Number(r.moving_time) > Number(r.elapsed_time) + 60,
      negative_distance: (r) => Number(r.distance_km) < 0,
      unparsable_distance: (r) => r.distance_km === 'abc',
      unparsable_moving_time: (r) => r.moving_time === '12:34',
      pace_too_fast: (r) => RUNS.has(r.sport_type) && Number(r.moving_time) / 60 / Number(r.distance_km) < 2,
      pace_too_slow: (r) => RUNS.has(r.sport_type) && Number(r.moving_time) / 60 / Number(r.distance_km) > 30,
      future_date: (r) => r.start_date_local.startsWith('2099-'),
      hr_zero: (r) => r.average_heartrate === '0',
      hr_300: (r) => r.max_heartrate === '300',
    };
    for (const d of dirty.filter((x) => x.file === 'strava_activities')) {
      const rows = acts.filter((r) => r.athlete_id === d.row_athlete_id && r.id === d.row_activity_id);
      expect(rows.some(defect[d.kind]), `${d.kind} ${d.row_activity_id}`).toBe(true);
    }
    const splitDefect: Record<string, (r: Rec) => boolean> = {
      split_null_activity_id: (r) => r.activity_id === '',
      split_null_split_id: (r) => r.split_id === '',
      split_duplicate: (r) => splitsOf.get(key(r.athlete_id, r.activity_id))!.filter((x) => x.split_id === r.split_id).length === 2,
      split_negative_time: (r) => Number(r.moving_time) < 0,
      split_hr_zero: (r) => r.average_heartrate === '0',
      split_hr_300: (r) => r.max_heartrate === '300',
      split_of_rejected_activity: (r) => acts.some((a) => a.id === r.activity_id && a.start_date_local.startsWith('2099-')),
    };
    for (const d of dirty.filter((x) => x.file === 'strava_sub_activity')) {
      const rows = splits.filter((r) => r.athlete_id === d.row_athlete_id && r.activity_id === d.row_activity_id && r.split_id === d.row_split_id);
      expect(rows.some(splitDefect[d.kind]), `${d.kind} ${d.row_activity_id}`).toBe(true);
    }
  });

  it('adds up: file rows = clean rows + extra dirty rows (repairs edit rows in place)', () => {
    const inPlace = new Set(['hr_zero', 'hr_300', 'split_hr_zero', 'split_hr_300']);
    const extraActs = dirty.filter((d) => d.file === 'strava_activities' && !inPlace.has(d.kind)).length;
    const extraSplits = dirty.filter((d) => d.file === 'strava_sub_activity' && !inPlace.has(d.kind)).length;
    const cleanSplits = athletes.reduce((s, a) => s + Number(a.n_splits), 0);
    expect(acts.length).toBe(truthActs.length + extraActs);
    expect(splits.length).toBe(cleanSplits + extraSplits);
    expect(extraActs).toBe(summary.dirtyActivityRows);
  });

  it('has splits that add up to their activity and run 1..n with only the last one partial', () => {
    const byActivity = new Map<string, Rec[]>();
    for (const s of splits) {
      if (!cleanKeys.has(key(s.athlete_id, s.activity_id)) || s.split_id === '') continue;
      const list = byActivity.get(key(s.athlete_id, s.activity_id)) ?? [];
      if (!list.some((x) => x.split_id === s.split_id) && Number(s.moving_time) > 0) list.push(s);
      byActivity.set(key(s.athlete_id, s.activity_id), list);
    }
    const runs = cleanRows().filter((r) => RUNS.has(r.sport_type) && Number(r.distance_km) > 0);
    let withSplits = 0;
    for (const r of runs) {
      const list = byActivity.get(key(r.athlete_id, r.id));
      if (!list) continue;
      withSplits++;
      const dist = list.reduce((s, x) => s + Number(x.distance_km), 0);
      const moving = list.reduce((s, x) => s + Number(x.moving_time), 0);
      expect(Math.abs(dist - Number(r.distance_km))).toBeLessThanOrEqual(0.01 * Number(r.distance_km));
      expect(Math.abs(moving - Number(r.moving_time))).toBeLessThanOrEqual(0.01 * Number(r.moving_time));
      expect(list.map((x) => Number(x.split_id))).toEqual(list.map((_, i) => i + 1));
      expect(list.slice(0, -1).every((x) => x.distance_km === '1')).toBe(true);
    }
    expect(withSplits).toBeGreaterThan(0.95 * runs.length);
  });

  it('lets heart rate drift upward through long steady runs', () => {
    const longRuns = truthActs.filter((t) => t.session === 'long').map((t) => key(t.athlete_id, t.activity_id));
    let up = 0;
    let total = 0;
    for (const k of longRuns) {
      const list = (splitsOf.get(k) ?? []).filter((s) => s.average_heartrate !== '');
      if (list.length < 10) continue;
      const hr = list.map((s) => Number(s.average_heartrate));
      const early = (hr[1] + hr[2] + hr[3]) / 3;
      const late = (hr[hr.length - 4] + hr[hr.length - 3] + hr[hr.length - 2]) / 3;
      total++;
      if (late > early) up++;
    }
    expect(total).toBeGreaterThan(20);
    expect(up / total).toBeGreaterThan(0.8);
  });

  it('has an athlete without heart rate anywhere, in activities and splits', () => {
    const id = athleteId(SAMPLE_ROLES.noHr);
    const rows = acts.filter((r) => r.athlete_id === id);
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect([r.average_heartrate, r.max_heartrate, r.has_heartrate]).toEqual(['', '', 'false']);
    }
    const sp = splits.filter((s) => s.athlete_id === id);
    expect(sp.length).toBeGreaterThan(500);
    expect(sp.every((s) => s.average_heartrate === '' && s.max_heartrate === '')).toBe(true);
    const settings: Rec[] = table('athlete_settings.csv');
    expect(settings.map((s) => s.athlete_id)).not.toContain(id);
  });

  it('has a beginner with under 30 days of history', () => {
    const id = athleteId(SAMPLE_ROLES.beginner);
    const days = cleanRows().filter((r) => r.athlete_id === id).map((r) => Date.parse(r.start_date_local.slice(0, 10)));
    expect(days.length).toBeGreaterThan(2);
    expect((Math.max(...days) - Math.min(...days)) / 86_400_000).toBeLessThan(30);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(Date.parse('2026-11-22') - 29 * 86_400_000);
  });

  it('has a forced break with no running inside it', () => {
    const id = athleteId(SAMPLE_ROLES.forcedBreak);
    const b = breaks.find((x) => x.athlete_id === id && x.scripted === 'true')!;
    expect(b).toMatchObject({ cause: 'injury', days: '49' });
    const inside = cleanRows().filter(
      (r) => r.athlete_id === id && RUNS.has(r.sport_type) && r.start_date_local.slice(0, 10) >= b.start_date && r.start_date_local.slice(0, 10) <= b.end_date,
    );
    expect(inside).toEqual([]);
    const status = daily.filter((d) => d.athlete_id === id && d.date >= b.start_date && d.date <= b.end_date).map((d) => d.status);
    expect(new Set(status)).toEqual(new Set(['injury']));
  });

  it('has a marathoner who races marathons, and races flagged both ways', () => {
    const id = athleteId(SAMPLE_ROLES.marathoner);
    const marathons = races.filter((r) => r.athlete_id === id && r.nominal_km === '42.195');
    expect(marathons.length).toBeGreaterThanOrEqual(2);
    for (const m of marathons) expect(Math.abs(Number(m.distance_km) / 42.195 - 1)).toBeLessThan(0.03);
    expect(races.some((r) => r.workout_type === '1')).toBe(true);
    const unflaggedNamed = races.filter((r) => r.workout_type === '' && /marathon|half|parkrun|10k|5k|race/i.test(r.name));
    expect(unflaggedNamed.length).toBeGreaterThan(5);
    const byId = new Map(acts.map((a) => [key(a.athlete_id, a.id), a]));
    for (const r of races) expect(byId.get(key(r.athlete_id, r.activity_id))!.moving_time).toBe(r.finish_time_s);
  });

  it('times races by the Banister state of the race morning', () => {
    const params = new Map(athletes.map((a) => [a.athlete_id, a]));
    for (const r of races) {
      const a = params.get(r.athlete_id)!;
      const perf = Number(a.k1) * Number(r.fitness) - Number(a.k2) * Number(r.fatigue);
      expect(perf).toBeCloseTo(Number(r.performance), 4);
      const factor = Math.min(1.15, Math.max(0.72, 1 + (perf - Number(a.perf_ref)) / 100));
      expect(Number(a.threshold_pace_ref) / factor).toBeCloseTo(Number(r.threshold_pace), 4);
      expect(modelRaceTime(Number(r.threshold_pace), Number(r.nominal_km), Number(r.course_gain_per_km), Number(a.endurance_exponent))).toBeCloseTo(Number(r.model_time_s), 1);
      expect(Math.abs(Number(r.model_time_s) * Number(r.noise_factor) - Number(r.finish_time_s))).toBeLessThanOrEqual(0.51);
    }
    // Same athlete, same distance, performance 2 points (% of speed) apart: the higher fitness minus
    // fatigue, the faster (course climbing removed); race-day noise may flip a few.
    let pairs = 0;
    let concordant = 0;
    for (const a of races) {
      for (const b of races) {
        if (a.athlete_id !== b.athlete_id || a.nominal_km !== b.nominal_km || Number(a.performance) <= Number(b.performance) + 2) continue;
        const flat = (r: Rec, t: string) => Number(t) / (1 + 0.0015 * Number(r.course_gain_per_km));
        expect(flat(a, a.model_time_s)).toBeLessThan(flat(b, b.model_time_s));
        pairs++;
        if (flat(a, a.finish_time_s) < flat(b, b.finish_time_s)) concordant++;
      }
    }
    expect(pairs).toBeGreaterThan(10);
    expect(concordant / pairs).toBeGreaterThan(0.8);
  });

  it('follows the impulse-response recursion day by day', () => {
    const params = new Map(athletes.map((a) => [a.athlete_id, a]));
    let prev: Rec | null = null;
    let checked = 0;
    for (const d of daily) {
      if (prev && prev.athlete_id === d.athlete_id) {
        const a = params.get(d.athlete_id)!;
        const fit = Number(prev.fitness) * Math.exp(-1 / Number(a.tau1)) + Number(d.load);
        const fat = Number(prev.fatigue) * Math.exp(-1 / Number(a.tau2)) + Number(d.load);
        expect(Math.abs(fit - Number(d.fitness))).toBeLessThan(1e-4);
        expect(Math.abs(fat - Number(d.fatigue))).toBeLessThan(1e-4);
        checked++;
      }
      prev = d;
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('writes local time as UTC plus the zone offset of that instant (DST included)', () => {
    const formats = new Map<string, Intl.DateTimeFormat>();
    let checked = 0;
    for (const r of cleanRows()) {
      if (!r.timezone) continue;
      const zone = r.timezone.replace(/^\(GMT[+-]\d\d:\d\d\) /, '');
      const f = formats.get(zone) ?? new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
      formats.set(zone, f);
      const at = Date.parse(`${r.start_date.replace(' ', 'T')}Z`);
      const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')!.value; // 'GMT+02:00' or 'GMT'
      const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
      const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
      const local = Date.parse(`${r.start_date_local.replace(' ', 'T')}Z`);
      expect((local - at) / 60_000).toBe(offset);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    const zones = new Set(acts.map((r) => r.timezone.replace(/^\(GMT[+-]\d\d:\d\d\) /, '')).filter(Boolean));
    expect(zones.size).toBeGreaterThanOrEqual(8);
  });

  it('mixes sports, devices with and without heart rate, rest days and stops', () => {
    const sports = new Set(acts.map((r) => r.sport_type));
    for (const s of ['Run', 'Ride', 'Swim', 'WeightTraining', 'Walk']) expect(sports).toContain(s);
    const clean = cleanRows();
    expect(clean.some((r) => r.sport_type === 'Ride' && r.has_heartrate === 'true')).toBe(true);
    expect(clean.some((r) => r.sport_type === 'WeightTraining' && r.has_heartrate === 'false')).toBe(true);
    expect(clean.filter((r) => Number(r.elapsed_time) > Number(r.moving_time)).length).toBeGreaterThan(clean.length / 4);
    const restDays = daily.filter((d) => d.n_activities === '0').length;
    expect(restDays / daily.length).toBeGreaterThan(0.1);
    const paces = clean.filter((r) => RUNS.has(r.sport_type) && Number(r.distance_km) > 0).map((r) => Number(r.moving_time) / 60 / Number(r.distance_km));
    expect(Math.min(...paces)).toBeGreaterThan(2);
    expect(Math.max(...paces)).toBeLessThan(30);
  });
});
