import type { Rejection } from './report.ts';
import { RowError } from './row-error.ts';
import { splitsAddUp } from './splits.ts';
import type { ImportedActivity, Origin } from './types.ts';

/** What an importer hands to the store: activities, and every row or file it could not use, with the reason. */
export class ImportBatch {
  readonly activities: ImportedActivity[] = [];
  readonly rejected: Rejection[] = [];
  readonly badFiles: Rejection[] = [];
  readonly warnings: string[] = [];
  read = 0;

  add(item: ImportedActivity): void {
    this.activities.push(item);
  }

  /** Runs one row's mapping; a RowError becomes a rejection with its reason, anything else propagates. */
  row<T>(origin: Origin, map: () => T): T | undefined {
    try {
      return map();
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      this.rejected.push({ ...origin, reason: err.reason, detail: err.message });
      return undefined;
    }
  }

  /**
   * One row per (athlete_id, id): the last one read wins (as staging keeps the last
   * ingested), the earlier ones are rejected as duplicate_in_input.
   */
  deduplicated(): ImportedActivity[] {
    const last = new Map<string, number>();
    this.activities.forEach((a, i) => last.set(`${a.activity.athlete_id}:${a.activity.id}`, i));
    const kept: ImportedActivity[] = [];
    this.activities.forEach((a, i) => {
      const key = `${a.activity.athlete_id}:${a.activity.id}`;
      const winner = last.get(key)!;
      if (winner === i) kept.push(a);
      else {
        const w = this.activities[winner].origin;
        this.rejected.push({ ...a.origin, reason: 'duplicate_in_input', detail: `activity ${a.activity.id} of athlete ${a.activity.athlete_id} appears again at ${w.file}${w.line ? `:${w.line}` : ''}` });
      }
    });
    for (const a of kept) {
      if (a.splits.length === 0) continue;
      const problem = splitsAddUp(a.splits, a.activity);
      if (problem) this.warnings.push(`activity ${a.activity.id}: splits do not add up within 1 %: ${problem}`);
    }
    return kept;
  }
}
