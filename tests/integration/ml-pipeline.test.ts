import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { textReporter } from '../../orchestrator/run/reporter.ts';
import { simulate } from '../../orchestrator/simulate/index.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { CHAMPION, ESTIMATOR_MODEL } from '../../ml/pipeline/context.ts';
import { predictRange } from '../../ml/pipeline/predict.ts';
import { evaluateChampions } from '../../ml/evaluation/evaluate-champion.ts';
import { championEvaluationReport } from '../../ml/evaluation/evaluation-report.ts';
import { detectorRowsSql } from '../../ml/overtraining_detector/dataset.ts';
import { trainAll } from '../../ml/pipeline/train.ts';
import { pointInTimeFeatures, raceSpineSql } from '../../ml/shared/point-in-time.ts';
import { mlProject } from '../../ml/shared/project-tables.ts';
import { FileStore } from '../../ml/tracking/file-store.ts';
import { copyStrideProject } from '../helpers/project-copy.ts';

const AS_OF = '2026-11-22';
const quiet = { log: () => undefined };

async function buildFeatures(projectDir: string, adapter: DuckDBAdapter): Promise<void> {
  const options = { projectDir, adapter, reporter: textReporter(() => undefined), vars: { as_of_date: AS_OF } };
  await runCommand('seed', options);
  const run = await runCommand('run', options);
  expect(run.success).toBe(true);
}

describe('ML pipeline on 200 simulated athletes (3 years)', () => {
  let dir: string;
  let adapter: DuckDBAdapter;
  let store: FileStore;
  const out = mkdtempSync(join(tmpdir(), 'stride-ml-sim-'));

  beforeAll(async () => {
    await simulate({ athletes: 200, years: 3, seed: 7, out, groundTruth: 'summary' });
    dir = copyStrideProject({ strava_activities: join(out, 'strava_activities.csv'), strava_sub_activity: join(out, 'strava_sub_activity.csv'), athlete_settings: join(out, 'athlete_settings.csv') });
    adapter = await DuckDBAdapter.open({ path: ':memory:' });
    await buildFeatures(dir, adapter);
    store = new FileStore(join(dir, 'mlruns'));
  }, 300_000);
  afterAll(async () => adapter?.close());

  it('reads race features point-in-time: a race on day D sees the rolling row of D - 1 and only earlier runs', async () => {
    const project = mlProject(dir);
    const { tables } = project;
    const { rows } = await pointInTimeFeatures(adapter, project, raceSpineSql(tables));
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows.filter((x) => x.features_as_of !== null)) {
      const raceDay = new Date(r.event_local as Date).toISOString().slice(0, 10);
      const seen = new Date(r.features_as_of as Date).toISOString().slice(0, 10);
      expect(seen < raceDay).toBe(true);
    }
    const [check] = await adapter.query(`
      with spine as (${raceSpineSql(tables)})
      select count(*) as leaks from spine s join ${tables.rolling} f
        on f.athlete_id = s.athlete_id and f.as_of_date = cast(s.event_local as date) and f.feature_available_at <= s.event_local`);
    expect(Number(check.leaks)).toBe(0);
  });

  it('passes the gate on held-out athletes, registers a champion, and moves it only on improvement', async () => {
    const first = await trainAll({ projectDir: dir, adapter, store, groundTruthDir: join(out, 'ground_truth'), vars: { as_of_date: AS_OF }, ...quiet });
    const e = first.estimator;
    const tenK = e.best.test.perDistance['10k']!;
    expect(e.best.test.gate.passed).toBe(true);
    expect(tenK.model.n).toBeGreaterThanOrEqual(10);
    expect(tenK.model.mae).toBeLessThan(180);
    expect(tenK.model.mae).toBeLessThan(tenK.riegel.mae);
    expect(e.best.test.overall.coverage).toBeGreaterThanOrEqual(72);
    expect(e.best.test.overall.coverage).toBeLessThanOrEqual(88);
    expect(e.version?.version).toBe('1');
    expect((await store.getVersionByAlias(ESTIMATOR_MODEL, CHAMPION))?.version).toBe('1');
    // the detector adds flags to the rule: rule OR model catches at least what the rule does
    expect(first.detector.test.combined.recall).toBeGreaterThanOrEqual(first.detector.test.rule.recall);

    const second = await trainAll({ projectDir: dir, adapter, store, vars: { as_of_date: AS_OF }, ...quiet });
    const s = second.estimator;
    expect(s.version?.version).toBe('2');
    expect(s.championScoreBefore).toBeCloseTo(e.best.test.overall.model.mape, 9); // v1 re-scored on the same races
    const expected = s.best.test.overall.model.mape < s.championScoreBefore! ? '2' : '1';
    expect((await store.getVersionByAlias(ESTIMATOR_MODEL, CHAMPION))?.version).toBe(expected);
    expect(s.promoted).toBe(expected === '2');
  }, 400_000);

  it("scores the champions on the project's data: every race accounted for, the detector on the proxy label", async () => {
    const project = mlProject(dir);
    const { tables } = project;
    const e = await evaluateChampions(adapter, project, store);
    const est = e.estimator!;
    const [races] = await adapter.query(`select count(*) as n from ${tables.activity} where is_race and is_run and distance_km > 0 and moving_time_min > 0`);
    expect(est.funnel.races).toBe(Number(races.n));
    expect(est.funnel.atStandardDistance).toBeLessThanOrEqual(est.funnel.races);
    expect(est.funnel.withBestEffort).toBeLessThanOrEqual(est.funnel.atStandardDistance);
    expect(est.funnel.scored + est.funnel.tooSlow).toBe(est.funnel.withBestEffort);
    expect(est.evaluation.rows).toBe(est.funnel.scored);
    for (const [d, c] of Object.entries(est.lastRace)) {
      expect(c!.model.n).toBe(c!.lastRace.n);
      expect(c!.model.n).toBeLessThanOrEqual(est.evaluation.perDistance[d as '10k']!.model.n);
    }
    const det = e.detector!;
    const [days] = await adapter.query(`with r as (${detectorRowsSql(tables)}) select count(*) as n, count(*) filter (where proxy_label) as positives from r where label_known and rest_days_7d < 7`);
    expect(det.evaluation.rows).toBe(Number(days.n));
    expect(det.evaluation.positives).toBe(Number(days.positives));
    const report = championEvaluationReport(e);
    expect(report).toContain(`races: ${est.funnel.races} flagged is_race`);
    expect(report).toContain(`overtraining detector v${det.modelVersion} (trained on ${det.trainedOn} labels)`);
    expect(report).toContain(`on ${det.evaluation.rows} days (${det.evaluation.positives} before a break)`);
  }, 120_000);

  it('writes gold.athlete_predictions for every athlete-day of a range with the champion', async () => {
    const project = mlProject(dir);
    const { tables } = project;
    const summary = await predictRange(adapter, project, store, '2026-11-16', AS_OF);
    const [expected] = await adapter.query(`select count(*) as n from ${tables.rolling} where as_of_date between date '2026-11-16' and date '${AS_OF}'`);
    expect(summary.rows).toBe(Number(expected.n));
    expect(summary.modelRows).toBeGreaterThan(summary.rows * 0.8);
    const [check] = await adapter.query(`select
        count(*) filter (where predicted_10k_sec_p10 > predicted_10k_sec or predicted_10k_sec > predicted_10k_sec_p90) as unordered,
        count(*) filter (where is_overtraining_risk_rule and not is_overtraining_risk) as rule_removed,
        count(*) - count(distinct (athlete_id, as_of_date)) as duplicates,
        count(*) filter (where prediction_source = 'model' and time_estimator_version is null) as unversioned,
      from ${tables.predictions}`);
    expect(check).toEqual({ unordered: 0, rule_removed: 0, duplicates: 0, unversioned: 0 });
    // a re-run of the same range replaces its rows
    await predictRange(adapter, project, store, '2026-11-16', AS_OF);
    const [again] = await adapter.query(`select count(*) as n from ${tables.predictions}`);
    expect(Number(again.n)).toBe(summary.rows);
  }, 120_000);
});

describe('ML pipeline on the sample seeds', () => {
  it('trains in under a minute and fills predictions, Riegel-flagged while no version passes the gate', async () => {
    const dir = copyStrideProject();
    const adapter = await DuckDBAdapter.open({ path: ':memory:' });
    try {
      await buildFeatures(dir, adapter);
      const store = new FileStore(join(dir, 'mlruns'));
      const result = await trainAll({ projectDir: dir, adapter, store, vars: { as_of_date: AS_OF }, ...quiet });
      expect(result.seconds).toBeLessThan(60);
      expect((await store.searchRuns([await store.getOrCreateExperiment('stride-time-estimator')])).length).toBe(1);
      const project = mlProject(dir);
      const { tables } = project;
      const summary = await predictRange(adapter, project, store, AS_OF, AS_OF);
      expect(summary.rows).toBe(8);
      if (!result.estimator.version) expect(summary.modelRows).toBe(0);
      const rows = await adapter.query(`select athlete_id, prediction_source, n_runs_to_date, predicted_10k_sec, baseline_10k_sec from ${tables.predictions}`);
      for (const r of rows) {
        if (r.prediction_source === 'riegel_fallback') expect(r.predicted_10k_sec).toBe(r.baseline_10k_sec);
        if (Number(r.n_runs_to_date) < 10 && r.prediction_source !== 'none') expect(r.prediction_source).toBe('riegel_fallback');
      }
    } finally {
      await adapter.close();
    }
  }, 180_000);
});
