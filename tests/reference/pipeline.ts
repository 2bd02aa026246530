// The whole reference chain, silver text rows to the four feature tables.
import { activityFeatures } from './activity-features.ts';
import { dailyFeatures } from './daily-features.ts';
import { rollingFeatures } from './rolling-features.ts';
import type { AthleteSetting, RawRow } from './types.ts';
import { validate } from './validate.ts';
import type { ReferenceVars } from './vars.ts';
import { weeklyFeatures } from './weekly-features.ts';

export function referencePipeline(
  rawActivities: readonly RawRow[],
  rawSplits: readonly RawRow[],
  asOfDate: string,
  settings: readonly AthleteSetting[] = [],
  vars: Partial<ReferenceVars> = {},
) {
  const staging = validate(rawActivities, rawSplits, asOfDate);
  const activity = activityFeatures(staging.activities, staging.splits, settings, vars);
  const daily = dailyFeatures(activity, asOfDate);
  return {
    staging,
    activity,
    daily,
    weekly: weeklyFeatures(daily, asOfDate),
    rolling: rollingFeatures(daily, activity, asOfDate, vars),
  };
}
