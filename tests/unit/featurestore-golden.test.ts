import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFiles } from '../helpers/golden.ts';
import type { Adapter } from '../../orchestrator/adapters/adapter.ts';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import { featureTableDdl, isolationObjects, isolationSetupSql } from '../../orchestrator/featurestore/databricks-ddl.ts';
import { featureTables, findFeatureTable } from '../../orchestrator/featurestore/feature-tables.ts';
import { trainingSetSql, type TrainingSetPlan } from '../../orchestrator/featurestore/training-set.ts';
import { versionSelect } from '../../orchestrator/featurestore/versions.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';

/**
 * The feature-store SQL Stride sends to each engine, pinned in tests/golden/featurestore.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/unit/featurestore-golden.test.ts
 */
const golden = goldenFiles(join(import.meta.dirname, '..', 'golden', 'featurestore'));
const ROOT = join(import.meta.dirname, '..', '..');

const project = loadProject(ROOT);
const compiled = (target: string) => compileProject(project, { target, today: '2026-11-22', env: {} });
const statements = (list: string[]) => `${list.join(';\n\n')};\n`;

/** A race spine joined to three feature tables, one of them pinned to version 3. */
async function racePlan(target: string): Promise<TrainingSetPlan> {
  const c = compiled(target);
  const table = (name: string) => findFeatureTable(c, name);
  const fakeAdapter = { dialect: c.dialect } as Adapter;
  return {
    spine: `select athlete_id, race_id, event_timestamp, event_timestamp_local, race_minutes from ${c.dialect.relation({ catalog: c.target.catalog, schema: 'ml', name: 'race_spine' })}`,
    spineColumns: ['athlete_id', 'race_id', 'event_timestamp', 'event_timestamp_local', 'race_minutes'],
    keys: ['athlete_id'],
    timestamp: 'event_timestamp',
    lookups: [
      { table: table('athlete_rolling_features'), source: c.dialect.relation(table('athlete_rolling_features').relation), joinKeys: ['athlete_id'], eventColumn: 'event_timestamp_local', lookback: { amount: 28, unit: 'day' }, columns: [{ name: 'ctl_42d', as: 'ctl_42d' }, { name: 'tsb', as: 'tsb' }] },
      { table: table('athlete_weekly_features'), source: c.dialect.relation(table('athlete_weekly_features').relation), joinKeys: ['athlete_id'], eventColumn: 'event_timestamp_local', columns: [{ name: 'weekly_tss', as: 'last_week_tss' }] },
      ...(target === 'databricks'
        ? [{ table: table('activity_features'), source: `(\n${await versionSelect(fakeAdapter, table('activity_features'), 3)}\n)`, joinKeys: ['athlete_id'], eventColumn: 'event_timestamp', columns: [{ name: 'estimated_tss', as: 'last_activity_tss' }] }]
        : [{ table: table('activity_features'), source: c.dialect.relation(table('activity_features').relation), joinKeys: ['athlete_id'], eventColumn: 'event_timestamp', columns: [{ name: 'estimated_tss', as: 'last_activity_tss' }] }]),
    ],
  };
}

describe('feature store SQL, golden', () => {
  it('Databricks: every feature table gets a timeseries primary key, tags and the athlete row filter', () => {
    const c = compiled('databricks');
    const objects = isolationObjects(c);
    expect(featureTables(c).map((t) => t.name)).toEqual(['activity_features', 'athlete_daily_features', 'athlete_rolling_features', 'athlete_weekly_features']);
    for (const table of featureTables(c)) {
      const ddl = featureTableDdl(c.dialect, table, objects);
      expect(ddl.at(-1)).toBe(`alter table ${c.dialect.relation(table.relation)} set row filter \`uc_athlete_data\`.\`feature_store\`.\`athlete_row_filter\` on (\`athlete_id\`)`);
      golden(`databricks/${table.name}.sql`, statements(ddl));
    }
  });

  it('Databricks: the row filter maps the current user to athletes through a table, admins see all', () => {
    const c = compiled('databricks');
    const sql = isolationSetupSql(c.dialect, isolationObjects(c));
    expect(sql[1]).toContain("is_account_group_member('stride_admins')");
    expect(sql[1]).toContain('access.principal = current_user()');
    golden('databricks/isolation.sql', statements(sql));
  });

  it('training sets render the same join on both engines, and Databricks pins a Delta version', async () => {
    const local = trainingSetSql(compiled('local').dialect, await racePlan('local'));
    const databricks = trainingSetSql(compiled('databricks').dialect, await racePlan('databricks'));
    expect(databricks).toContain('version as of 3');
    // Apart from quoting, relations and the pinned version, the SQL is the same text.
    const normalise = (s: string) => s.replace(/[`"]/g, '').replace(/uc_athlete_data\./g, '').replace(/\(\n\s*select \* from feature_store\.activity_features version as of 3\n\s*\)/, 'feature_store.activity_features');
    expect(normalise(databricks)).toBe(normalise(local));
    expect(local).not.toMatch(/,\s*(from|\))/);
    golden('local/race_training_set.sql', `${local}\n`);
    golden('databricks/race_training_set.sql', `${databricks}\n`);
  });
});
