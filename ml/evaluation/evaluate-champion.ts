import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import { DISTANCE_KEYS, matchRaceDistance, type DistanceKey } from '../shared/distances.ts';
import { regressionMetrics, type RegressionMetrics } from '../shared/metrics.ts';
import { pointInTimeFeatures, raceSpineSql } from '../shared/point-in-time.ts';
import type { MlProject } from '../shared/project-tables.ts';
import type { EstimatorSpec } from '../time_estimator/bundle.ts';
import { isRaceEffort, pastRacesFrom, raceExamples } from '../time_estimator/dataset.ts';
import { evaluateEstimator, servedTimes, type EstimatorEvaluation } from '../time_estimator/evaluate.ts';
import { lastRaceTime } from '../time_estimator/last-race-baseline.ts';
import { CHAMPION, DETECTOR_MODEL, ESTIMATOR_MODEL } from '../pipeline/context.ts';
import { detectorRows } from '../overtraining_detector/dataset.ts';
import { detectorExamples, evaluateDetector, type DetectorEvaluation, type DetectorSpec } from '../overtraining_detector/train.ts';
import { loadAliasedModel } from '../pipeline/model-artifacts.ts';
import type { TrackingStore } from '../tracking/types.ts';

/** Model and the runner's last race at the distance, on the races that have one. */
export interface LastRaceComparison {
  model: RegressionMetrics;
  lastRace: RegressionMetrics;
  riegel: RegressionMetrics;
}

/** How many races each step kept: the funnel from `is_race` runs to scored rows. */
export interface RaceFunnel {
  races: number;
  atStandardDistance: number;
  withBestEffort: number;
  scored: number;
  /** Dropped as slower than their Riegel prediction allows (a race run as training). */
  tooSlow: number;
}

export interface EstimatorChampionEvaluation {
  modelVersion: string;
  funnel: RaceFunnel;
  /** Every scored race: none of them was seen in training. */
  evaluation: EstimatorEvaluation;
  lastRace: Partial<Record<DistanceKey, LastRaceComparison>>;
}

export interface DetectorChampionEvaluation {
  modelVersion: string;
  /** What the champion was trained on; here it is scored on the observable proxy. */
  trainedOn: DetectorSpec['labelSource'];
  evaluation: DetectorEvaluation;
}

export interface ChampionEvaluation {
  estimator?: EstimatorChampionEvaluation;
  detector?: DetectorChampionEvaluation;
}

/**
 * Scores the champion models on all of the project's data: for data they were not trained
 * on (another runner's import), every row is held out. At least one champion must exist.
 */
export async function evaluateChampions(adapter: Adapter, project: Pick<MlProject, 'tables' | 'compiled'>, store: TrackingStore): Promise<ChampionEvaluation> {
  const [estimator, detector] = [await evaluateEstimatorChampion(adapter, project, store), await evaluateDetectorChampion(adapter, project, store)];
  if (!estimator && !detector) {
    throw new Error(`no '${CHAMPION}' version of ${ESTIMATOR_MODEL} or ${DETECTOR_MODEL} in the tracking store: run \`stride train\` first (or point MLFLOW_TRACKING_URI at a store that has one)`);
  }
  return { estimator, detector };
}

/**
 * The overtraining detector on every athlete-day whose next 14 days are known, labelled by
 * the observable proxy (a stop of 7+ days starting within them), beside the ACWR rule.
 */
async function evaluateDetectorChampion(adapter: Adapter, project: Pick<MlProject, 'tables' | 'compiled'>, store: TrackingStore): Promise<DetectorChampionEvaluation | undefined> {
  const champion = await loadAliasedModel<DetectorSpec>(store, DETECTOR_MODEL, CHAMPION);
  if (!champion) return undefined;
  try {
    const examples = detectorExamples(await detectorRows(adapter, project.tables), (r) => Boolean(r.proxy_label));
    return { modelVersion: champion.version, trainedOn: champion.spec.labelSource, evaluation: evaluateDetector(champion.model, champion.spec, examples) };
  } finally {
    champion.model.dispose();
  }
}

/**
 * The race-time estimator on every labelled race, beside Riegel, VDOT and the runner's last
 * race at the distance, on the same rows.
 */
async function evaluateEstimatorChampion(adapter: Adapter, project: Pick<MlProject, 'tables' | 'compiled'>, store: TrackingStore): Promise<EstimatorChampionEvaluation | undefined> {
  const champion = await loadAliasedModel<EstimatorSpec>(store, ESTIMATOR_MODEL, CHAMPION);
  if (!champion) return undefined;
  try {
    const { rows } = await pointInTimeFeatures(adapter, project, raceSpineSql(project.tables));
    const all = raceExamples(rows, 'stride', true);
    const kept = all.filter(isRaceEffort);
    const funnel: RaceFunnel = {
      races: rows.length,
      atStandardDistance: rows.filter((r) => matchRaceDistance(Number(r.race_km))).length,
      withBestEffort: all.length,
      scored: kept.length,
      tooSlow: all.length - kept.length,
    };
    const served = servedTimes(champion.model, champion.spec, kept);
    const evaluation = evaluateEstimator(champion.model, champion.spec, kept, served);
    const past = pastRacesFrom(rows);
    const lastRace: EstimatorChampionEvaluation['lastRace'] = {};
    for (const d of DISTANCE_KEYS) {
      const rowsWithLast = kept.flatMap((e, i) => {
        const last = lastRaceTime(e, past);
        return e.distance === d && last !== undefined ? [{ i, last }] : [];
      });
      if (rowsWithLast.length === 0) continue;
      const actual = rowsWithLast.map(({ i }) => kept[i].timeSec);
      lastRace[d] = {
        model: regressionMetrics(rowsWithLast.map(({ i }) => served[i][d].sec), actual),
        lastRace: regressionMetrics(rowsWithLast.map(({ last }) => last), actual),
        riegel: regressionMetrics(rowsWithLast.map(({ i }) => kept[i].riegel[d]), actual),
      };
    }
    return { modelVersion: champion.version, funnel, evaluation, lastRace };
  } finally {
    champion.model.dispose();
  }
}
