import { action } from '../outcome.ts';
import { Command } from 'commander';
import { DETECTOR_EXPERIMENT, ESTIMATOR_EXPERIMENT } from '../../../ml/pipeline/context.ts';
import { openTrackingStore } from '../../../ml/tracking/index.ts';
import { evaluateChampions } from '../../../ml/evaluation/evaluate-champion.ts';
import { championEvaluationReport } from '../../../ml/evaluation/evaluation-report.ts';
import { mlProject } from '../../../ml/shared/project-tables.ts';
import { initBackend } from '../../../ml/shared/tf.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { toCommandOptions, withProjectOptions, type GlobalFlags } from '../options.ts';

const when = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : '-');

/** `stride ml runs | models`: what the tracking store holds. */
export function mlCommand(): Command {
  const ml = new Command('ml').description('list MLflow runs and registered models (MLFLOW_TRACKING_URI, default ./mlruns)');
  ml.addCommand(
    withProjectOptions(new Command('runs'))
      .description('list training runs, newest first')
      .option('--limit <n>', 'how many runs', '20')
      .action(action(async (flags: GlobalFlags & { limit: string }) => {
        const store = openTrackingStore(flags.projectDir);
        const out = (l: string) => process.stdout.write(`${l}\n`);
        for (const name of [ESTIMATOR_EXPERIMENT, DETECTOR_EXPERIMENT]) {
          const id = await store.getOrCreateExperiment(name);
          const runs = await store.searchRuns([id], Number(flags.limit) || 20);
          out(`${name} (experiment ${id}): ${runs.length} run(s)`);
          for (const r of runs) {
            const key = r.metrics.test_overall_model_mape !== undefined ? `test MAPE ${r.metrics.test_overall_model_mape.toFixed(2)} %` : r.metrics.test_auc !== undefined ? `test AUC ${r.metrics.test_auc.toFixed(3)}` : '';
            out(`  ${r.info.run_id}  ${r.info.run_name.padEnd(20)} ${r.info.status.padEnd(8)} ${when(r.info.start_time)}  ${key}${r.metrics.gate_passed === 1 ? '  gate passed' : r.metrics.gate_passed === 0 ? '  gate failed' : ''}`);
          }
        }
        return 0;
      })),
  );
  ml.addCommand(
    withProjectOptions(new Command('models'))
      .description('list registered models, their versions and aliases')
      .action(action(async (flags: GlobalFlags) => {
        const store = openTrackingStore(flags.projectDir);
        const out = (l: string) => process.stdout.write(`${l}\n`);
        const models = await store.listRegisteredModels();
        if (models.length === 0) out('no registered models yet: run `stride train`');
        for (const m of models) {
          out(`${m.name}: aliases ${Object.entries(m.aliases).map(([a, v]) => `${a} -> v${v}`).join(', ') || 'none'}`);
          for (const v of await store.listVersions(m.name)) {
            out(`  v${v.version}  ${when(v.creation_timestamp)}  run ${v.run_id ?? '-'}  ${Object.entries(v.tags).filter(([k]) => !k.startsWith('stride.')).map(([k, val]) => `${k}=${val}`).join(' ')}${v.aliases.length ? `  [${v.aliases.join(', ')}]` : ''}`);
          }
        }
        return 0;
      })),
  );
  ml.addCommand(
    withProjectOptions(new Command('evaluate'))
      .description("score the champion models on the project's data: race times beside Riegel, VDOT and the last race; the detector on the proxy label")
      .option('--json <file>', 'also write the evaluation as JSON', 'target/ml-evaluation.json')
      .action(action(async (flags: GlobalFlags & { json: string }) => {
        await initBackend();
        const project = mlProject(flags.projectDir, toCommandOptions(flags));
        const store = openTrackingStore(project.root);
        const adapter = await project.open();
        try {
          const evaluation = await evaluateChampions(adapter, project, store);
          process.stdout.write(`${championEvaluationReport(evaluation)}\n`);
          const file = resolve(project.root, flags.json);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, `${JSON.stringify(evaluation, null, 2)}\n`);
          process.stdout.write(`evaluation written to ${file}\n`);
        } finally {
          await adapter.close();
        }
        return 0;
      })),
  );
  return ml;
}
