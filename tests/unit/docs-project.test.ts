import { beforeAll, describe, expect, it } from 'vitest';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import { collectProjectDocs, columnPages, compileForEngines, nodeHref } from '../../orchestrator/docs/collect-project.ts';
import type { ProjectDocs } from '../../orchestrator/docs/site-model.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { REPO } from '../helpers/project-copy.ts';

// The Stride project itself, compiled for both engines with no connection and no credentials.
describe('project pages of the docs site', () => {
  let docs: ProjectDocs;
  const env = { PATH: process.env.PATH };
  const vars = { as_of_date: '2026-11-22' };

  beforeAll(() => {
    const project = loadProject(REPO);
    const primary = compileProject(project, { vars, env });
    docs = collectProjectDocs(project, compileForEngines(project, primary, { vars, env }), new Map());
  });

  const page = (id: string) => docs.nodes.find((n) => n.id === id)!;

  it('renders every model for DuckDB and Databricks, each in its own quoting', () => {
    const models = docs.nodes.filter((n) => n.kind === 'model');
    expect(models.length).toBe(10);
    expect(docs.engines).toEqual(['duckdb', 'databricks']);
    for (const m of models) {
      expect(m.compiledSql.map((s) => [s.engine, s.target])).toEqual([['duckdb', 'local'], ['databricks', 'databricks']]);
      expect(m.compiledSql.every((s) => s.sql.length > 0 && !s.sql.includes('{{'))).toBe(true);
    }
    const weekly = page('model.athlete_weekly_features').compiledSql;
    expect(weekly[0].sql).toContain('"feature_store"."athlete_daily_features"');
    expect(weekly[1].sql).toContain('`uc_athlete_data`.`feature_store`.`athlete_daily_features`');
  });

  it("lists a column's documentation and its data tests as the YAML declares them", () => {
    const weekly = page('model.athlete_weekly_features');
    const days = weekly.columns.find((c) => c.name === 'days_in_week')!;
    expect(days.tests).toEqual(['not_null', 'accepted_range (min_value: 1, max_value: 7)']);
    expect(days.description).toMatch(/^Days of the week counted/);
    expect(weekly.tests).toContain('unique_combination (columns: ["athlete_id","week_start"])');
    expect(weekly.group).toBe('feature_table');
    expect(weekly.featureTable).toEqual({ primaryKeys: ['athlete_id'], timestampKey: 'week_start', timestampZone: 'local', availableAfter: '7 day', owner: 'stride-features' });
    // Sources carry their YAML data types when nothing is built.
    const silver = page('source.silver.strava_activities');
    expect(silver.columns.find((c) => c.name === 'athlete_id')!.type).toBe('bigint');
  });

  it('holds the lineage graph of the manifest: every non-test node and ML node, each edge once', () => {
    const ids = docs.lineage.nodes.map((n) => n.id);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(ids).toEqual(expect.arrayContaining(['source.gold.athlete_predictions', 'ml_model.time_estimator', 'predictions.athlete_predictions', 'seed.strava_activities']));
    expect(ids.some((id) => id.startsWith('test.'))).toBe(false);
    const edges = docs.lineage.edges.map((e) => e.id);
    expect(new Set(edges).size).toBe(edges.length);
    expect(edges).toContain('predictions.athlete_predictions->source.gold.athlete_predictions');
    expect(page('ml_model.time_estimator').upstream.map((l) => l.id)).toEqual(['training_set.race_time_training_set']);
    expect(page('model.athlete_rolling_features').downstream.map((l) => l.id)).toEqual(['training_set.overtraining_training_set', 'training_set.race_time_training_set']);
  });

  it('gives every page a distinct file name without path separators', () => {
    const hrefs = docs.nodes.map((n) => n.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(nodeHref('source.silver.strava_activities')).toBe('nodes/source.silver.strava_activities.html');
    expect(nodeHref('model.../../x y')).toBe('nodes/model..._.._x_y.html');
  });
});

describe('columns of a page', () => {
  it('puts the built type on documented columns and lists undocumented built columns after them', () => {
    const cols = columnPages(
      [{ name: 'athlete_id', description: 'Strava athlete id.', data_type: 'bigint' }, { name: 'note', description: 'Free text.' }],
      [{ name: 'ATHLETE_ID', type: 'BIGINT' }, { name: 'extra', type: 'DOUBLE' }],
      new Map([['athlete_id', ['not_null']]]),
    );
    expect(cols).toEqual([
      { name: 'athlete_id', type: 'BIGINT', description: 'Strava athlete id.', tests: ['not_null'], undocumented: false },
      { name: 'note', type: '', description: 'Free text.', tests: [], undocumented: false },
      { name: 'extra', type: 'DOUBLE', description: '', tests: [], undocumented: true },
    ]);
  });
});
