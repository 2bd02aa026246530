import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { FileError } from './row-error.ts';
import { isTimeZone } from './time.ts';

/** Where one contract column comes from: a CSV column (with its unit or date format) or a constant. */
export interface ColumnSource {
  column?: string;
  value?: string | number | boolean;
  unit?: string;
  format?: string;
  generate?: 'start_time';
}

/** A CSV import mapping (import-mappings/*.yml). */
export interface CsvMapping {
  kind: 'activities' | 'stream';
  delimiter: string;
  /** IANA zone of the file's clock times; null: times are taken as UTC and local alike. */
  timezone: string | null;
  columns: Record<string, ColumnSource>;
}

export const ACTIVITY_FIELDS = [
  'athlete_id', 'id', 'name', 'sport_type', 'workout_type', 'start_date', 'start_date_local', 'timezone', 'distance_km',
  'moving_time', 'elapsed_time', 'total_elevation_gain', 'average_heartrate', 'max_heartrate', 'has_heartrate',
] as const;
export const STREAM_FIELDS = ['athlete_id', 'name', 'sport_type', 'time', 'distance', 'speed', 'heartrate'] as const;

const UNITS: Record<string, string[]> = {
  distance_km: ['m', 'km', 'mi'],
  distance: ['m', 'km', 'mi'],
  moving_time: ['s', 'min', 'h'],
  elapsed_time: ['s', 'min', 'h'],
  total_elevation_gain: ['m', 'ft'],
  speed: ['m/s', 'km/h', 'mph'],
};

const source = {
  type: 'object',
  additionalProperties: false,
  properties: {
    column: { type: 'string', minLength: 1 },
    value: { type: ['string', 'number', 'boolean'] },
    unit: { type: 'string' },
    format: { type: 'string' },
    generate: { enum: ['start_time'] },
  },
};
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['columns'],
  properties: {
    description: { type: 'string' },
    kind: { enum: ['activities', 'stream'] },
    delimiter: { type: 'string', minLength: 1, maxLength: 1 },
    timezone: { type: ['string', 'null'] },
    columns: { type: 'object', additionalProperties: source },
  },
};
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

/** Loads and checks a mapping; every problem names the file (and the line of the key when known). */
export function loadMapping(file: string): CsvMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FileError(file, 'cannot read the mapping file');
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new FileError(file, `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, doc.errors[0].linePos?.[0].line);
  const raw = doc.toJS() as Record<string, unknown>;
  if (!validate(raw)) {
    const e = validate.errors![0];
    throw new FileError(file, `mapping${e.instancePath.replace(/\//g, '.')} ${e.message}${e.params && 'additionalProperty' in e.params ? `: '${e.params.additionalProperty}'` : ''}`);
  }
  const mapping: CsvMapping = {
    kind: (raw.kind as CsvMapping['kind']) ?? 'activities',
    delimiter: (raw.delimiter as string) ?? ',',
    timezone: (raw.timezone as string | null) ?? null,
    columns: raw.columns as Record<string, ColumnSource>,
  };
  const fields: readonly string[] = mapping.kind === 'stream' ? STREAM_FIELDS : ACTIVITY_FIELDS;
  const lineOf = (key: string) => text.split('\n').findIndex((l) => new RegExp(`^\\s*${key}\\s*:`).test(l)) + 1 || undefined;
  for (const [field, src] of Object.entries(mapping.columns)) {
    if (!fields.includes(field)) throw new FileError(file, `'${field}' is not a field of ${mapping.kind} mappings; allowed: ${fields.join(', ')}`, lineOf(field));
    const ways = ['column', 'value', 'generate'].filter((k) => k in src);
    if (ways.length !== 1) throw new FileError(file, `${field} needs exactly one of column, value or generate`, lineOf(field));
    if (src.generate && field !== 'id') throw new FileError(file, `only id can be generated`, lineOf(field));
    if (src.unit && !(UNITS[field] ?? []).includes(src.unit)) {
      throw new FileError(file, `${field} unit '${src.unit}' is not one of: ${(UNITS[field] ?? ['(none)']).join(', ')}`, lineOf(field));
    }
  }
  if (mapping.timezone && !isTimeZone(mapping.timezone)) throw new FileError(file, `timezone '${mapping.timezone}' is not an IANA time zone`, lineOf('timezone'));
  const need = mapping.kind === 'stream' ? ['time'] : ['athlete_id', 'id', 'distance_km', 'elapsed_time'];
  for (const f of need) if (!mapping.columns[f]) throw new FileError(file, `the mapping must say where ${f} comes from`);
  if (mapping.kind === 'activities' && !mapping.columns.start_date && !mapping.columns.start_date_local) {
    throw new FileError(file, 'the mapping must map start_date (UTC) or start_date_local');
  }
  if (mapping.kind === 'stream' && !mapping.columns.distance && !mapping.columns.speed) throw new FileError(file, 'a stream mapping needs distance or speed');
  return mapping;
}

/** Multiplier to the contract unit (km, seconds, metres, m/s). */
export function unitFactor(field: string, unit: string | undefined): number {
  const factors: Record<string, number> = { m: field.startsWith('distance_km') ? 0.001 : 1, km: field === 'distance' ? 1000 : 1, mi: field === 'distance' ? 1609.344 : 1.609344, s: 1, min: 60, h: 3600, ft: 0.3048, 'm/s': 1, 'km/h': 1 / 3.6, mph: 0.44704 };
  return unit ? factors[unit] : 1;
}
