import type { Adapter } from '../adapters/adapter.ts';
import type { RelationName } from '../adapters/dialect.ts';
import type { CompiledProject, ModelNode, SourceNode } from '../compile/nodes.ts';
import { byAthlete, dailySeries, latestState, predictionOf, raceMarkers, weekBars, zoneDistribution } from './athlete-series.ts';
import type { AthleteData } from './site-model.ts';

const FEATURE_MODELS = ['athlete_rolling_features', 'athlete_daily_features', 'athlete_weekly_features', 'activity_features'] as const;

/**
 * Every athlete's report from the feature tables and gold.athlete_predictions, up to `asOf`
 * (YYYY-MM-DD, already checked) when given. A table not built yet gives a reason, not an error.
 */
export async function collectAthletes(adapter: Adapter, compiled: CompiledProject, asOf?: string): Promise<AthleteData> {
  const d = adapter.dialect;
  const relations = new Map<string, RelationName>();
  for (const name of FEATURE_MODELS) {
    const node = compiled.nodes.get(`model.${name}`) as ModelNode | undefined;
    if (!node) return { missing: `the project has no ${name} model, so there are no athlete pages`, athletes: [] };
    if (!(await adapter.relationKind(node.relation))) return { missing: `${d.relation(node.relation)} is not built yet: run \`stride build\``, athletes: [] };
    relations.set(name, node.relation);
  }
  const table = (name: string) => d.relation(relations.get(name)!);
  const day = (column: string) => `cast(${column} as ${d.stringType})`;
  const upTo = (column: string) => (asOf ? `and ${column} <= date '${asOf}'` : '');

  const rolling = byAthlete(
    await adapter.query(
      `select athlete_id, ${day('as_of_date')} as day, daily_tss, ctl_42d, atl_7d, tsb, acwr, is_warmup, is_overtraining_risk, days_of_history
       from ${table('athlete_rolling_features')}
       where true ${upTo('as_of_date')}
       order by athlete_id, as_of_date`,
    ),
  );
  const races = byAthlete(
    await adapter.query(
      `select athlete_id, ${day('activity_date')} as day, sport_type, distance_km, moving_time_min
       from ${table('activity_features')}
       where is_race ${upTo('activity_date')}
       order by athlete_id, start_date_local`,
    ),
  );
  const weeks = byAthlete(
    await adapter.query(
      `select athlete_id, ${day('week_start')} as week_start, days_in_week, distance_km, run_distance_km, moving_time_min, weekly_tss, pct_time_z1_z2, pct_time_z4_z5
       from ${table('athlete_weekly_features')}
       where true ${upTo('week_start')}
       order by athlete_id, week_start`,
    ),
  );
  const zones = byAthlete(
    await adapter.query(
      `select athlete_id, ${day('activity_date')} as day, hr_zone_1_min, hr_zone_2_min, hr_zone_3_min, hr_zone_4_min, hr_zone_5_min
       from ${table('athlete_daily_features')}
       where true ${upTo('activity_date')}
       order by athlete_id, activity_date`,
    ),
  );

  const gold = compiled.nodes.get('source.gold.athlete_predictions') as SourceNode | undefined;
  let predictionsMissing: string | undefined;
  let predictions = new Map<string, ReturnType<typeof predictionOf>>();
  if (!gold) predictionsMissing = 'the project declares no gold.athlete_predictions source';
  else if (!(await adapter.relationKind(gold.relation))) predictionsMissing = `no predictions yet: run \`stride predict\` to fill ${d.relation(gold.relation)}`;
  else {
    const rows = await adapter.query(
      `select *, ${day('as_of_date')} as day
       from ${d.relation(gold.relation)}
       where true ${upTo('as_of_date')}
       qualify row_number() over (partition by athlete_id order by as_of_date desc) = 1`,
    );
    predictions = new Map(rows.map((r) => [String(r.athlete_id), predictionOf(r)]));
  }

  const athletes = [...rolling.entries()].map(([athleteId, rows]) => {
    const daily = dailySeries(rows);
    const latest = latestState(rows);
    const prediction = predictions.get(athleteId) ?? null;
    latest.detectorRisk = !latest.risk && prediction?.asOf === latest.asOf && prediction.isOvertrainingRisk === true;
    return {
      athleteId,
      latest,
      daily,
      races: raceMarkers(races.get(athleteId) ?? [], daily.dates),
      weeks: weekBars(weeks.get(athleteId) ?? []),
      zones: zoneDistribution(zones.get(athleteId) ?? [], latest.asOf),
      prediction,
    };
  });
  const lastDay = athletes.map((a) => a.latest.asOf).sort().pop();
  return {
    athletes,
    asOf: asOf ?? lastDay,
    predictionsMissing,
    missing: athletes.length === 0 ? `${table('athlete_rolling_features')} has no rows${asOf ? ` up to ${asOf}` : ''}` : undefined,
  };
}
