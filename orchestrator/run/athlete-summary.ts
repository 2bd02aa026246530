import type { Adapter, Row } from '../adapters/adapter.ts';
import type { RelationName } from '../adapters/dialect.ts';

/** The last row of each athlete in the rolling feature table. */
export async function latestAthleteState(adapter: Adapter, rolling: RelationName): Promise<Row[]> {
  const table = adapter.dialect.relation(rolling);
  const rows = await adapter.query(
    `select athlete_id, cast(as_of_date as ${adapter.dialect.stringType}) as as_of_date, days_of_history, ctl_42d, atl_7d, tsb, acwr, is_warmup, is_overtraining_risk
     from ${table}
     qualify row_number() over (partition by athlete_id order by as_of_date desc) = 1
     order by athlete_id`,
  );
  return rows;
}
