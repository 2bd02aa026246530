import { DISTANCE_KEYS } from '../shared/distances.ts';
import type { EstimatorEvaluation } from '../time_estimator/evaluate.ts';
import type { DetectorEvaluation } from '../overtraining_detector/train.ts';

const f = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/** The evaluation table: model vs Riegel vs VDOT per distance on the same held-out races. */
export function estimatorTable(e: EstimatorEvaluation): string {
  const lines = ['distance  n    model MAE  RMSE   MAPE  bias%  cover | Riegel MAE  MAPE  bias% | VDOT MAE  MAPE  bias%'];
  for (const d of [...DISTANCE_KEYS, 'all'] as const) {
    const b = d === 'all' ? e.overall : e.perDistance[d];
    if (!b) continue;
    lines.push(
      `${d.padEnd(8)} ${String(b.model.n).padStart(4)} ${f(b.model.mae).padStart(9)} ${f(b.model.rmse).padStart(6)} ${f(b.model.mape, 2).padStart(6)} ${f(b.model.bias_pct, 2).padStart(6)} ${f(b.coverage).padStart(6)} | ${f(b.riegel.mae).padStart(10)} ${f(b.riegel.mape, 2).padStart(5)} ${f(b.riegel.bias_pct, 2).padStart(6)} | ${f(b.vdot.mae).padStart(8)} ${f(b.vdot.mape, 2).padStart(5)} ${f(b.vdot.bias_pct, 2).padStart(6)}`,
    );
  }
  return lines.join('\n');
}

export function detectorLine(e: DetectorEvaluation): string {
  const m = (x: { precision: number; recall: number; f1: number }) => `P ${f(x.precision, 3)} R ${f(x.recall, 3)} F1 ${f(x.f1, 3)}`;
  return `AUC ${f(e.auc, 3)} on ${e.rows} days (${e.positives} before a break) | model ${m(e.model)} | rule ${m(e.rule)} | rule OR model ${m(e.combined)}`;
}
