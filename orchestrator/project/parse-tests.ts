import { ProjectError } from './errors.ts';
import type { TestSpec } from './types.ts';

export const GENERIC_TESTS = [
  'not_null',
  'unique',
  'accepted_values',
  'relationships',
  'accepted_range',
  'expression_is_true',
  'unique_combination',
] as const;

/** Reads dbt-style `data_tests:` entries: a name, or `{name: {args..., config: {severity}, where}}`. */
export function parseTests(entries: unknown, file: string, column?: string): TestSpec[] {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw new ProjectError(`data_tests${column ? ` of column ${column}` : ''} must be a list`, file);
  return entries.map((entry) => {
    const [name, body] =
      typeof entry === 'string' ? [entry, {}] : Object.entries(entry as Record<string, unknown>)[0] ?? ['', {}];
    if (!(GENERIC_TESTS as readonly string[]).includes(name)) {
      throw new ProjectError(
        `unknown data test '${name}'${column ? ` on column ${column}` : ''}; available: ${GENERIC_TESTS.join(', ')}`,
        file,
      );
    }
    const { config, severity, where, ...args } = (body ?? {}) as Record<string, unknown>;
    const cfg = (config ?? {}) as Record<string, unknown>;
    const level = String(cfg.severity ?? severity ?? 'error').toLowerCase();
    if (level !== 'error' && level !== 'warn') throw new ProjectError(`severity must be error or warn, not '${level}'`, file);
    return {
      name,
      args,
      column,
      severity: level,
      where: (cfg.where ?? where) as string | undefined,
    } satisfies TestSpec;
  });
}
