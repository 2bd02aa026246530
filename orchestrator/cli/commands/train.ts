import { action } from '../outcome.ts';
import { Command } from 'commander';
import { trainIfNoChampion } from '../../../ml/pipeline/champions.ts';
import { trainAll } from '../../../ml/pipeline/train.ts';
import { detectorLine, estimatorTable } from '../../../ml/pipeline/report.ts';
import { toCommandOptions, withProjectOptions, type GlobalFlags } from '../options.ts';

interface TrainFlags extends GlobalFlags {
  sweep?: boolean;
  groundTruth?: string;
  ifNoChampion?: boolean;
}

/** Trains the race-time estimator and the overtraining detector on the built feature tables. */
export function trainCommand(): Command {
  return withProjectOptions(new Command('train'))
    .description('train the race-time estimator and the overtraining detector, log them to MLflow and register versions that pass the gate')
    .option('--sweep', 'train a grid of 12 estimator settings, one MLflow run each, and register the best')
    .option('--ground-truth <dir>', "simulator ground_truth/ folder: label the detector with its forced breaks instead of the proxy")
    .option('--if-no-champion', 'train only when a model has no champion version yet; otherwise say so and stop')
    .action(action(async (flags: TrainFlags) => {
      const options = { ...toCommandOptions(flags), sweep: flags.sweep, groundTruthDir: flags.groundTruth };
      const out = (l: string) => process.stdout.write(`${l}\n`);
      const result = flags.ifNoChampion ? await trainIfNoChampion(options) : await trainAll(options);
      if ('skipped' in result) {
        const versions = Object.entries(result.champions).map(([name, v]) => `${name} v${v}`);
        out(`training skipped (--if-no-champion): both models have a champion (${versions.join(', ')})`);
        return 0;
      }
      const e = result.estimator;
      out(`MLflow store: ${result.store} (tfjs backend ${result.backend})`);
      out(`\nTime estimator: ${e.runs.length} run(s); best ${e.best.runId}; held-out races of unseen athletes:`);
      out(estimatorTable(e.best.test));
      out(
        e.version
          ? `registered stride_time_estimator version ${e.version.version}${e.promoted ? ' -> champion' : ` (champion kept: its MAPE ${e.championScoreBefore?.toFixed(2)} % on the same races is not worse)`}`
          : `not registered: ${e.best.test.gate.reasons.join('; ')}`,
      );
      const d = result.detector;
      out(`\nOvertraining detector (${d.labelSource} labels): ${detectorLine(d.test)}`);
      out(d.version ? `registered stride_overtraining_detector version ${d.version.version}${d.promoted ? ' -> champion' : ' (champion kept)'}` : 'not registered: the gate failed');
      out(`\ntrained in ${result.seconds.toFixed(1)} s`);
      return 0;
    }));
}
