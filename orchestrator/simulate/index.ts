// `simulate(options)`: writes silver-contract CSVs (and the ground truth) for virtual athletes,
// one athlete at a time, through streams with backpressure, so memory stays flat at any size.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { simulateAthlete } from './athlete-sim.ts';
import { formatDay } from './calendar.ts';
import { ACTIVITY_COLUMNS, SETTINGS_COLUMNS, SPLIT_COLUMNS } from './contract.ts';
import { CsvSink } from './csv-sink.ts';
import { DirtyInjector } from './dirty.ts';
import {
  activityTruthRows,
  athleteTruthRow,
  breakTruthRows,
  dailyTruthRows,
  dirtyTruthRows,
  GT_ACTIVITY_COLUMNS,
  GT_ATHLETE_COLUMNS,
  GT_BREAK_COLUMNS,
  GT_DAILY_COLUMNS,
  GT_DIRTY_COLUMNS,
  GT_RACE_COLUMNS,
  raceTruthRows,
} from './ground-truth.ts';
import { resolveOptions, type SimulateOptions } from './options.ts';
import { drawProfile } from './profiles.ts';
import { isRunSport } from './rows.ts';
import type { ActivityRecord } from './types.ts';

export { DEFAULT_END_DATE, parseSimulateOptions, resolveOptions } from './options.ts';
export type { GroundTruthMode, SimulateOptions, SplitMode } from './options.ts';
export type { AthleteSpec } from './profiles.ts';
export { ACTIVITY_COLUMNS, SPLIT_COLUMNS, SETTINGS_COLUMNS } from './contract.ts';
export { ALL_DIRTY_KINDS, RULES as DIRTY_RULES } from './dirty.ts';

export interface WrittenFile {
  name: string;
  path: string;
  rows: number;
  bytes: number;
}

export interface SimulationSummary {
  seed: number;
  athletes: number;
  startDate: string;
  endDate: string;
  /** Clean activities (what the athletes really did). */
  activities: number;
  /** Rows written to strava_activities.csv (clean + extra dirty rows). */
  activityRows: number;
  splitRows: number;
  settingsRows: number;
  races: number;
  breaks: number;
  dirtyActivityRows: number;
  dirtySplitRows: number;
  /** Dirty kinds asked for (everyDirtyKind) that no athlete could host. */
  missingDirtyKinds: string[];
  files: WrittenFile[];
}

export async function simulate(options: SimulateOptions): Promise<SimulationSummary> {
  const o = resolveOptions(options);
  await mkdir(o.out, { recursive: true });
  const gtDir = join(o.out, 'ground_truth');
  if (o.groundTruth !== 'none') await mkdir(gtDir, { recursive: true });

  const activitiesOut = new CsvSink(join(o.out, 'strava_activities.csv'), ACTIVITY_COLUMNS);
  const splitsOut = new CsvSink(join(o.out, 'strava_sub_activity.csv'), SPLIT_COLUMNS);
  const settingsOut = new CsvSink(join(o.out, 'athlete_settings.csv'), SETTINGS_COLUMNS);
  const truth = o.groundTruth === 'none' ? null : {
    athletes: new CsvSink(join(gtDir, 'athletes.csv'), GT_ATHLETE_COLUMNS),
    races: new CsvSink(join(gtDir, 'races.csv'), GT_RACE_COLUMNS),
    breaks: new CsvSink(join(gtDir, 'breaks.csv'), GT_BREAK_COLUMNS),
    dirty: new CsvSink(join(gtDir, 'dirty_rows.csv'), GT_DIRTY_COLUMNS),
    daily: o.groundTruth === 'full' ? new CsvSink(join(gtDir, 'daily.csv'), GT_DAILY_COLUMNS) : null,
    activities: o.groundTruth === 'full' ? new CsvSink(join(gtDir, 'activities.csv'), GT_ACTIVITY_COLUMNS) : null,
  };

  const injector = new DirtyInjector(o.seed, o.dirtyRate, o.everyDirtyKind);
  const withSplits = (a: ActivityRecord) => o.splits === 'all' || (o.splits === 'runs' && isRunSport(a.sportType));
  const window = { startDay: o.startDay, endDay: o.endDay };
  let activities = 0;
  let races = 0;
  let breaks = 0;
  let dirtyActivityRows = 0;
  let dirtySplitRows = 0;

  for (let i = 0; i < o.athletes; i++) {
    const profile = drawProfile(o.seed, i, window, o.cast[i]);
    const history = simulateAthlete(profile, { seed: o.seed, crossSplits: o.splits === 'all', keepDaily: o.groundTruth === 'full' });
    const rows = injector.apply(profile, history.activities, withSplits);
    const cleanSplits = history.activities.reduce((s, a) => s + (withSplits(a) ? a.splits.length : 0), 0);
    activities += history.activities.length;
    races += history.races.length;
    breaks += history.breaks.length;
    dirtyActivityRows += rows.activityRows.length - history.activities.length;
    dirtySplitRows += rows.splitRows.length - cleanSplits;

    await activitiesOut.write(rows.activityRows);
    await splitsOut.write(rows.splitRows);
    if (profile.settings) {
      await settingsOut.write([[String(profile.athleteId), String(profile.settings.hrMax), String(profile.settings.hrRest)]]);
    }
    if (truth) {
      await truth.athletes.write([athleteTruthRow(history, cleanSplits)]);
      await truth.races.write(raceTruthRows(history));
      await truth.breaks.write(breakTruthRows(history));
      await truth.dirty.write(dirtyTruthRows(rows.truth));
      await truth.daily?.write(dailyTruthRows(history));
      await truth.activities?.write(activityTruthRows(history));
    }
    o.onProgress?.(i + 1, o.athletes);
  }

  const sinks: [string, CsvSink | null | undefined][] = [
    ['strava_activities.csv', activitiesOut],
    ['strava_sub_activity.csv', splitsOut],
    ['athlete_settings.csv', settingsOut],
    ['ground_truth/athletes.csv', truth?.athletes],
    ['ground_truth/races.csv', truth?.races],
    ['ground_truth/breaks.csv', truth?.breaks],
    ['ground_truth/dirty_rows.csv', truth?.dirty],
    ['ground_truth/daily.csv', truth?.daily],
    ['ground_truth/activities.csv', truth?.activities],
  ];
  const files: WrittenFile[] = [];
  for (const [name, sink] of sinks) {
    if (!sink) continue;
    const { path, rows, bytes } = await sink.close();
    files.push({ name, path, rows, bytes });
  }
  return {
    seed: o.seed,
    athletes: o.athletes,
    startDate: formatDay(o.startDay),
    endDate: o.endDate,
    activities,
    activityRows: activitiesOut.rows,
    splitRows: splitsOut.rows,
    settingsRows: settingsOut.rows,
    races,
    breaks,
    dirtyActivityRows,
    dirtySplitRows,
    missingDirtyKinds: injector.missing(),
    files,
  };
}
