// The ground truth: what the simulator knows and a pipeline must estimate. Column meanings are in
// README.md beside this file.

import { formatDay } from './calendar.ts';
import type { Row } from './contract.ts';
import type { DirtyTruth } from './dirty.ts';
import { num } from './rows.ts';
import type { AthleteHistory } from './types.ts';

export const GT_ATHLETE_COLUMNS = [
  'athlete_id', 'athlete_index', 'level', 'focus', 'novice', 'timezone', 'history_start', 'history_end',
  'threshold_pace_ref', 'endurance_exponent', 'weekly_km_ref', 'runs_per_week', 'hr_max', 'hr_rest', 'hr_device', 'hr_from_date',
  'has_settings', 'k1', 'k2', 'tau1', 'tau2', 'load_ref', 'perf_ref', 'gain_pct', 'fitness0', 'fatigue0',
  'race_noise_sd', 'injury_rate', 'workout_tagging', 'naming_style', 'parkrunner', 'n_activities', 'n_runs',
  'n_splits', 'n_races', 'n_breaks',
] as const;

export const GT_DAILY_COLUMNS = [
  'athlete_id', 'date', 'load', 'fitness', 'fatigue', 'performance', 'threshold_pace', 'acwr', 'phase', 'status',
  'n_activities',
] as const;

export const GT_ACTIVITY_COLUMNS = ['athlete_id', 'activity_id', 'date', 'sport_type', 'session', 'is_race', 'load'] as const;

export const GT_RACE_COLUMNS = [
  'athlete_id', 'activity_id', 'date', 'race_kind', 'name', 'nominal_km', 'distance_km', 'workout_type',
  'fitness', 'fatigue', 'performance', 'threshold_pace', 'course_gain_per_km', 'model_time_s', 'noise_factor',
  'finish_time_s',
] as const;

export const GT_BREAK_COLUMNS = ['athlete_id', 'cause', 'start_date', 'end_date', 'days', 'acwr_at_start', 'scripted'] as const;

export const GT_DIRTY_COLUMNS = [
  'file', 'kind', 'rule', 'expected', 'row_athlete_id', 'row_activity_id', 'row_split_id', 'source_athlete_id',
  'source_activity_id',
] as const;

const RUNS = new Set(['Run', 'TrailRun', 'VirtualRun']);
const f = (x: number, d = 6) => (Number.isFinite(x) ? num(x, d) : null);

export function athleteTruthRow(h: AthleteHistory, splits: number): Row {
  const p = h.profile;
  const b = p.banister;
  return [
    String(p.athleteId), String(p.index), p.level, p.focus, String(p.novice), p.timezone, formatDay(p.startDay),
    formatDay(p.endDay), f(p.thresholdPaceRef, 8), f(p.enduranceExponent, 6), f(p.weeklyKmRef, 2), String(p.runsPerWeek), String(p.hrMax),
    String(p.hrRest), p.hrDevice, p.hrDevice === 'from_date' ? formatDay(p.hrFromDay) : null, String(p.settings !== null),
    f(b.k1, 12), f(b.k2, 12), f(b.tau1, 8), f(b.tau2, 8), f(b.loadRef, 6), f(b.perfRef, 8), f(b.gainPct, 6),
    f(b.fitness0, 6), f(b.fatigue0, 6), f(p.raceNoiseSd, 5), f(p.injuryRate, 4), p.workoutTagging, p.namingStyle,
    String(p.parkrunner), String(h.activities.length), String(h.activities.filter((a) => RUNS.has(a.sportType)).length),
    String(splits), String(h.races.length), String(h.breaks.length),
  ];
}

export function dailyTruthRows(h: AthleteHistory): Row[] {
  const id = String(h.profile.athleteId);
  return h.daily.map((d) => [
    id, formatDay(d.day), f(d.load, 6), f(d.fitness, 6), f(d.fatigue, 6), f(d.performance, 8), f(d.thresholdPace, 6),
    f(d.acwr, 4), d.phase, d.status, String(d.nActivities),
  ]);
}

export function activityTruthRows(h: AthleteHistory): Row[] {
  const id = String(h.profile.athleteId);
  return h.activities.map((a) => [
    id, String(a.id), formatDay(Math.floor(a.startLocalMs / 86_400_000)), a.sportType, a.session, String(a.isRace), f(a.load, 4),
  ]);
}

export function raceTruthRows(h: AthleteHistory): Row[] {
  const id = String(h.profile.athleteId);
  return h.races.map((r) => [
    id, String(r.activityId), formatDay(r.race.day), r.race.kind, r.name, f(r.race.nominalKm, 4), f(r.distanceDm / 10_000, 4),
    r.workoutType === null ? null : String(r.workoutType), f(r.fitness, 6), f(r.fatigue, 6), f(r.performance, 8),
    f(r.thresholdPace, 6), f(r.race.courseGainPerKm, 6), f(r.modelTimeS, 3), f(r.noiseFactor, 8), String(r.finishTimeS),
  ]);
}

export function breakTruthRows(h: AthleteHistory): Row[] {
  const id = String(h.profile.athleteId);
  return h.breaks.map((b) => [
    id, b.cause, formatDay(b.startDay), formatDay(b.endDay), String(b.endDay - b.startDay + 1), f(b.acwrAtStart, 4),
    String(b.scripted),
  ]);
}

export function dirtyTruthRows(rows: readonly DirtyTruth[]): Row[] {
  return rows.map((d) => [
    d.file, d.kind, d.rule, d.expected, d.rowAthleteId, d.rowActivityId, d.rowSplitId, String(d.sourceAthleteId),
    String(d.sourceActivityId),
  ]);
}
