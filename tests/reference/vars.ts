// Project variables the features read, with the defaults of project.yml.

export type LoadModel = 'trainingpeaks' | 'exponential';
export type ThresholdPaceMethod = 'best_effort_90d' | 'avg_30d';

export interface ReferenceVars {
  default_threshold_pace_min_km: number;
  default_intensity_factor: number;
  default_hr_rest: number;
  default_hr_max: number;
  acwr_min_ctl: number;
  load_model: LoadModel;
  threshold_pace_method: ThresholdPaceMethod;
}

export const DEFAULT_VARS: Readonly<ReferenceVars> = {
  default_threshold_pace_min_km: 5.5,
  default_intensity_factor: 0.65,
  default_hr_rest: 60,
  default_hr_max: 190,
  acwr_min_ctl: 10,
  load_model: 'trainingpeaks',
  threshold_pace_method: 'best_effort_90d',
};

export function resolveVars(vars: Partial<ReferenceVars> = {}): ReferenceVars {
  const resolved = { ...DEFAULT_VARS, ...vars };
  if (!['trainingpeaks', 'exponential'].includes(resolved.load_model)) {
    throw new Error(`unknown load_model: ${resolved.load_model}`);
  }
  if (!['best_effort_90d', 'avg_30d'].includes(resolved.threshold_pace_method)) {
    throw new Error(`unknown threshold_pace_method: ${resolved.threshold_pace_method}`);
  }
  return resolved;
}
