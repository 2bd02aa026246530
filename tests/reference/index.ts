// Public API of the reference implementation of the feature contract.
export { validate } from './validate.ts';
export { activityFeatures } from './activity-features.ts';
export { dailyFeatures } from './daily-features.ts';
export { weeklyFeatures } from './weekly-features.ts';
export { rollingFeatures } from './rolling-features.ts';
export { referencePipeline } from './pipeline.ts';
export { RACE_WORDS, RACE_DISTANCES_KM, RACE_DISTANCE_TOLERANCE } from './race-words.ts';
export { DEFAULT_VARS, type ReferenceVars } from './vars.ts';
export type * from './types.ts';
