import { action } from '../outcome.ts';
import { Command } from 'commander';
import type { Command as StrideCommand } from '../../run/execute-graph.ts';
import { runCommand } from '../../stride.ts';
import { toCommandOptions, withRunOptions, type GlobalFlags } from '../options.ts';

const DESCRIPTIONS: Record<StrideCommand, string> = {
  seed: 'load seeds/*.csv into the target',
  run: 'build the selected models in dependency order',
  test: 'run the data tests of the selected nodes',
  build: 'seeds, models and tests in DAG order; a failed test stops the models below it',
};

/** seed, run, test and build share their options and differ only in what they execute. */
export function executeCommand(name: StrideCommand): Command {
  return withRunOptions(new Command(name))
    .description(DESCRIPTIONS[name])
    .action(action(async (flags: GlobalFlags) => {
      const { success } = await runCommand(name, toCommandOptions(flags));
      return success ? 0 : 1;
    }));
}
