import { action } from '../outcome.ts';
import { Command, Option } from 'commander';
import { parseSimulateOptions, simulate } from '../../simulate/index.ts';

/** Virtual athletes written as silver-contract CSVs plus their ground truth. */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description('write simulated athletes as silver-contract CSVs (and a ground-truth folder)')
    .requiredOption('--athletes <n>', 'number of athletes')
    .requiredOption('--years <y>', 'years of history up to the end date')
    .option('--seed <s>', 'random seed: the same seed gives the same bytes', '42')
    .requiredOption('--out <dir>', 'output folder')
    .option('--end-date <date>', 'last simulated day, YYYY-MM-DD (default 2026-11-22)')
    .option('--dirty-rate <p>', 'share of activities that get a dirty row (0..0.5)')
    .option('--every-dirty-kind', 'place at least one dirty row of every kind')
    .addOption(new Option('--splits <mode>', 'which activities get per-km splits').choices(['runs', 'all', 'none']))
    .addOption(new Option('--ground-truth <mode>', 'how much truth to write').choices(['full', 'summary', 'none']))
    .action(action(async (flags: Record<string, unknown>) => {
      const options = parseSimulateOptions(flags);
      const interactive = process.stderr.isTTY;
      const summary = await simulate({
        ...options,
        onProgress: interactive ? (done, total) => process.stderr.write(`\r${done}/${total} athletes`) : undefined,
      });
      if (interactive) process.stderr.write('\n');
      for (const file of summary.files) {
        process.stdout.write(`${file.path}  ${file.rows.toLocaleString('en-US')} rows  ${(file.bytes / 1e6).toFixed(1)} MB\n`);
      }
      process.stdout.write(
        `${summary.athletes} athletes, ${summary.startDate}..${summary.endDate}: ${summary.activities.toLocaleString('en-US')} activities, ${summary.races} races, ${summary.breaks} breaks, ${summary.dirtyActivityRows + summary.dirtySplitRows} dirty rows\n`,
      );
      return 0;
    }));
}
