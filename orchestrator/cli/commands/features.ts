import { Command } from 'commander';
import { featuresDescribeCommand, featuresLsCommand, featuresShowCommand, featuresVersionsCommand } from './features-catalog.ts';
import { featuresGetCommand } from './features-get.ts';
import { featuresTrainingSetCommand } from './features-training-set.ts';

/** `stride features ...`: the feature store (tables, versions, training sets, reads by athlete). */
export function featuresCommand(): Command {
  const group = new Command('features').description('feature tables: list, describe, versions, show rows, training sets, reads by athlete');
  for (const sub of [featuresLsCommand(), featuresDescribeCommand(), featuresVersionsCommand(), featuresShowCommand(), featuresTrainingSetCommand(), featuresGetCommand()]) {
    group.addCommand(sub.exitOverride());
  }
  return group;
}
