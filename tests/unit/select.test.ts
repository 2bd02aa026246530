import { describe, expect, it } from 'vitest';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import { findCycles, topologicalOrder } from '../../orchestrator/graph/dag.ts';
import { selectNodes, SelectionError } from '../../orchestrator/graph/select.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { copyFixture } from '../helpers/fixture.ts';

const { nodes } = compileProject(loadProject(copyFixture('mini')));
const pick = (select?: string[], exclude?: string[]) =>
  [...selectNodes(nodes, { select, exclude })].filter((id) => !id.startsWith('test.')).sort();
const tests = (select: string[]) => [...selectNodes(nodes, { select })].filter((id) => id.startsWith('test.')).sort();

describe('dag', () => {
  it('orders dependencies first, stably', () => {
    const order = topologicalOrder([
      { id: 'c', dependsOn: ['b'] },
      { id: 'b', dependsOn: ['a'] },
      { id: 'a', dependsOn: [] },
      { id: 'd', dependsOn: ['a'] },
    ]);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds each cycle with its whole path', () => {
    expect(findCycles([{ id: 'a', dependsOn: ['c'] }, { id: 'b', dependsOn: ['a'] }, { id: 'c', dependsOn: ['b'] }, { id: 'd', dependsOn: [] }])).toEqual([
      ['a', 'c', 'b', 'a'],
    ]);
  });
});

describe('selection', () => {
  it('selects a model by name, with +ancestors and descendants+', () => {
    expect(pick(['stg_runs'])).toEqual(['model.stg_runs']);
    expect(pick(['+stg_runs'])).toEqual(['model.stg_runs', 'seed.runs', 'source.raw.runs']);
    expect(pick(['stg_runs+'])).toEqual(['model.athlete_totals', 'model.long_runs', 'model.stg_runs']);
  });

  it('selects by tag and by path, and unions several selectors', () => {
    expect(pick(['tag:staging'])).toEqual(['model.stg_runs']);
    expect(pick(['path:models/marts'])).toEqual(['model.athlete_totals', 'model.long_runs']);
    expect(pick(['tag:staging', 'seed.runs'])).toEqual(['model.stg_runs', 'seed.runs']);
  });

  it('removes --exclude matches', () => {
    expect(pick(['stg_runs+'], ['long_runs'])).toEqual(['model.athlete_totals', 'model.stg_runs']);
  });

  it('brings the tests of selected nodes along', () => {
    expect(tests(['athlete_totals'])).toEqual([
      'test.accepted_range__athlete_totals__total_km',
      'test.not_null__athlete_totals__athlete_id',
      'test.relationships__athlete_totals__athlete_id__ref_stg_runs',
      'test.totals_match_runs',
      'test.unique_combination__athlete_totals__athlete_id',
    ]);
  });

  it('refuses a selector that matches nothing', () => {
    expect(() => selectNodes(nodes, { select: ['stg_run'] })).toThrow(SelectionError);
    expect(() => selectNodes(nodes, { select: ['colour:red'] })).toThrow("unknown selector method 'colour:'");
  });
});
