import type { CsvRow, CsvTable } from './csv-table.ts';
import { columnGetter } from './csv-table.ts';
import { RowError } from './row-error.ts';
import { instantToWall, parseTime } from './time.ts';
import type { ActivityRow } from './types.ts';
import { requireId, round, sportType, text, toBoolean, toNumber, toSeconds, toWorkoutType } from './values.ts';

/**
 * One row of the bulk export's activities.csv mapped to the silver contract.
 * The file repeats names: the 1st `Distance` is in the athlete's display unit (km)
 * and the 2nd in metres; the 1st `Elapsed Time` is whole seconds and the 2nd
 * fractional; `Max Heart Rate` appears twice. The 2nd (unit-stable) column wins
 * where both exist. `Activity Date` is UTC; the local time comes from the activity
 * file (FIT) or the --timezone option, else equals UTC.
 */
export function exportRowMapper(table: CsvTable, athleteId: bigint, zone: string | undefined) {
  const col = columnGetter(table);
  for (const required of ['Activity ID', 'Activity Date']) {
    if (!col.has(required)) throw new RowError('missing_column', `${table.file} has no '${required}' column: is it a Strava activities.csv?`);
  }
  return (row: CsvRow): { activity: ActivityRow; filename: string | null } => {
    const g = (name: string, occurrence = 1) => col.get(row, name, occurrence);
    const id = requireId(g('Activity ID'), 'Activity ID');
    const dateText = g('Activity Date');
    if (!dateText) throw new RowError('missing_start_date', 'Activity Date is empty');
    const start = parseTime(dateText, 'Activity Date');
    const startUtc = new Date(start.wall.getTime() - (start.offsetMinutes ?? 0) * 60000);
    const metres = toNumber(g('Distance', 2), 'Distance (m)');
    const km = toNumber(g('Distance', 1), 'Distance (km)');
    const distance = metres !== null ? metres / 1000 : (km ?? 0);
    const elapsed = toSeconds(g('Elapsed Time', 2) ?? g('Elapsed Time', 1), 'Elapsed Time');
    const moving = toSeconds(g('Moving Time'), 'Moving Time') ?? elapsed;
    if (elapsed === null || moving === null) throw new RowError('missing_time', 'Elapsed Time and Moving Time are empty');
    const avgHr = toNumber(g('Average Heart Rate'), 'Average Heart Rate');
    const maxHr = toNumber(g('Max Heart Rate', 2) ?? g('Max Heart Rate', 1), 'Max Heart Rate');
    const movingS = Math.round(moving);
    return {
      activity: {
        athlete_id: athleteId,
        id,
        name: text(g('Activity Name')),
        sport_type: sportType(g('Activity Type')) ?? 'Workout',
        workout_type: toWorkoutType(g('Workout Type')),
        start_date: startUtc,
        start_date_local: zone ? instantToWall(startUtc, zone) : startUtc,
        timezone: zone ?? null,
        distance_km: round(distance, 6),
        moving_time: movingS,
        elapsed_time: Math.round(elapsed),
        total_elevation_gain: toNumber(g('Elevation Gain'), 'Elevation Gain'),
        pace_min_km: distance > 0 && movingS > 0 ? round(movingS / 60 / distance, 4) : null,
        average_heartrate: avgHr,
        max_heartrate: maxHr,
        has_heartrate: toBoolean(g('Has Heartrate'), 'Has Heartrate') ?? (avgHr !== null || maxHr !== null),
      },
      filename: text(g('Filename')),
    };
  };
}
