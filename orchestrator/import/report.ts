import type { Origin } from './types.ts';

/** Why a row was not imported: a short code and where, so no row is lost without a reason. */
export interface Rejection extends Origin {
  reason: string;
  detail: string;
}

export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What an import read, stored and refused. */
export interface ImportReport {
  /** Activity rows (or activity files) read from the input. */
  read: number;
  activities: StoreCounts;
  splits: StoreCounts;
  rejected: Rejection[];
  /** Files that could not be read at all (skipped, the rest imported). */
  badFiles: Rejection[];
  /** Activities whose splits do not add up to the activity within 1 %: kept, but worth a look. */
  warnings: string[];
  seconds: number;
}

export const emptyCounts = (): StoreCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

export function rejectionsByReason(rejections: Rejection[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rejections) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

const where = (r: Origin) => (r.line ? `${r.file}:${r.line}` : r.file);

/** The closing report printed by `stride import`: counts first, then up to `examples` rows per reason. */
export function formatReport(report: ImportReport, examples = 3): string {
  const { activities: a, splits: s } = report;
  const lines = [
    `read ${report.read} activities in ${report.seconds.toFixed(1)} s`,
    `activities: ${a.inserted} imported, ${a.updated} updated, ${a.unchanged} unchanged, ${report.rejected.length} rejected`,
    `splits:     ${s.inserted} imported, ${s.updated} updated, ${s.unchanged} unchanged`,
  ];
  for (const [reason, n] of rejectionsByReason(report.rejected)) {
    lines.push(`  rejected ${reason}: ${n}`);
    for (const r of report.rejected.filter((x) => x.reason === reason).slice(0, examples)) lines.push(`    ${where(r)}: ${r.detail}`);
  }
  if (report.badFiles.length > 0) {
    lines.push(`files skipped: ${report.badFiles.length}`);
    for (const r of report.badFiles) lines.push(`  ${where(r)}: ${r.reason}: ${r.detail}`);
  }
  if (report.warnings.length > 0) {
    lines.push(`warnings: ${report.warnings.length}`);
    for (const w of report.warnings.slice(0, examples)) lines.push(`  ${w}`);
  }
  return lines.join('\n');
}
