import { pointInTimeFeatures, raceSpineSql } from '../shared/point-in-time.ts';
import { DISTANCE_KEYS } from '../shared/distances.ts';
import type { EstimatorSpec } from '../time_estimator/bundle.ts';
import { DEFAULT_ESTIMATOR_CONFIG, sweepGrid, type EstimatorConfig } from '../time_estimator/config.ts';
import { raceExamples, type RaceExample } from '../time_estimator/dataset.ts';
import { championScore, evaluateEstimator, type EstimatorEvaluation } from '../time_estimator/evaluate.ts';
import { FEATURE_NAMES } from '../time_estimator/features.ts';
import { trainEstimator } from '../time_estimator/train.ts';
import { newRunName } from '../tracking/ids.ts';
import type { KeyValue, ModelVersion } from '../tracking/types.ts';
import { CHAMPION, ESTIMATOR_EXPERIMENT, ESTIMATOR_MODEL, flatMetrics, type TrainContext } from './context.ts';
import { loadAliasedModel, logModel } from './model-artifacts.ts';
import { fingerprint } from './provenance.ts';

export const ESTIMATOR_OUTPUTS = DISTANCE_KEYS.flatMap((d) => [`predicted_${d}_sec`, `predicted_${d}_sec_p10`, `predicted_${d}_sec_p90`]);

export interface EstimatorOutcome {
  runs: { runId: string; config: EstimatorConfig; validationMape: number; test: EstimatorEvaluation }[];
  best: { runId: string; test: EstimatorEvaluation };
  version?: ModelVersion;
  promoted: boolean;
  championScoreBefore?: number;
  examples: { train: number; validation: number; test: number };
  seconds: number;
}

const params = (c: EstimatorConfig, extra: Record<string, string | number>): KeyValue[] =>
  Object.entries({ ...c, ...extra }).map(([key, value]) => ({ key, value: String(value) }));

/** Trains one estimator (or a sweep), logs every run, registers the best if it passes the gate, and moves `champion` only on improvement. */
export async function trainEstimatorRuns(ctx: TrainContext, options: { sweep?: boolean; config?: Partial<EstimatorConfig> } = {}): Promise<EstimatorOutcome> {
  const t0 = performance.now();
  const { rows, featureVersions } = await pointInTimeFeatures(ctx.adapter, ctx, raceSpineSql(ctx.tables));
  const examples = raceExamples(rows);
  const part = (p: RaceExample['part']) => examples.filter((e) => e.part === p);
  const [train, validation, test] = [part('train'), part('validation'), part('test')];
  const trainingSet = fingerprint(examples.map((e) => [e.athleteId, e.activityId, e.distance, e.timeSec, e.x]));
  ctx.log(`time estimator: ${examples.length} labelled races (${train.length} train, ${validation.length} validation, ${test.length} test athletes' races)`);

  const experimentId = await ctx.store.getOrCreateExperiment(ESTIMATOR_EXPERIMENT);
  const base = { ...DEFAULT_ESTIMATOR_CONFIG, ...options.config };
  const configs = options.sweep ? sweepGrid(base) : [base];
  const baseTags: KeyValue[] = [
    ...ctx.tags,
    { key: 'stride.training_set_fingerprint', value: trainingSet },
    { key: 'stride.training_set_feature_versions', value: JSON.stringify(featureVersions) }, { key: 'stride.model', value: 'time_estimator' }];
  const parent = options.sweep ? await ctx.store.createRun(experimentId, { runName: `sweep-${newRunName()}`, tags: [...baseTags, { key: 'stride.sweep', value: 'parent' }] }) : undefined;

  const runs: EstimatorOutcome['runs'] = [];
  for (const config of configs) {
    const tags = parent ? [...baseTags, { key: 'mlflow.parentRunId', value: parent.run_id }] : baseTags;
    const run = await ctx.store.createRun(experimentId, { runName: newRunName(), tags });
    try {
      const trained = await trainEstimator(train, validation, config);
      const onValidation = evaluateEstimator(trained.model, trained.spec, validation);
      const onTest = evaluateEstimator(trained.model, trained.spec, test);
      const now = Date.now();
      await ctx.store.logBatch(run.run_id, {
        params: params(config, { distance_tolerance: 0.03, interval: 'conformal quantile 0.1-0.9', rows_train: train.length, rows_validation: validation.length, rows_test: test.length }),
        metrics: [
          ...trained.history.flatMap((h) => [
            { key: 'loss', value: h.loss, step: h.epoch, timestamp: now },
            { key: 'val_loss', value: h.val_loss, step: h.epoch, timestamp: now },
          ]),
          ...Object.entries({
            ...flatMetrics('test', { perDistance: onTest.perDistance, overall: onTest.overall }),
            validation_mape: onValidation.overall.model.mape,
            gate_passed: onTest.gate.passed ? 1 : 0,
          }).map(([key, value]) => ({ key, value, step: 0, timestamp: now })),
        ],
      });
      await ctx.store.logArtifact(run, 'evaluation.json', JSON.stringify({ test: onTest, validation: onValidation }, null, 2));
      await logModel(ctx.store, run, trained.model, trained.spec, FEATURE_NAMES, ESTIMATOR_OUTPUTS);
      await ctx.store.logBatch(run.run_id, { tags: [{ key: 'mlflow.log-model.history', value: JSON.stringify([{ run_id: run.run_id, artifact_path: 'model', flavors: { stride_tfjs: {} } }]) }] });
      await ctx.store.endRun(run.run_id, 'FINISHED');
      runs.push({ runId: run.run_id, config, validationMape: onValidation.overall.model.mape, test: onTest });
      trained.model.dispose();
    } catch (err) {
      await ctx.store.endRun(run.run_id, 'FAILED').catch(() => undefined);
      throw err;
    }
  }
  if (parent) await ctx.store.endRun(parent.run_id, 'FINISHED');
  // A sweep picks its best run on validation figures, never on the test athletes.
  const best = runs.reduce((a, b) => (b.validationMape < a.validationMape ? b : a));
  const outcome: EstimatorOutcome = {
    runs,
    best: { runId: best.runId, test: best.test },
    promoted: false,
    examples: { train: train.length, validation: validation.length, test: test.length },
    seconds: 0,
  };
  if (best.test.gate.passed) {
    const run = await ctx.store.getRun(best.runId);
    await ctx.store.ensureRegisteredModel(ESTIMATOR_MODEL, 'Race-time estimator: 5K/10K/half/marathon finish times with 80 % intervals.');
    outcome.version = await ctx.store.createModelVersion(ESTIMATOR_MODEL, `${run.info.artifact_uri.replace(/\/$/, '')}/model`, best.runId, [
      { key: 'test_mape', value: best.test.overall.model.mape.toFixed(4) },
      { key: 'stride.training_set_fingerprint', value: trainingSet },
    ]);
    const champion = await loadAliasedModel<EstimatorSpec>(ctx.store, ESTIMATOR_MODEL, CHAMPION).catch(() => undefined);
    const comparable = champion && champion.spec.featureNames.join() === FEATURE_NAMES.join();
    outcome.championScoreBefore = comparable ? championScore(evaluateEstimator(champion.model, champion.spec, test)) : undefined;
    champion?.model.dispose();
    if (outcome.championScoreBefore === undefined || championScore(best.test) < outcome.championScoreBefore) {
      await ctx.store.setAlias(ESTIMATOR_MODEL, CHAMPION, outcome.version.version);
      outcome.promoted = true;
    }
  } else {
    ctx.log(`time estimator: not registered, the gate failed: ${best.test.gate.reasons.join('; ')}`);
  }
  outcome.seconds = (performance.now() - t0) / 1000;
  return outcome;
}
