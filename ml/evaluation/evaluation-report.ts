import { DISTANCE_KEYS } from '../shared/distances.ts';
import { detectorLine, estimatorTable } from '../pipeline/report.ts';
import type { ChampionEvaluation, EstimatorChampionEvaluation } from './evaluate-champion.ts';

const f = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** Both champions' scores on the project's data. */
export function championEvaluationReport(e: ChampionEvaluation): string {
  const parts: string[] = [];
  parts.push(e.estimator ? estimatorReport(e.estimator) : 'time estimator: no champion to evaluate');
  if (e.detector) {
    parts.push(
      `overtraining detector v${e.detector.modelVersion} (trained on ${e.detector.trainedOn} labels), scored on the proxy label` +
        ` (a stop of 7+ days starting within the next 14 days):\n${detectorLine(e.detector.evaluation)}`,
    );
  } else {
    parts.push('overtraining detector: no champion to evaluate');
  }
  return parts.join('\n\n');
}

/** The estimator's scores on the project's races: the funnel, model vs Riegel vs VDOT, then vs the last race. */
function estimatorReport(e: EstimatorChampionEvaluation): string {
  const { funnel } = e;
  const lines = [
    `time estimator v${e.modelVersion} on this project's races`,
    `races: ${funnel.races} flagged is_race, ${funnel.atStandardDistance} within 3 % of 5K/10K/21.1K/42.2K, ${funnel.withBestEffort} with a best effort in the 90 days before, ${funnel.scored} scored (${funnel.tooSlow} dropped as run well below race effort)`,
  ];
  if (funnel.scored === 0) return [...lines, 'nothing to score'].join('\n');
  lines.push('', estimatorTable(e.evaluation));
  const withLast = DISTANCE_KEYS.filter((d) => e.lastRace[d]);
  if (withLast.length) {
    lines.push('', 'races with an earlier race at the same distance in the year before (same rows):');
    lines.push('distance  n    model MAE  MAPE  bias% | last race MAE  MAPE  bias% | Riegel MAE  MAPE  bias%');
    for (const d of withLast) {
      const c = e.lastRace[d]!;
      lines.push(
        `${d.padEnd(8)} ${String(c.model.n).padStart(4)} ${f(c.model.mae).padStart(9)} ${f(c.model.mape, 2).padStart(5)} ${f(c.model.bias_pct, 2).padStart(6)} | ${f(c.lastRace.mae).padStart(13)} ${f(c.lastRace.mape, 2).padStart(5)} ${f(c.lastRace.bias_pct, 2).padStart(6)} | ${f(c.riegel.mae).padStart(10)} ${f(c.riegel.mape, 2).padStart(5)} ${f(c.riegel.bias_pct, 2).padStart(6)}`,
      );
    }
  }
  return lines.join('\n');
}
