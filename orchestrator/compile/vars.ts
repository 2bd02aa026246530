import { ProjectError } from '../project/errors.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Project vars with --vars on top. `as_of_date: null` becomes the run's date, fixed
 * once so that every model of a run sees the same day.
 */
export function resolveVars(projectVars: Record<string, unknown>, overrides: Record<string, unknown>, today?: string): Record<string, unknown> {
  const vars = { ...projectVars, ...overrides };
  const asOf = vars.as_of_date ?? today ?? todayUtc();
  const text = asOf instanceof Date ? asOf.toISOString().slice(0, 10) : String(asOf);
  if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    throw new ProjectError(`as_of_date must be a date like 2026-01-31, got '${text}'`, overrides.as_of_date !== undefined ? '--vars' : 'project.yml');
  }
  vars.as_of_date = text;
  return vars;
}
