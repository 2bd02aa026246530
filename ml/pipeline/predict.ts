import type { Adapter, Row } from '../../orchestrator/adapters/adapter.ts';
import { detectorRows, detectorVector } from '../overtraining_detector/dataset.ts';
import { predictProbabilities, type DetectorSpec } from '../overtraining_detector/train.ts';
import { DISTANCE_KEYS } from '../shared/distances.ts';
import { daySpineSql, pointInTimeFeatures, raceSpineSql } from '../shared/point-in-time.ts';
import type { MlProject } from '../shared/project-tables.ts';
import type { EstimatorSpec } from '../time_estimator/bundle.ts';
import { pastRacesFrom, raceExamples } from '../time_estimator/dataset.ts';
import { riegelIntervalBefore, type RiegelInterval, type RiegelResidual } from '../time_estimator/riegel-calibration.ts';
import { fallbackPrediction } from '../time_estimator/fallback.ts';
import { featureVector } from '../time_estimator/features.ts';
import { predictTimes } from '../time_estimator/inference.ts';
import type { TrackingStore } from '../tracking/types.ts';
import { CHAMPION, DETECTOR_MODEL, ESTIMATOR_MODEL } from './context.ts';
import { loadAliasedModel } from './model-artifacts.ts';
import { writePredictions, type PredictionRow } from './predictions-table.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export interface PredictSummary {
  rows: number;
  athletes: number;
  modelRows: number;
  fallbackRows: number;
  estimatorVersion?: string;
  detectorVersion?: string;
  seconds: number;
}

/**
 * Writes gold athlete_predictions for every athlete and as-of day in [from, to] with the
 * champion models. Each day sees only what was known at its end: the rolling row of that
 * day, runs and races up to it, the best effort of the 90 days up to it.
 */
export async function predictRange(adapter: Adapter, project: Pick<MlProject, 'tables' | 'compiled'>, store: TrackingStore, from: string, to: string, now = new Date()): Promise<PredictSummary> {
  const { tables } = project;
  if (!DATE.test(from) || !DATE.test(to)) throw new Error(`dates must be YYYY-MM-DD, got '${from}' and '${to}'`);
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  const t0 = performance.now();
  const estimator = await loadAliasedModel<EstimatorSpec>(store, ESTIMATOR_MODEL, CHAMPION);
  const detector = await loadAliasedModel<DetectorSpec>(store, DETECTOR_MODEL, CHAMPION);
  const { rows: spine } = await pointInTimeFeatures(adapter, project, daySpineSql(tables, from, to));
  // Without a champion the races' point-in-time rows also give Riegel's past errors: read them once.
  const raceRows = estimator ? await adapter.query(raceSpineSql(tables)) : (await pointInTimeFeatures(adapter, project, raceSpineSql(tables))).rows;
  const past = pastRacesFrom(raceRows);
  const vectors = spine.map((r) => featureVector(r, past));
  const minRuns = estimator?.spec.minRunsForModel ?? Infinity;
  const useModel = spine.map((r, i) => !!estimator && !!vectors[i] && Number(r.n_runs_before) >= minRuns);
  const modelInputs = vectors.filter((v, i) => useModel[i]) as NonNullable<(typeof vectors)[number]>[];
  const modelTimes = estimator ? predictTimes(estimator.model, estimator.spec, modelInputs) : [];
  const riegelInterval = estimator ? undefined : riegelIntervals(raceRows);

  const detectorByKey = new Map<string, Row>((await detectorRows(adapter, tables, from, to)).map((r) => [`${r.athlete_id}|${day(r.as_of_date)}`, r]));
  const detectorKeys = [...detectorByKey.keys()];
  const probabilities = detector ? predictProbabilities(detector.model, detector.spec.scaler, detectorKeys.map((k) => detectorVector(detectorByKey.get(k)!))) : [];
  const probability = new Map(detectorKeys.map((k, i) => [k, probabilities[i]]));

  let next = 0;
  const rows: PredictionRow[] = spine.map((r, i) => {
    const key = `${r.athlete_id}|${day(r.as_of_date)}`;
    const v = vectors[i];
    const times = useModel[i] ? modelTimes[next++] : v ? fallbackPrediction(estimator?.spec, v.riegel, riegelInterval?.(r.event_local)) : undefined;
    const rule = Boolean(detectorByKey.get(key)?.is_overtraining_risk ?? r.is_overtraining_risk);
    const p = probability.get(key);
    const row: PredictionRow = {
      athlete_id: Number(r.athlete_id),
      as_of_date: day(r.as_of_date),
      prediction_source: !v ? 'none' : useModel[i] ? 'model' : 'riegel_fallback',
      is_riegel_fallback: !!v && !useModel[i],
      n_runs_to_date: Number(r.n_runs_before),
      baseline_method: v ? 'riegel_1.06_best_effort_90d' : null,
      overtraining_probability: p ?? null,
      is_overtraining_risk_rule: rule,
      is_overtraining_risk: rule || (p !== undefined && detector !== undefined && p >= detector.spec.threshold),
      time_estimator_version: useModel[i] ? `${ESTIMATOR_MODEL}/${estimator!.version}` : null,
      overtraining_detector_version: detector && p !== undefined ? `${DETECTOR_MODEL}/${detector.version}` : null,
      predicted_at: now.toISOString().replace('T', ' ').replace('Z', ''),
    };
    for (const d of DISTANCE_KEYS) {
      row[`predicted_${d}_sec`] = times ? times[d].sec : null;
      row[`predicted_${d}_sec_p10`] = times ? times[d].p10 : null;
      row[`predicted_${d}_sec_p90`] = times ? times[d].p90 : null;
      row[`baseline_${d}_sec`] = v ? v.riegel[d] : null;
    }
    return row;
  });
  estimator?.model.dispose();
  detector?.model.dispose();
  await writePredictions(adapter, tables, from, to, rows);
  return {
    rows: rows.length,
    athletes: new Set(rows.map((r) => r.athlete_id)).size,
    modelRows: rows.filter((r) => r.prediction_source === 'model').length,
    fallbackRows: rows.filter((r) => r.is_riegel_fallback).length,
    estimatorVersion: estimator?.version,
    detectorVersion: detector?.version,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Without a champion: Riegel's interval as of each spine event, from the errors Riegel made
 * on the races run before it (point-in-time, memoised per event time).
 */
function riegelIntervals(raceRows: Row[]): (event: unknown) => RiegelInterval {
  const residuals: RiegelResidual[] = raceExamples(raceRows).map((e) => ({ at: e.at, distance: e.distance, logRatio: Math.log(e.timeSec / e.riegel[e.distance]) }));
  const memo = new Map<number, RiegelInterval>();
  return (event) => {
    const at = new Date(event as string | Date).getTime();
    if (!memo.has(at)) memo.set(at, riegelIntervalBefore(residuals, at));
    return memo.get(at)!;
  };
}
