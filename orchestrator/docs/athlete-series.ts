import type { Row } from '../adapters/adapter.ts';
import type { AthleteLatest, AthletePrediction, DailySeries, RaceMarker, WeekBar, ZoneDistribution } from './site-model.ts';

/** Distances of gold.athlete_predictions, column key and heading. */
export const PREDICTED_DISTANCES: [string, string][] = [
  ['5k', '5K'],
  ['10k', '10K'],
  ['21k', 'Half marathon'],
  ['42k', 'Marathon'],
];

const DAY_MS = 86_400_000;

/** A number rounded for the page (3 decimals keep every chart exact to the pixel), or null. */
export function num(v: unknown, digits = 3): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A finite number unrounded (times are rounded once, to the second, where shown), or null. */
export function finite(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** `--as-of`: a real calendar day written YYYY-MM-DD, or an error saying what was given. */
export function checkAsOf(value: string): string {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  // Date.parse rolls 2023-02-29 over to March; reading the day back catches it.
  const ok = Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (!ok) throw new Error(`--as-of must be a day written YYYY-MM-DD, not '${value}'`);
  return value;
}

/** The day N days before a YYYY-MM-DD day. */
export function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** One athlete's rows of athlete_rolling_features, ordered by day, as chart series. */
export function dailySeries(rows: Row[]): DailySeries {
  return {
    dates: rows.map((r) => String(r.day)),
    ctl: rows.map((r) => num(r.ctl_42d)),
    atl: rows.map((r) => num(r.atl_7d)),
    tsb: rows.map((r) => num(r.tsb)),
    tss: rows.map((r) => num(r.daily_tss, 1)),
    acwr: rows.map((r) => num(r.acwr)),
    warmup: rows.map((r) => r.is_warmup === true),
    risk: rows.map((r) => r.is_overtraining_risk === true),
  };
}

/** The last day of the series as the athlete's current state. */
export function latestState(rows: Row[]): AthleteLatest {
  const r = rows[rows.length - 1];
  return {
    asOf: String(r.day),
    days: Number(r.days_of_history),
    ctl: num(r.ctl_42d, 1),
    atl: num(r.atl_7d, 1),
    tsb: num(r.tsb, 1),
    acwr: num(r.acwr, 2),
    warmup: r.is_warmup === true,
    risk: r.is_overtraining_risk === true,
    detectorRisk: false,
  };
}

/** Races placed on the chart's days; a race on a day the chart does not show is left out. */
export function raceMarkers(races: Row[], dates: string[]): RaceMarker[] {
  const index = new Map(dates.map((d, i) => [d, i]));
  return races
    .filter((r) => index.has(String(r.day)))
    .map((r) => ({
      date: String(r.day),
      index: index.get(String(r.day))!,
      sportType: String(r.sport_type ?? ''),
      distanceKm: num(r.distance_km, 2) ?? 0,
      movingTimeSec: Math.round(Number(r.moving_time_min ?? 0) * 60),
    }));
}

/**
 * Weekly volume and the intensity split of the minutes with heart rate: zones 1-2 and 4-5
 * come from athlete_weekly_features, zone 3 is the rest of the 100 %.
 */
export function weekBars(rows: Row[]): WeekBar[] {
  return rows.map((r) => {
    const low = num(r.pct_time_z1_z2, 1);
    const high = num(r.pct_time_z4_z5, 1);
    const known = low !== null && high !== null;
    return {
      weekStart: String(r.week_start),
      daysInWeek: Number(r.days_in_week),
      distanceKm: num(r.distance_km, 1) ?? 0,
      runDistanceKm: num(r.run_distance_km, 1) ?? 0,
      hours: num(Number(r.moving_time_min ?? 0) / 60, 2) ?? 0,
      tss: num(r.weekly_tss, 1) ?? 0,
      lowPct: known ? low : null,
      moderatePct: known ? num(Math.max(0, 100 - low - high), 1) : null,
      highPct: known ? high : null,
    };
  });
}

/** Minutes in each heart-rate zone over every day, and over the last 28 days up to `lastDay`. */
export function zoneDistribution(rows: Row[], lastDay: string): ZoneDistribution {
  const from = daysBefore(lastDay, 27);
  const all = [0, 0, 0, 0, 0];
  const recent = [0, 0, 0, 0, 0];
  for (const r of rows) {
    const day = String(r.day);
    for (let z = 0; z < 5; z++) {
      const minutes = Number(r[`hr_zone_${z + 1}_min`] ?? 0) || 0;
      all[z] += minutes;
      if (day >= from && day <= lastDay) recent[z] += minutes;
    }
  }
  return { allMinutes: all.map((m) => num(m, 1)!), last28Minutes: recent.map((m) => num(m, 1)!) };
}

/** A row of gold.athlete_predictions as the page's table: each distance with its interval and the Riegel baseline. */
export function predictionOf(r: Row): AthletePrediction {
  return {
    asOf: String(r.day),
    source: String(r.prediction_source ?? ''),
    nRuns: num(r.n_runs_to_date, 0),
    estimatorVersion: (r.time_estimator_version as string | null) ?? null,
    detectorVersion: (r.overtraining_detector_version as string | null) ?? null,
    baselineMethod: (r.baseline_method as string | null) ?? null,
    overtrainingProbability: num(r.overtraining_probability),
    isOvertrainingRisk: typeof r.is_overtraining_risk === 'boolean' ? r.is_overtraining_risk : null,
    cells: PREDICTED_DISTANCES.map(([key, label]) => ({
      distance: label,
      seconds: finite(r[`predicted_${key}_sec`]),
      p10: finite(r[`predicted_${key}_sec_p10`]),
      p90: finite(r[`predicted_${key}_sec_p90`]),
      baseline: finite(r[`baseline_${key}_sec`]),
    })),
  };
}

/** Rows of many athletes, ordered by athlete, as one list per athlete id. */
export function byAthlete(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const id = String(r.athlete_id);
    const list = out.get(id);
    if (list) list.push(r);
    else out.set(id, [r]);
  }
  return out;
}
