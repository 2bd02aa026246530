import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { textReporter } from '../../orchestrator/run/reporter.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { championVersions, trainIfNoChampion } from '../../ml/pipeline/champions.ts';
import { CHAMPION, DETECTOR_EXPERIMENT, DETECTOR_MODEL, ESTIMATOR_EXPERIMENT, ESTIMATOR_MODEL } from '../../ml/pipeline/context.ts';
import { predictRange } from '../../ml/pipeline/predict.ts';
import { latestPredictions, predictionsReport } from '../../ml/pipeline/predictions-report.ts';
import type { TrainAllResult } from '../../ml/pipeline/train.ts';
import { DISTANCE_KEYS } from '../../ml/shared/distances.ts';
import { mlProject } from '../../ml/shared/project-tables.ts';
import { FileStore } from '../../ml/tracking/file-store.ts';
import { copyStrideProject, REPO } from '../helpers/project-copy.ts';

// `npm start` = build, train --if-no-champion, predict, summary; here on a copy of the project
// through the same functions, with train and predict opening the target's DuckDB file themselves.
const AS_OF = '2026-11-22';
const vars = { as_of_date: AS_OF };
const quiet = () => undefined;

describe('npm start on the sample seeds', () => {
  let dir: string;
  let store: FileStore;
  let first: TrainAllResult;
  let runners: number[];

  const runs = async (experiment: string) => (await store.searchRuns([await store.getOrCreateExperiment(experiment)])).length;
  /** `stride predict` at AS_OF, then the rows it wrote. */
  const predict = async (): Promise<Row[]> => {
    const project = mlProject(dir, { vars });
    const adapter = await project.open();
    try {
      await predictRange(adapter, project, store, AS_OF, AS_OF);
      return await adapter.query(`select * from ${project.tables.predictions} where as_of_date = date '${AS_OF}' order by athlete_id`);
    } finally {
      await adapter.close();
    }
  };
  const expectOrderedTimes = (r: Row) => {
    const sec = DISTANCE_KEYS.map((d) => Number(r[`predicted_${d}_sec`]));
    expect(sec.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
    for (let i = 1; i < sec.length; i++) expect(sec[i]).toBeGreaterThan(sec[i - 1]);
  };

  beforeAll(async () => {
    dir = copyStrideProject();
    store = new FileStore(join(dir, 'mlruns'));
    // The local target's DuckDB file: closed again before train and predict open it.
    const adapter = await DuckDBAdapter.open({ path: join(dir, 'target', 'stride.duckdb') });
    try {
      const build = await runCommand('build', { projectDir: dir, adapter, vars, reporter: textReporter(quiet) });
      expect(build.success).toBe(true);
      runners = (await adapter.query('select distinct athlete_id from "staging"."stg_strava__activities" where is_run order by athlete_id')).map((r) => Number(r.athlete_id));
    } finally {
      await adapter.close();
    }
    const trained = await trainIfNoChampion({ projectDir: dir, vars, store, log: quiet });
    if ('skipped' in trained) throw new Error('a fresh copy has no champion: train --if-no-champion must train');
    first = trained;
  }, 60_000);

  it('trains on a fresh project, and the 8-athlete sample cannot register a champion: too few held-out races', async () => {
    expect(runners).toHaveLength(8);
    expect(await runs(ESTIMATOR_EXPERIMENT)).toBe(1);
    expect(await runs(DETECTOR_EXPERIMENT)).toBe(1);
    // Two held-out athletes hold at most a couple of 10K races: the gate cannot be met on so few.
    expect(first.estimator.best.test.perDistance['10k']?.model.n ?? 0).toBeLessThanOrEqual(3);
    expect(first.estimator.best.test.gate.passed).toBe(false);
    expect(first.estimator.best.test.gate.reasons).toContain(`only ${first.estimator.best.test.perDistance['10k']?.model.n} held-out 10K races, fewer than 10`);
    expect(first.estimator.version).toBeUndefined();
    expect(await championVersions(store)).toEqual({ [ESTIMATOR_MODEL]: undefined, [DETECTOR_MODEL]: first.detector.version?.version });
  });

  it("without a champion estimator predicts Riegel for every runner, flagged, with the interval of Riegel's past errors", async () => {
    const rows = await predict();
    expect(rows.map((r) => Number(r.athlete_id))).toEqual(runners);
    for (const d of DISTANCE_KEYS) {
      // Every runner's interval comes from the same races run before the day: the same
      // ratios to Riegel for all, p10 below p90, and the sample's Riegel errors are a few per cent.
      const low = rows.map((r) => Number(r[`predicted_${d}_sec_p10`]) / Number(r[`baseline_${d}_sec`]));
      const high = rows.map((r) => Number(r[`predicted_${d}_sec_p90`]) / Number(r[`baseline_${d}_sec`]));
      for (const ratio of [...low, ...high]) expect(ratio).toBeGreaterThan(0.8);
      for (const ratio of [...low, ...high]) expect(ratio).toBeLessThan(1.5);
      for (let i = 1; i < rows.length; i++) {
        expect(low[i]).toBeCloseTo(low[0], 9);
        expect(high[i]).toBeCloseTo(high[0], 9);
      }
      expect(low[0]).toBeLessThan(high[0]);
    }
    for (const r of rows) {
      expect(r.prediction_source).toBe('riegel_fallback');
      expect(r.is_riegel_fallback).toBe(true);
      expect(r.time_estimator_version).toBeNull();
      expectOrderedTimes(r);
      for (const d of DISTANCE_KEYS) expect(r[`predicted_${d}_sec`]).toBe(r[`baseline_${d}_sec`]);
    }
  });

  it('with champions predicts every runner with p10 <= time <= p90, and the next train --if-no-champion does not train', async () => {
    // Promote the two logged runs as if they had passed their gates.
    for (const [name, runId] of [[ESTIMATOR_MODEL, first.estimator.best.runId], [DETECTOR_MODEL, first.detector.runId]]) {
      if (await store.getVersionByAlias(name, CHAMPION)) continue;
      const run = await store.getRun(runId);
      await store.ensureRegisteredModel(name);
      const version = await store.createModelVersion(name, `${run.info.artifact_uri.replace(/\/$/, '')}/model`, runId);
      await store.setAlias(name, CHAMPION, version.version);
    }
    const rows = await predict();
    expect(rows.map((r) => Number(r.athlete_id))).toEqual(runners);
    for (const r of rows) {
      // The model serves athletes with 10 runs or more; the others get Riegel with Riegel's training-error interval.
      expect(r.prediction_source).toBe(Number(r.n_runs_to_date) >= 10 ? 'model' : 'riegel_fallback');
      expectOrderedTimes(r);
      for (const d of DISTANCE_KEYS) {
        const [p10, sec, p90] = [r[`predicted_${d}_sec_p10`], r[`predicted_${d}_sec`], r[`predicted_${d}_sec_p90`]].map(Number);
        expect(p10).toBeLessThanOrEqual(sec);
        expect(sec).toBeLessThanOrEqual(p90);
      }
    }
    expect(rows.filter((r) => r.prediction_source === 'model').length).toBeGreaterThan(0);

    // The summary's block: one line of times and one of intervals per athlete, within 100 columns.
    const project = mlProject(dir, { vars });
    const adapter = await project.open();
    const report = predictionsReport((await latestPredictions(adapter, project.tables))!);
    await adapter.close();
    expect(report.split('\n').filter((l) => l.includes('p10-p90'))).toHaveLength(runners.length);
    expect(Math.max(...report.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);

    const second = await trainIfNoChampion({ projectDir: dir, vars, store, log: quiet });
    expect(second).toEqual({ skipped: true, champions: { [ESTIMATOR_MODEL]: '1', [DETECTOR_MODEL]: '1' } });
    expect(await runs(ESTIMATOR_EXPERIMENT)).toBe(1);
    expect(await runs(DETECTOR_EXPERIMENT)).toBe(1);

    // The CLI flag the Databricks job passes: one line, exit 0, still no new run.
    const cli = spawnSync(process.execPath, [join(REPO, 'bin', 'stride.mjs'), 'train', '--if-no-champion', '--project-dir', dir], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, MLFLOW_TRACKING_URI: '' },
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(`training skipped (--if-no-champion): both models have a champion (${ESTIMATOR_MODEL} v1, ${DETECTOR_MODEL} v1)\n`);
    expect(await runs(ESTIMATOR_EXPERIMENT)).toBe(1);
  }, 60_000);
});
