import { describe, expect, it } from 'vitest';
import { databricksDialect } from '../../orchestrator/adapters/databricks/dialect.ts';
import { duckdbDialect } from '../../orchestrator/adapters/duckdb/dialect.ts';
import type { ModelNode } from '../../orchestrator/compile/nodes.ts';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { tableOptions } from '../../orchestrator/run/table-options.ts';
import { copyFixture, editFile } from '../helpers/fixture.ts';

const rel = { catalog: 'uc_athlete_data', schema: 'feature_store', name: 'athlete_daily_features' };
const select = 'select 1 as athlete_id';

/** Just the parts of a model node that table options read. */
function node(properties: Partial<NonNullable<ModelNode['model']['properties']>> | undefined, config: Record<string, unknown> = {}): ModelNode {
  const props = properties && { name: 'm', meta: {}, config: {}, columns: [], tests: [], file: 'm.yml', ...properties };
  return { model: { name: 'm', path: 'models/m.sql', raw: '', properties: props }, config: { materialized: 'table', schema: 's', tags: [], enabled: true, ...config } } as unknown as ModelNode;
}

describe('Databricks dialect', () => {
  it('quotes identifiers with backticks, doubling a backtick inside', () => {
    expect(databricksDialect.quote('a`b')).toBe('`a``b`');
    expect(databricksDialect.relation(rel)).toBe('`uc_athlete_data`.`feature_store`.`athlete_daily_features`');
  });

  it('writes named parameter markers and refuses names that are not identifiers', () => {
    expect(databricksDialect.parameter('athlete_id')).toBe(':athlete_id');
    expect(duckdbDialect.parameter('athlete_id')).toBe('$athlete_id');
    expect(() => databricksDialect.parameter('x; drop')).toThrow("invalid parameter name 'x; drop'");
  });

  it('builds a table with no options exactly as before (the golden files pin it)', () => {
    expect(databricksDialect.table(rel, select)).toEqual([`create or replace table ${databricksDialect.relation(rel)} as\n${select}`]);
    expect(databricksDialect.table(rel, select, 'view')).toEqual([
      `drop view if exists ${databricksDialect.relation(rel)}`,
      `create or replace table ${databricksDialect.relation(rel)} as\n${select}`,
    ]);
  });

  it('adds cluster by, comments and a time-series primary key', () => {
    const statements = databricksDialect.table(rel, select, 'table', {
      clusterBy: ['athlete_id'],
      comment: "One row per athlete per day; it's the daily grain.",
      columnComments: { athlete_id: 'Strava athlete id.', activity_date: 'Local day.', empty: '  ' },
      primaryKey: ['athlete_id', 'activity_date'],
      timeseriesKey: 'activity_date',
    });
    const t = '`uc_athlete_data`.`feature_store`.`athlete_daily_features`';
    expect(statements).toEqual([
      `create or replace table ${t}\ncluster by (\`athlete_id\`)\ncomment 'One row per athlete per day; it\\'s the daily grain.' as\n${select}`,
      `alter table ${t} alter column \`athlete_id\` comment 'Strava athlete id.'`,
      `alter table ${t} alter column \`activity_date\` comment 'Local day.'`,
      `alter table ${t} alter column \`athlete_id\` set not null`,
      `alter table ${t} alter column \`activity_date\` set not null`,
      `alter table ${t} drop primary key if exists`,
      `alter table ${t} add constraint \`athlete_daily_features_pk\` primary key (\`athlete_id\`, \`activity_date\` timeseries)`,
    ]);
  });

  it('escapes backslashes and quotes in comments', () => {
    const [create] = databricksDialect.table(rel, select, undefined, { comment: 'a \\ b \' c' });
    expect(create).toContain("comment 'a \\\\ b \\' c' as");
  });

  it('leaves DuckDB statements unchanged by table options', () => {
    const options = { clusterBy: ['athlete_id'], comment: 'c', columnComments: { athlete_id: 'x' }, primaryKey: ['athlete_id'], timeseriesKey: 'athlete_id' };
    expect(duckdbDialect.table(rel, select, 'table', options)).toEqual(duckdbDialect.table(rel, select, 'table'));
  });
});

describe('table options from the model YAML', () => {
  it('clusters by the athlete key, comments from descriptions, time-series key from meta', () => {
    const options = tableOptions(
      node({
        description: 'Daily features.',
        meta: { primary_key: ['athlete_id', 'activity_date'], timestamp_key: 'activity_date' },
        columns: [{ name: 'athlete_id', description: 'Strava athlete id.' }, { name: 'activity_date', description: 'Local day.' }, { name: 'n_runs' }],
      }),
    );
    expect(options).toEqual({
      clusterBy: ['athlete_id'],
      comment: 'Daily features.',
      columnComments: { athlete_id: 'Strava athlete id.', activity_date: 'Local day.' },
      primaryKey: ['athlete_id', 'activity_date'],
      timeseriesKey: 'activity_date',
    });
  });

  it('declares no primary key when the timestamp key is not part of it (not a time series)', () => {
    const options = tableOptions(node({ meta: { primary_key: ['athlete_id', 'activity_id'], timestamp_key: 'start_date' }, columns: [{ name: 'athlete_id' }] }));
    expect(options.primaryKey).toBeUndefined();
    expect(options.timeseriesKey).toBeUndefined();
  });

  it('lets config cluster_by override the default, and an empty list turn clustering off', () => {
    const documented = { columns: [{ name: 'athlete_id' }] };
    expect(tableOptions(node(documented, { cluster_by: 'activity_date' })).clusterBy).toEqual(['activity_date']);
    expect(tableOptions(node(documented, { cluster_by: [] })).clusterBy).toEqual([]);
    expect(tableOptions(node({ columns: [{ name: 'run_id' }] })).clusterBy).toEqual([]);
    expect(tableOptions(node(undefined))).toEqual({ clusterBy: [], comment: undefined, columnComments: {} });
  });

  it('accepts cluster_by as a model config key in project.yml', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'project.yml', (t) => t.replace('    materialized: table\n    schema: marts', '    materialized: table\n    schema: marts\n    cluster_by: [athlete_id]'));
    const compiled = compileProject(loadProject(dir), { target: 'databricks', today: '2026-11-22', env: {} });
    expect(compiled.errors).toEqual([]);
    const totals = compiled.nodes.get('model.athlete_totals') as ModelNode;
    expect(totals.config.cluster_by).toEqual(['athlete_id']);
    expect(tableOptions(totals).clusterBy).toEqual(['athlete_id']);
  });
});
