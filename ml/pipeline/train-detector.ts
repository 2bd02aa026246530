import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { detectorRows } from '../overtraining_detector/dataset.ts';
import { groundTruthLabel, readForcedBreaks } from '../overtraining_detector/labels.ts';
import { DEFAULT_DETECTOR_CONFIG, detectorExamples, evaluateDetector, trainDetector, type DetectorEvaluation, type DetectorSpec } from '../overtraining_detector/train.ts';
import { newRunName } from '../tracking/ids.ts';
import type { ModelVersion } from '../tracking/types.ts';
import { CHAMPION, DETECTOR_EXPERIMENT, DETECTOR_MODEL, flatMetrics, type TrainContext } from './context.ts';
import { loadAliasedModel, logModel } from './model-artifacts.ts';
import { fingerprint } from './provenance.ts';

/** Training days kept: every athlete-day up to this many, then an even subsample (keeps training under a minute). */
const MAX_TRAIN_ROWS = 40_000;

/** Gate for registering a detector version: it must rank better than chance and, with the rule, catch 70 % of breaks. */
export const DETECTOR_GATE = { minAuc: 0.5, minCombinedRecall: 0.7 } as const;

export interface DetectorOutcome {
  runId: string;
  test: DetectorEvaluation;
  gatePassed: boolean;
  version?: ModelVersion;
  promoted: boolean;
  labelSource: DetectorSpec['labelSource'];
  seconds: number;
}

export async function trainDetectorRun(ctx: TrainContext, options: { groundTruthDir?: string } = {}): Promise<DetectorOutcome> {
  const t0 = performance.now();
  const rows = await detectorRows(ctx.adapter, ctx.tables);
  const breaks = options.groundTruthDir ? readForcedBreaks(options.groundTruthDir) : undefined;
  const labelSource: DetectorSpec['labelSource'] = breaks ? 'ground_truth' : 'proxy';
  const label = breaks ? (r: Row) => groundTruthLabel(r, breaks) : (r: Row) => Boolean(r.proxy_label);
  const examples = detectorExamples(rows, label);
  const allTrain = examples.filter((e) => e.part === 'train');
  const stride = Math.max(1, Math.ceil(allTrain.length / MAX_TRAIN_ROWS));
  const train = allTrain.filter((_, i) => i % stride === 0);
  const validation = examples.filter((e) => e.part === 'validation');
  const test = examples.filter((e) => e.part === 'test');
  ctx.log(`overtraining detector: ${examples.length} labelled athlete-days (${labelSource} labels), training on ${train.length}`);

  const experimentId = await ctx.store.getOrCreateExperiment(DETECTOR_EXPERIMENT);
  const run = await ctx.store.createRun(experimentId, {
    runName: newRunName(),
    tags: [
      ...ctx.tags,
      { key: 'stride.model', value: 'overtraining_detector' },
      { key: 'stride.label_source', value: labelSource },
      { key: 'stride.training_set_fingerprint', value: fingerprint(train.map((e) => [e.athleteId, e.label, e.x])) },
    ],
  });
  const losses: { epoch: number; loss: number }[] = [];
  try {
    const { model, spec } = await trainDetector(train, validation, DEFAULT_DETECTOR_CONFIG, labelSource, (epoch, loss) => losses.push({ epoch, loss }));
    const evaluation = evaluateDetector(model, spec, test);
    const gatePassed = evaluation.auc > DETECTOR_GATE.minAuc && evaluation.combined.recall >= DETECTOR_GATE.minCombinedRecall;
    const now = Date.now();
    await ctx.store.logBatch(run.run_id, {
      params: Object.entries({ ...spec.config, label_source: labelSource, horizon_days: 14, rows_train: train.length, rows_test: test.length }).map(([key, value]) => ({ key, value: String(value) })),
      metrics: [
        ...losses.map((l) => ({ key: 'loss', value: l.loss, step: l.epoch, timestamp: now })),
        ...Object.entries({ ...flatMetrics('test', evaluation), gate_passed: gatePassed ? 1 : 0 }).map(([key, value]) => ({ key, value, step: 0, timestamp: now })),
      ],
    });
    await ctx.store.logArtifact(run, 'evaluation.json', JSON.stringify(evaluation, null, 2));
    const source = await logModel(ctx.store, run, model, spec, spec.featureNames, ['overtraining_probability']);
    await ctx.store.endRun(run.run_id, 'FINISHED');
    const outcome: DetectorOutcome = { runId: run.run_id, test: evaluation, gatePassed, promoted: false, labelSource, seconds: 0 };
    if (gatePassed) {
      await ctx.store.ensureRegisteredModel(DETECTOR_MODEL, 'Overtraining detector: probability of a forced break within 14 days; served OR the acwr > 1.5 rule.');
      outcome.version = await ctx.store.createModelVersion(DETECTOR_MODEL, source, run.run_id, [{ key: 'test_auc', value: evaluation.auc.toFixed(4) }]);
      const champion = await loadAliasedModel<DetectorSpec>(ctx.store, DETECTOR_MODEL, CHAMPION).catch(() => undefined);
      const championAuc = champion && champion.spec.featureNames.join() === spec.featureNames.join() ? evaluateDetector(champion.model, champion.spec, test).auc : undefined;
      champion?.model.dispose();
      if (championAuc === undefined || evaluation.auc > championAuc) {
        await ctx.store.setAlias(DETECTOR_MODEL, CHAMPION, outcome.version.version);
        outcome.promoted = true;
      }
    }
    model.dispose();
    outcome.seconds = (performance.now() - t0) / 1000;
    return outcome;
  } catch (err) {
    await ctx.store.endRun(run.run_id, 'FAILED').catch(() => undefined);
    throw err;
  }
}
