import type { Adapter, Row } from '../../orchestrator/adapters/adapter.ts';
import { DISTANCE_KEYS } from '../shared/distances.ts';
import { MIN_RUNS_FOR_MODEL } from '../time_estimator/config.ts';
import { MIN_CALIBRATION_RACES } from '../time_estimator/riegel-calibration.ts';
import type { MlTables } from '../shared/project-tables.ts';

/**
 * Each athlete's row of the latest as-of day in gold.athlete_predictions, up to `asOf`
 * (YYYY-MM-DD) when given; undefined when `stride predict` has not written the table.
 */
export async function latestPredictions(adapter: Adapter, tables: MlTables, asOf?: string): Promise<Row[] | undefined> {
  if (!(await adapter.relationKind(tables.predictionsName))) return undefined;
  const times = DISTANCE_KEYS.flatMap((d) => [`predicted_${d}_sec`, `predicted_${d}_sec_p10`, `predicted_${d}_sec_p90`]);
  return adapter.query(
    `select athlete_id, cast(as_of_date as ${adapter.dialect.stringType}) as as_of_date, prediction_source, n_runs_to_date, time_estimator_version, ${times.join(', ')}
     from ${tables.predictions}
     ${asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `where as_of_date <= date '${asOf}'` : ''}
     qualify row_number() over (partition by athlete_id order by as_of_date desc) = 1
     order by athlete_id`,
  );
}

const num = (v: unknown): number | undefined => (v === null || v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v));

/** Seconds as h:mm:ss, rounded to the second: 1234.6 -> 0:20:35. */
export function hms(seconds: number): string {
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

const LABELS: Record<string, string> = { model: 'model', riegel_fallback: 'Riegel', none: 'none' };
const HEADINGS: Record<string, string> = { '5k': '5K', '10k': '10K', '21k': '21K', '42k': '42K' };

/**
 * The summary's predictions block: per athlete one line of predicted times and, when the row
 * has one, a second line with the 80 % interval below each time; then what each source means,
 * so a Riegel fallback is never read as a model's prediction. About 90 columns wide.
 */
export function predictionsReport(rows: Row[]): string {
  const days = [...new Set(rows.map((r) => String(r.as_of_date)))];
  const withDay = days.length > 1;
  if (rows.length === 0) return 'Predicted race times: gold.athlete_predictions has no rows yet';
  const lines: string[][] = [];
  for (const r of rows) {
    const source = String(r.prediction_source);
    const at = (d: string, suffix = '') => num(r[`predicted_${d}_sec${suffix}`]);
    lines.push([String(r.athlete_id), ...(withDay ? [String(r.as_of_date)] : []), LABELS[source] ?? source, ...DISTANCE_KEYS.map((d) => (at(d) === undefined ? '-' : hms(at(d)!)))]);
    if (DISTANCE_KEYS.some((d) => at(d, '_p10') !== undefined)) {
      const interval = (d: string) => (at(d, '_p10') === undefined || at(d, '_p90') === undefined ? '-' : `${hms(at(d, '_p10')!)}-${hms(at(d, '_p90')!)}`);
      lines.push(['', ...(withDay ? [''] : []), 'p10-p90', ...DISTANCE_KEYS.map(interval)]);
    }
  }
  const header = ['athlete', ...(withDay ? ['as of'] : []), 'source', ...DISTANCE_KEYS.map((d) => HEADINGS[d])];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const sources = new Set(rows.map((r) => String(r.prediction_source)));
  const fallbacks = rows.filter((r) => r.prediction_source === 'riegel_fallback');
  const versions = [...new Set(rows.map((r) => r.time_estimator_version).filter((v) => v))];
  const notes: string[] = [];
  if (sources.has('model')) notes.push(`model   = the champion time estimator (${versions.join(', ')}): its median, with its 80 % interval`);
  // A short history (under 10 runs) falls back even with a champion; a longer one only without.
  const shortHistory = fallbacks.filter((r) => Number(r.n_runs_to_date) < MIN_RUNS_FOR_MODEL);
  if (fallbacks.length > 0) {
    notes.push('Riegel  = Riegel fallback, not a model prediction: Riegel times (exponent 1.06) from the best');
    notes.push(
      shortHistory.length === fallbacks.length
        ? `          effort of the last 90 days; fewer than ${MIN_RUNS_FOR_MODEL} runs to date for the model`
        : '          effort of the last 90 days; there was no champion time estimator (none trained yet, or no\n          version passed the registration gate)',
    );
    notes.push(
      fallbacks.some((r) => num(r.predicted_10k_sec_p10) !== undefined)
        ? "          the interval is the spread of Riegel's errors on earlier races"
        : `          with no interval: fewer than ${MIN_CALIBRATION_RACES} races known to measure Riegel's errors on`,
    );
  }
  if (sources.has('none')) notes.push('none    = no run of 3 km or more in the last 90 days: no prediction');
  const title = `Predicted race times, h:mm:ss (gold.athlete_predictions${withDay ? '' : `, as of ${days[0]}`})`;
  return [title, fmt(header), ...lines.map(fmt), ...notes].join('\n');
}
