// Dirty rows of every kind that the staging validation (contract section 2) must catch, each one
// recorded in the ground truth with the rule it breaks and what staging should do with it.
// Clean activities are never altered except by the heart-rate glitches (which staging repairs);
// everything else is an extra row, so the clean history and its ground truth stay intact.

import { A, S, type Row } from './contract.ts';
import { activityIdOf, dayOfId, SLOTS_PER_ATHLETE } from './ids.ts';
import { Rng } from './prng.ts';
import { activityRow, num, splitRow } from './rows.ts';
import type { ActivityRecord, AthleteProfile } from './types.ts';

export const ACTIVITY_DIRTY_KINDS = [
  'null_athlete_id',
  'null_id',
  'null_start_date',
  'null_start_date_local',
  'duplicate_exact',
  'duplicate_changed',
  'null_moving_time',
  'null_elapsed_time',
  'zero_moving_time',
  'negative_elapsed_time',
  'moving_gt_elapsed',
  'negative_distance',
  'unparsable_distance',
  'unparsable_moving_time',
  'pace_too_fast',
  'pace_too_slow',
  'future_date',
  'hr_zero',
  'hr_300',
] as const;

export const SPLIT_DIRTY_KINDS = [
  'split_null_activity_id',
  'split_null_split_id',
  'split_duplicate',
  'split_negative_time',
  'split_hr_zero',
  'split_hr_300',
] as const;

export type ActivityDirtyKind = (typeof ACTIVITY_DIRTY_KINDS)[number];
export type SplitDirtyKind = (typeof SPLIT_DIRTY_KINDS)[number];
export type DirtyKind = ActivityDirtyKind | SplitDirtyKind | 'split_of_rejected_activity';
export const ALL_DIRTY_KINDS: readonly DirtyKind[] = [...ACTIVITY_DIRTY_KINDS, ...SPLIT_DIRTY_KINDS];

/** What staging must do with the row: reject it, repair it (warning), or ignore it (its activity is rejected). */
export type Expected = 'rejected' | 'warning' | 'ignored';

export const RULES: Record<DirtyKind, { rule: string; expected: Expected }> = {
  null_athlete_id: { rule: 'null_key', expected: 'rejected' },
  null_id: { rule: 'null_key', expected: 'rejected' },
  null_start_date: { rule: 'null_key', expected: 'rejected' },
  null_start_date_local: { rule: 'null_key', expected: 'rejected' },
  duplicate_exact: { rule: 'duplicate', expected: 'rejected' },
  duplicate_changed: { rule: 'duplicate', expected: 'rejected' },
  null_moving_time: { rule: 'null_time', expected: 'rejected' },
  null_elapsed_time: { rule: 'null_time', expected: 'rejected' },
  zero_moving_time: { rule: 'nonpositive_time', expected: 'rejected' },
  negative_elapsed_time: { rule: 'nonpositive_time', expected: 'rejected' },
  moving_gt_elapsed: { rule: 'moving_gt_elapsed', expected: 'rejected' },
  negative_distance: { rule: 'negative_distance', expected: 'rejected' },
  unparsable_distance: { rule: 'unparsable', expected: 'rejected' },
  unparsable_moving_time: { rule: 'unparsable', expected: 'rejected' },
  pace_too_fast: { rule: 'pace_out_of_range', expected: 'rejected' },
  pace_too_slow: { rule: 'pace_out_of_range', expected: 'rejected' },
  future_date: { rule: 'future_date', expected: 'rejected' },
  hr_zero: { rule: 'hr_out_of_range', expected: 'warning' },
  hr_300: { rule: 'hr_out_of_range', expected: 'warning' },
  split_null_activity_id: { rule: 'null_key', expected: 'rejected' },
  split_null_split_id: { rule: 'null_key', expected: 'rejected' },
  split_duplicate: { rule: 'duplicate', expected: 'rejected' },
  split_negative_time: { rule: 'nonpositive_time', expected: 'rejected' },
  split_hr_zero: { rule: 'hr_out_of_range', expected: 'warning' },
  split_hr_300: { rule: 'hr_out_of_range', expected: 'warning' },
  split_of_rejected_activity: { rule: 'rejected_activity', expected: 'ignored' },
};

export interface DirtyTruth {
  file: 'strava_activities' | 'strava_sub_activity';
  kind: DirtyKind;
  rule: string;
  expected: Expected;
  /** Key values as written in the row (null when the kind nulls them). */
  rowAthleteId: string | null;
  rowActivityId: string | null;
  rowSplitId: string | null;
  sourceAthleteId: number;
  sourceActivityId: number;
}

interface Entry {
  rec: ActivityRecord;
  row: Row;
  splits: Row[];
  extraRows: Row[];
  extraSplits: Row[];
}

const RUNS = new Set(['Run', 'TrailRun', 'VirtualRun']);
/** Hosts need at least this many activities, so tiny histories (a new beginner) stay clean. */
const MIN_ACTIVITIES = 40;

function suits(kind: DirtyKind, a: ActivityRecord): boolean {
  const run = RUNS.has(a.sportType) && a.distanceDm > 0;
  switch (kind) {
    case 'hr_zero':
    case 'hr_300':
      return a.hasHr && a.avgHr !== null;
    case 'pace_too_fast':
    case 'moving_gt_elapsed':
    case 'negative_distance':
      return run;
    case 'pace_too_slow':
      return RUNS.has(a.sportType);
    case 'future_date':
      return run && a.splits.length >= 2;
    case 'split_hr_zero':
    case 'split_hr_300':
      return a.splits.length >= 2 && a.splits[0].avgHr !== null;
    default:
      return kind.startsWith('split_') ? a.splits.length >= 2 : true;
  }
}

export interface DirtyResult {
  activityRows: Row[];
  splitRows: Row[];
  truth: DirtyTruth[];
}

export class DirtyInjector {
  private pending: DirtyKind[];

  constructor(
    private readonly seed: number,
    private readonly rate: number,
    everyKind: boolean,
    private readonly perAthlete = Math.ceil(ALL_DIRTY_KINDS.length / 3),
  ) {
    this.pending = everyKind ? [...ALL_DIRTY_KINDS] : [];
  }

  /** Kinds that no athlete so far could host. */
  missing(): DirtyKind[] {
    return [...this.pending];
  }

  apply(p: AthleteProfile, activities: ActivityRecord[], withSplits: (a: ActivityRecord) => boolean): DirtyResult {
    const id = String(p.athleteId);
    const entries: Entry[] = activities.map((rec) => ({
      rec,
      row: activityRow(p.athleteId, rec),
      splits: withSplits(rec) ? rec.splits.map((s) => splitRow(p.athleteId, rec.id, s)) : [],
      extraRows: [],
      extraSplits: [],
    }));
    const truth: DirtyTruth[] = [];
    const tail: Row[] = [];
    if (this.pending.length === 0 && this.rate <= 0) return this.flatten(entries, tail, truth);

    const rng = new Rng(this.seed, 'dirty', p.index);
    const used = new Set<number>();
    const slotsUsed = new Map<number, number>();
    const freshId = (host: ActivityRecord): number | null => {
      const day = dayOfId(host.id);
      const k = slotsUsed.get(day) ?? 0;
      if (k >= SLOTS_PER_ATHLETE / 2) return null;
      slotsUsed.set(day, k + 1);
      return activityIdOf(day, p.index, SLOTS_PER_ATHLETE / 2 + k);
    };
    const place = (kind: DirtyKind, e: Entry): boolean => {
      if (used.has(e.rec.id) || !suits(kind, e.rec) || (kind.startsWith('split_') && e.splits.length < 2)) return false;
      const made = this.inject(kind, e, id, freshId, tail, truth, p.athleteId);
      if (made) used.add(e.rec.id);
      return made;
    };

    if (activities.length >= MIN_ACTIVITIES) {
      let taken = 0;
      for (const kind of [...this.pending]) {
        if (taken >= this.perAthlete) break;
        const candidates = entries.filter((e) => !used.has(e.rec.id) && suits(kind, e.rec) && (!kind.startsWith('split_') || e.splits.length >= 2));
        if (candidates.length === 0) continue;
        if (place(kind, rng.pick(candidates))) {
          this.pending.splice(this.pending.indexOf(kind), 1);
          taken++;
        }
      }
    }
    if (this.rate > 0) {
      for (const e of entries) {
        if (rng.chance(this.rate)) place(rng.pick(ALL_DIRTY_KINDS), e);
      }
    }
    return this.flatten(entries, tail, truth);
  }

  private flatten(entries: Entry[], tail: Row[], truth: DirtyTruth[]): DirtyResult {
    const activityRows: Row[] = [];
    const splitRows: Row[] = [];
    for (const e of entries) {
      activityRows.push(e.row, ...e.extraRows);
      splitRows.push(...e.splits, ...e.extraSplits);
    }
    activityRows.push(...tail);
    return { activityRows, splitRows, truth };
  }

  private inject(
    kind: DirtyKind,
    e: Entry,
    athleteId: string,
    freshId: (a: ActivityRecord) => number | null,
    tail: Row[],
    truth: DirtyTruth[],
    sourceAthleteId: number,
  ): boolean {
    const note = (file: DirtyTruth['file'], k: DirtyKind, row: Row, splitId: string | null = null) =>
      truth.push({
        file,
        kind: k,
        ...RULES[k],
        rowAthleteId: row[0],
        rowActivityId: row[1],
        rowSplitId: file === 'strava_sub_activity' ? splitId : null,
        sourceAthleteId,
        sourceActivityId: e.rec.id,
      });
    const extra = (edit: (r: Row) => void, keepId = false): Row | null => {
      const r = [...e.row];
      if (!keepId) {
        const fid = freshId(e.rec);
        if (fid === null) return null;
        r[A.id] = String(fid);
      }
      edit(r);
      return r;
    };
    const addExtra = (edit: (r: Row) => void): boolean => {
      const r = extra(edit);
      if (!r) return false;
      e.extraRows.push(r);
      note('strava_activities', kind, r);
      return true;
    };
    const moving = Number(e.row[A.moving_time]);
    const distance = Number(e.row[A.distance_km]);

    switch (kind) {
      case 'null_athlete_id':
        return addExtra((r) => (r[A.athlete_id] = null));
      case 'null_id': {
        const r = [...e.row];
        r[A.id] = null;
        e.extraRows.push(r);
        note('strava_activities', kind, r);
        return true;
      }
      case 'null_start_date':
        return addExtra((r) => (r[A.start_date] = null));
      case 'null_start_date_local':
        return addExtra((r) => (r[A.start_date_local] = null));
      case 'duplicate_exact':
      case 'duplicate_changed': {
        // A re-ingested copy, placed at the end. The changed one lost its title: a null name compares
        // lowest, so the original row is the one staging keeps.
        const r = [...e.row];
        if (kind === 'duplicate_changed') {
          r[A.name] = null;
          r[A.moving_time] = String(moving + 7);
          r[A.elapsed_time] = String(Number(e.row[A.elapsed_time]) + 7);
        }
        tail.push(r);
        note('strava_activities', kind, r);
        return true;
      }
      case 'null_moving_time':
        return addExtra((r) => ((r[A.moving_time] = null), (r[A.pace_min_km] = null)));
      case 'null_elapsed_time':
        return addExtra((r) => (r[A.elapsed_time] = null));
      case 'zero_moving_time':
        return addExtra((r) => ((r[A.moving_time] = '0'), (r[A.pace_min_km] = null)));
      case 'negative_elapsed_time':
        return addExtra((r) => (r[A.elapsed_time] = '-42'));
      case 'moving_gt_elapsed':
        return addExtra((r) => (r[A.elapsed_time] = String(Math.max(1, moving - 600 - Math.min(moving - 700, 300)))));
      case 'negative_distance':
        return addExtra((r) => ((r[A.distance_km] = `-${r[A.distance_km]}`), (r[A.pace_min_km] = null)));
      case 'unparsable_distance':
        return addExtra((r) => (r[A.distance_km] = 'abc'));
      case 'unparsable_moving_time':
        return addExtra((r) => (r[A.moving_time] = '12:34'));
      case 'pace_too_fast':
        // A car ride left running: 1:30 min/km.
        return addExtra((r) => {
          const t = Math.max(1, Math.round(distance * 90));
          r[A.moving_time] = String(t);
          r[A.elapsed_time] = String(t + 10);
          r[A.pace_min_km] = num(t / 60 / distance, 4);
        });
      case 'pace_too_slow':
        // GPS lost: 900 m in 31.5 minutes, 35 min/km.
        return addExtra((r) => {
          r[A.distance_km] = '0.9';
          r[A.moving_time] = '1890';
          r[A.elapsed_time] = '1900';
          r[A.pace_min_km] = '35';
        });
      case 'future_date': {
        // A watch whose clock reset to 2099; its splits come along and must be ignored with it.
        const r = extra((x) => {
          x[A.start_date] = `2099${x[A.start_date]!.slice(4)}`;
          x[A.start_date_local] = `2099${x[A.start_date_local]!.slice(4)}`;
        });
        if (!r) return false;
        e.extraRows.push(r);
        note('strava_activities', kind, r);
        for (const s of e.splits) {
          const c = [...s];
          c[S.activity_id] = r[A.id];
          e.extraSplits.push(c);
          note('strava_sub_activity', 'split_of_rejected_activity', c, c[S.split_id]);
        }
        return true;
      }
      case 'hr_zero':
        e.row[A.average_heartrate] = '0';
        note('strava_activities', kind, e.row);
        return true;
      case 'hr_300':
        e.row[A.max_heartrate] = '300';
        note('strava_activities', kind, e.row);
        return true;
      case 'split_null_activity_id': {
        const c = [...e.splits[0]];
        c[S.activity_id] = null;
        e.extraSplits.push(c);
        note('strava_sub_activity', kind, c, c[S.split_id]);
        return true;
      }
      case 'split_null_split_id': {
        const c = [...e.splits[e.splits.length - 1]];
        c[S.split_id] = null;
        e.extraSplits.push(c);
        note('strava_sub_activity', kind, c, null);
        return true;
      }
      case 'split_duplicate': {
        const c = [...e.splits[1]];
        e.splits.splice(2, 0, c);
        note('strava_sub_activity', kind, c, c[S.split_id]);
        return true;
      }
      case 'split_negative_time': {
        const c: Row = [athleteId, String(e.rec.id), String(e.splits.length + 1), '0.1', '-5', '-5', null, null];
        e.extraSplits.push(c);
        note('strava_sub_activity', kind, c, c[S.split_id]);
        return true;
      }
      case 'split_hr_zero': {
        const s = e.splits[0];
        s[S.average_heartrate] = '0';
        note('strava_sub_activity', kind, s, s[S.split_id]);
        return true;
      }
      case 'split_hr_300': {
        const s = e.splits[e.splits.length - 1];
        s[S.max_heartrate] = '300';
        note('strava_sub_activity', kind, s, s[S.split_id]);
        return true;
      }
      default:
        return false;
    }
  }
}
