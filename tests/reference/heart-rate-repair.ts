// Section 2, step 4: a heart rate outside 25..250 bpm (bounds valid) is a sensor
// artefact; it is set to null and a warning row records the original value.
import { HEART_RATE_COLUMNS } from './columns.ts';
import type { SourceTable, ValidationWarning } from './types.ts';

export const HR_MIN_BPM = 25;
export const HR_MAX_BPM = 250;

export function repairHeartRates(
  values: Record<(typeof HEART_RATE_COLUMNS)[number], number | null>,
  where: { source_table: SourceTable; athlete_id: number; activity_id: number; split_id: number | null },
): { average_heartrate: number | null; max_heartrate: number | null; warnings: ValidationWarning[] } {
  const warnings: ValidationWarning[] = [];
  const repaired = { ...values };
  for (const column of HEART_RATE_COLUMNS) {
    const value = values[column];
    if (value !== null && (value < HR_MIN_BPM || value > HR_MAX_BPM)) {
      repaired[column] = null;
      warnings.push({ ...where, column_name: column, original_value: value, warning_code: 'hr_out_of_range' });
    }
  }
  return { ...repaired, warnings };
}
