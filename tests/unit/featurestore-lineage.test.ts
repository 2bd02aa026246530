import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import { lineageGraph, lineageTree, resolveNode } from '../../orchestrator/featurestore/lineage-graph.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { compile } from '../../orchestrator/stride.ts';
import { copyFixture } from '../helpers/fixture.ts';

const ML = (entries: string) => `version: 2\nml:\n${entries}`;

function fixtureWithMl(yaml: string) {
  const dir = copyFixture('featurestore');
  writeFileSync(join(dir, 'models', 'ml.yml'), yaml);
  const project = loadProject(dir);
  return { dir, project, compiled: compileProject(project, { today: '2024-05-06' }) };
}

describe('lineage from sources to predictions', () => {
  it('follows the Stride project from the silver source up to the predictions', () => {
    const project = loadProject(join(import.meta.dirname, '..', '..'));
    const graph = lineageGraph(project, compileProject(project, { today: '2026-11-22', env: {} }));
    const down = lineageTree(graph, resolveNode(graph, 'source.silver.strava_activities'), 'downstream').join('\n');
    for (const id of ['model.stg_strava__activities', 'model.activity_features', 'model.athlete_rolling_features', 'training_set.race_time_training_set', 'ml_model.time_estimator', 'predictions.athlete_predictions']) {
      expect(down).toContain(id);
    }
    const up = lineageTree(graph, 'predictions.athlete_predictions', 'upstream');
    expect(up[0]).toBe('predictions.athlete_predictions');
    expect(up[1]).toBe('   <- ml_model.overtraining_detector');
    expect(up.join('\n')).toContain('source.silver.strava_activities');
    const table = lineageTree(graph, 'source.gold.athlete_predictions', 'upstream');
    expect(table.slice(0, 2)).toEqual(['source.gold.athlete_predictions', '   <- predictions.athlete_predictions']);
  });

  it('shows pinned feature-table versions on the edges and writes them to the manifest', () => {
    const { dir } = fixtureWithMl(
      ML(`  - {name: load_set, type: training_set, depends_on: [{name: fs_rolling, version: 2}, fs_daily]}
  - {name: load_model, type: model, depends_on: [load_set]}
  - {name: load_predictions, type: predictions, depends_on: [load_model]}
`),
    );
    const { compiled, project, manifestPath } = compile({ projectDir: dir, today: '2024-05-06' });
    const graph = lineageGraph(project, compiled);
    expect(lineageTree(graph, resolveNode(graph, 'fs_rolling'), 'downstream')).toEqual([
      'model.fs_rolling',
      '   -> training_set.load_set [v2]',
      '      -> ml_model.load_model',
      '         -> predictions.load_predictions',
    ]);
    expect(lineageTree(graph, 'training_set.load_set', 'upstream')).toEqual([
      'training_set.load_set',
      '   <- model.fs_daily',
      '      <- seed.fs_days',
      '   <- model.fs_rolling [v2]',
      '      <- seed.fs_days (see above)',
    ]);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    expect(manifest.ml_nodes['training_set.load_set'].depends_on).toEqual([{ name: 'fs_rolling', version: 2 }, { name: 'fs_daily' }]);
    expect(manifest.lineage_edges).toContainEqual({ from: 'model.fs_rolling', to: 'training_set.load_set', version: 2 });
    expect(manifest.feature_tables['model.fs_rolling']).toMatchObject({ primary_keys: ['athlete_id'], timestamp_key: 'feature_available_at', timestamp_zone: 'local' });
  });

  it.each([
    ['  - {name: a, type: model, depends_on: [nothing_here]}\n', /models\/ml.yml: ml entry 'a' depends on 'nothing_here'/],
    ['  - {name: a, type: training_set, depends_on: [{name: fs_days, version: 1}]}\n', /pins a version of 'fs_days', which is not a feature table/],
    ['  - {name: a, type: predictions, writes: [gold.nothing]}\n', /ml entry 'a' writes 'gold.nothing', which is no model, seed or source/],
    ['  - {name: a, type: notebook}\n', /models\/ml.yml:3: ml entry a: type must be one of training_set, model, predictions/],
    ['  - {name: fs_rolling, type: model}\n', /ml entry 'fs_rolling' has the name of model.fs_rolling/],
  ])('refuses a bad ml entry: %j', (entries, message) => {
    const { project, compiled } = fixtureWithMl(ML(entries));
    expect(() => lineageGraph(project, compiled)).toThrow(message);
  });
});
