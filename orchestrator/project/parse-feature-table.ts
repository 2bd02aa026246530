import { ProjectError } from './errors.ts';
import type { ColumnDoc, FeatureTableSpec, Interval } from './types.ts';
import type { YamlFile } from './yaml-file.ts';

const KEYS = ['primary_keys', 'timestamp_key', 'timestamp_zone', 'available_after', 'strictly_before_event', 'description', 'owner', 'tags'];
const UNITS: Record<string, Interval['unit']> = { day: 'day', days: 'day', hour: 'hour', hours: 'hour', minute: 'minute', minutes: 'minute', second: 'second', seconds: 'second' };

/** `1 day`, `7 days`, `12 hours` -> an interval; anything else is undefined. */
export function parseInterval(text: string): Interval | undefined {
  const match = /^\s*(\d+)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match && UNITS[match[2].toLowerCase()];
  return match && unit ? { amount: Number(match[1]), unit } : undefined;
}

/**
 * Validates a model's `feature_table:` block against its documented columns, so a
 * misspelt key fails at load time with the file and line, not in a training set.
 */
export function parseFeatureTable(raw: unknown, columns: ColumnDoc[], yaml: YamlFile, path: (string | number)[]): FeatureTableSpec {
  const fail = (message: string, key?: string): never => {
    throw new ProjectError(`feature_table: ${message}`, yaml.file, yaml.lineOf(path, key));
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('must be a mapping with primary_keys and timestamp_key');
  const value = raw as Record<string, unknown>;
  for (const key of Object.keys(value)) if (!KEYS.includes(key)) fail(`unknown key '${key}'; allowed keys: ${KEYS.join(', ')}`, key);
  const documented = new Set(columns.map((c) => c.name));
  const known = (column: string, key: string) => {
    if (!documented.has(column)) fail(`${key} names '${column}', which is not among the documented columns (${[...documented].join(', ')})`, key);
  };
  const keys = value.primary_keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string')) fail('primary_keys must be a non-empty list of column names', 'primary_keys');
  for (const k of keys as string[]) known(k, 'primary_keys');
  if (typeof value.timestamp_key !== 'string') fail('timestamp_key must name a column', 'timestamp_key');
  const timestamp = value.timestamp_key as string;
  known(timestamp, 'timestamp_key');
  if ((keys as string[]).includes(timestamp)) fail(`timestamp_key '${timestamp}' must not also be a primary key: rows are unique on primary_keys + timestamp_key`, 'timestamp_key');
  const zone = value.timestamp_zone ?? 'utc';
  if (zone !== 'utc' && zone !== 'local') fail("timestamp_zone must be 'utc' or 'local'", 'timestamp_zone');
  let availableAfter: Interval | undefined;
  if (value.available_after !== undefined) {
    availableAfter = parseInterval(String(value.available_after));
    if (!availableAfter) fail(`available_after must read like '1 day' or '7 days', not '${String(value.available_after)}'`, 'available_after');
  }
  const strict = value.strictly_before_event ?? false;
  if (typeof strict !== 'boolean') fail('strictly_before_event must be true or false', 'strictly_before_event');
  const tags = value.tags ?? {};
  if (typeof tags !== 'object' || Array.isArray(tags)) fail('tags must be a mapping of names to values', 'tags');
  return {
    primary_keys: keys as string[],
    timestamp_key: timestamp,
    timestamp_zone: zone as 'utc' | 'local',
    available_after: availableAfter,
    strictly_before_event: strict as boolean,
    description: value.description === undefined ? undefined : String(value.description),
    owner: value.owner === undefined ? undefined : String(value.owner),
    tags: Object.fromEntries(Object.entries(tags as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
  };
}
