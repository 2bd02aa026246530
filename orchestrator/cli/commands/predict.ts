import { action } from '../outcome.ts';
import { Command } from 'commander';
import { predictRange } from '../../../ml/pipeline/predict.ts';
import { mlProject } from '../../../ml/shared/project-tables.ts';
import { initBackend } from '../../../ml/shared/tf.ts';
import { openTrackingStore } from '../../../ml/tracking/index.ts';
import { toCommandOptions, UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';

interface PredictFlags extends GlobalFlags {
  asOf?: string;
  from?: string;
  to?: string;
}

/** Scores every athlete on one day or a range of days with the champion models into gold.athlete_predictions. */
export function predictCommand(): Command {
  return withProjectOptions(new Command('predict'))
    .description('write gold.athlete_predictions with the champion models, point-in-time, for one as-of day or a range')
    .option('--as-of <date>', 'the as-of day, YYYY-MM-DD (default: the last day of the feature tables)')
    .option('--from <date>', 'first as-of day of a backfill')
    .option('--to <date>', 'last as-of day of a backfill')
    .action(action(async (flags: PredictFlags) => {
      if (flags.asOf && (flags.from || flags.to)) throw new UsageError('use --as-of or --from/--to, not both');
      if (!!flags.from !== !!flags.to) throw new UsageError('--from and --to go together');
      await initBackend();
      const project = mlProject(flags.projectDir, toCommandOptions(flags));
      const store = openTrackingStore(project.root);
      const adapter = await project.open();
      try {
        let from = flags.from ?? flags.asOf;
        let to = flags.to ?? flags.asOf;
        if (!from || !to) {
          const [last] = await adapter.query(`select cast(max(as_of_date) as ${adapter.dialect.stringType}) as d from ${project.tables.rolling}`);
          if (!last?.d) throw new Error('the feature tables are empty: run `stride build` first');
          from = to = String(last.d);
        }
        const s = await predictRange(adapter, project, store, from, to);
        process.stdout.write(
          `${s.rows} prediction rows for ${s.athletes} athletes, ${from}..${to} -> ${project.tables.predictions}\n` +
            `  model rows ${s.modelRows} (estimator ${s.estimatorVersion ?? 'none: no champion yet'}), Riegel fallback rows ${s.fallbackRows}, detector ${s.detectorVersion ?? 'none (rule only)'}; ${s.seconds.toFixed(1)} s\n`,
        );
      } finally {
        await adapter.close();
      }
      return 0;
    }));
}
