import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { importCommand } from '../../orchestrator/cli/commands/import.ts';
import { commandExitCode } from '../../orchestrator/cli/outcome.ts';
import { REPO, copyStrideProject } from '../helpers/project-copy.ts';

afterEach(() => vi.restoreAllMocks());

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  await importCommand().exitOverride().parseAsync(args, { from: 'user' });
  return { code: commandExitCode(), out };
}

describe('stride import csv (command line)', () => {
  it('imports a ;-separated multi-athlete file into target/stride.duckdb and says how to build on it', async () => {
    const dir = copyStrideProject();
    const file = join(dir, 'runs.csv');
    writeFileSync(
      file,
      [
        'Athlete;Gender;Timestamp;Distance;ElapsedTime;ElevationGain;AverageHeartRate',
        '7;F;15/12/2019 09:08;10020.8;3290;52.2;160.8',
        '7;F;16/12/2019 18:30;5000;1500;10;',
        '7;F;16/12/2019 18:30;5001;1500;10;',
        '8;M;31/02/2019 07:00;5000;1500;10;',
        '8;M;01/03/2019 07:00;5km;1500;10;',
      ].join('\n'),
    );
    const mapping = join(REPO, 'import-mappings', 'multi-athlete-summary.yml');
    const { code, out } = await cli(['csv', file, '--mapping', mapping, '--project-dir', dir]);
    expect(code).toBe(0);
    expect(out).toContain('read 5 activities');
    expect(out).toContain('activities: 2 imported, 0 updated, 0 unchanged, 3 rejected');
    expect(out).toContain(`${file}:3: activity 1576521000 of athlete 7 appears again at ${file}:4`);
    expect(out).toContain(`${file}:5: start_date_local '31/02/2019 07:00' does not match the format 'dd/mm/yyyy HH:MM'`);
    expect(out).toContain(`${file}:6: distance_km is not a number: '5km'`);
    expect(out).toContain("next: stride build --vars '{local_silver_schema: silver_import}'");
    const db = await DuckDBAdapter.open({ path: join(dir, 'target', 'stride.duckdb') });
    const rows = await db.query('select athlete_id, id, distance_km, moving_time, cast(start_date as varchar) as s, average_heartrate from silver_import.strava_activities order by id');
    await db.close();
    expect(rows).toEqual([
      { athlete_id: 7, id: 1576400880, distance_km: 10.0208, moving_time: 3290, s: '2019-12-15 09:08:00', average_heartrate: 160.8 },
      { athlete_id: 7, id: 1576521000, distance_km: 5.001, moving_time: 1500, s: '2019-12-16 18:30:00', average_heartrate: null },
    ]);
  });
});
