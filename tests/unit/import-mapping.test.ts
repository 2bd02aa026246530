import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../orchestrator/import/mapping.ts';
import { REPO } from '../helpers/project-copy.ts';

const dir = mkdtempSync(join(tmpdir(), 'stride-mapping-'));
function mappingError(text: string): string {
  const file = join(dir, 'm.yml');
  writeFileSync(file, text);
  try {
    loadMapping(file);
  } catch (err) {
    return (err as Error).message.replace(file, 'm.yml');
  }
  throw new Error('expected the mapping to be refused');
}

const base = `columns:\n  athlete_id: {column: A}\n  id: {column: I}\n  start_date: {column: S}\n  distance_km: {column: D}\n  elapsed_time: {column: E}\n`;

describe('CSV import mappings', () => {
  it('loads the example mappings shipped in import-mappings/', () => {
    const multi = loadMapping(join(REPO, 'import-mappings', 'multi-athlete-summary.yml'));
    expect(multi).toMatchObject({ kind: 'activities', delimiter: ';', timezone: null });
    expect(multi.columns.distance_km).toEqual({ column: 'Distance', unit: 'm' });
    expect(loadMapping(join(REPO, 'import-mappings', 'stream-1hz.yml')).kind).toBe('stream');
    expect(loadMapping(join(REPO, 'import-mappings', 'strava-api-flat.yml')).columns.athlete_id).toEqual({ column: 'athlete.id' });
  });

  it('names the line of an unknown field and of a wrong unit', () => {
    expect(mappingError(`${base}  distanse_km: {column: D}\n`)).toBe(
      "m.yml:7: 'distanse_km' is not a field of activities mappings; allowed: athlete_id, id, name, sport_type, workout_type, start_date, start_date_local, timezone, distance_km, moving_time, elapsed_time, total_elevation_gain, average_heartrate, max_heartrate, has_heartrate",
    );
    expect(mappingError(base.replace('{column: D}', '{column: D, unit: yards}'))).toBe("m.yml:5: distance_km unit 'yards' is not one of: m, km, mi");
  });

  it('needs the keys and a start time, and a known time zone', () => {
    expect(mappingError(base.replace('  id: {column: I}\n', ''))).toBe('m.yml: the mapping must say where id comes from');
    expect(mappingError(base.replace('start_date', 'name'))).toBe('m.yml: the mapping must map start_date (UTC) or start_date_local');
    expect(mappingError(`timezone: Mars/Olympus\n${base}`)).toBe("m.yml:1: timezone 'Mars/Olympus' is not an IANA time zone");
    expect(mappingError(`${base}  name: {column: N, value: x}\n`)).toBe('m.yml:7: name needs exactly one of column, value or generate');
  });
});
