import { createHash } from 'node:crypto';
import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import { modelsRevision } from '../../orchestrator/featurestore/git-revision.ts';
import type { MlTables } from '../shared/project-tables.ts';

/** sha256 of the training rows: the same fingerprint means the same training set. */
export function fingerprint(rows: unknown[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(JSON.stringify(r)).update('\n');
  return h.digest('hex');
}

/** What identifies the feature tables a model read: rows, last day and a content hash of the rolling table. */
export async function featureTableVersions(adapter: Adapter, tables: MlTables): Promise<string> {
  const text = adapter.dialect.stringType;
  const [r] = await adapter.query(
    `select count(*) as n, cast(max(as_of_date) as ${text}) as last_day, cast(bit_xor(day_fingerprint) as ${text}) as content from ${tables.rolling}`,
  );
  const [a] = await adapter.query(`select count(*) as n from ${tables.activity}`);
  return `athlete_rolling_features:rows=${r.n},last_day=${r.last_day},content=${r.content};activity_features:rows=${a.n}`;
}

export const gitRevision = (projectRoot: string) => modelsRevision(projectRoot, '.') ?? 'unknown';
