// estimated_tss and intensity_factor (section 3): pace-based rTSS for runs,
// heart-rate-reserve TRIMP relative to one hour at threshold (HRSS) for other
// activities with a heart rate, a fixed intensity otherwise.
import type { TssMethod } from './types.ts';
import type { ReferenceVars } from './vars.ts';

export const HRR_LACTATE_THRESHOLD = 0.85;

export interface LoadInput {
  is_run: boolean;
  pace_min_km: number | null;
  threshold_pace_min_km: number;
  moving_time: number;
  avg_hr: number | null;
  hr_rest: number;
  hr_max: number;
}

export interface Load {
  intensity_factor: number;
  estimated_tss: number;
  tss_method: TssMethod;
}

/** Banister TRIMP with the 0.64 * exp(1.92 * hrr) weighting. */
export function trimp(movingMinutes: number, hrr: number): number {
  return movingMinutes * hrr * 0.64 * Math.exp(1.92 * hrr);
}

export const TRIMP_ONE_HOUR_AT_THRESHOLD = trimp(60, HRR_LACTATE_THRESHOLD);

export function estimateLoad(input: LoadInput, vars: ReferenceVars): Load {
  if (input.is_run && input.pace_min_km !== null) {
    const intensity = input.threshold_pace_min_km / input.pace_min_km;
    return {
      intensity_factor: intensity,
      estimated_tss: (input.moving_time / 3600) * intensity ** 2 * 100,
      tss_method: 'pace',
    };
  }
  if (input.avg_hr !== null && input.hr_max > input.hr_rest) {
    const raw = (input.avg_hr - input.hr_rest) / (input.hr_max - input.hr_rest);
    const hrr = Math.min(1, Math.max(0, raw));
    return {
      intensity_factor: hrr / HRR_LACTATE_THRESHOLD,
      estimated_tss: (100 * trimp(input.moving_time / 60, hrr)) / TRIMP_ONE_HOUR_AT_THRESHOLD,
      tss_method: 'hr',
    };
  }
  const intensity = vars.default_intensity_factor;
  return {
    intensity_factor: intensity,
    estimated_tss: (input.moving_time / 3600) * intensity ** 2 * 100,
    tss_method: 'duration',
  };
}
