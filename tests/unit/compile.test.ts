import { describe, expect, it } from 'vitest';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import type { ModelNode } from '../../orchestrator/compile/nodes.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { copyFixture, editFile } from '../helpers/fixture.ts';

const model = (c: ReturnType<typeof compileProject>, name: string) => c.nodes.get(`model.${name}`) as ModelNode;

describe('compile', () => {
  const dir = copyFixture('mini');
  const project = loadProject(dir);

  it('renders ref, source and var into relations of the target engine', () => {
    const local = compileProject(project, { target: 'local' });
    expect(local.errors).toEqual([]);
    expect(model(local, 'stg_runs').compiledSql).toContain('from "raw"."runs"');
    expect(model(local, 'stg_runs').compiledSql).toContain('where distance_km > 0');
    const dbx = compileProject(project, { target: 'databricks' });
    expect(model(dbx, 'athlete_totals').compiledSql).toContain('from `uc_athlete_data`.`staging`.`stg_runs`');
  });

  it('dispatches a macro to the engine variant, else the default variant', () => {
    expect(model(compileProject(project, { target: 'local' }), 'stg_runs').compiledSql).toContain('(distance_km / 1.609344) as distance_miles');
    expect(model(compileProject(project, { target: 'databricks' }), 'stg_runs').compiledSql).toContain('(distance_km * 0.621371192) as distance_miles');
  });

  it('resolves a local source to its seed and a databricks source to the catalog', () => {
    const local = compileProject(project, { target: 'local' });
    expect(local.nodes.get('source.raw.runs')!.dependsOn).toEqual(['seed.runs']);
    expect(model(local, 'stg_runs').dependsOn).toEqual(['seed.runs', 'source.raw.runs']);
    const dbx = compileProject(project, { target: 'databricks' });
    expect(model(dbx, 'stg_runs').dependsOn).toEqual(['source.raw.runs']);
  });

  it('applies config precedence: folder < YAML < config() in the file', () => {
    const c = compileProject(project, { target: 'local' });
    expect(model(c, 'stg_runs').config).toMatchObject({ materialized: 'view', schema: 'staging', tags: ['staging'] });
    expect(model(c, 'long_runs').config.materialized).toBe('ephemeral'); // YAML over folder 'table'
    expect(model(c, 'athlete_totals').config).toMatchObject({ materialized: 'incremental', schema: 'marts', unique_key: ['athlete_id'] });
  });

  it('inlines an ephemeral model as a subquery and does not give it tests', () => {
    const c = compileProject(project, { target: 'local' });
    expect(model(c, 'athlete_totals').compiledSql).toContain('from (\nselect * from "staging"."stg_runs" where distance_km >= 10\n)');
    expect([...c.nodes.keys()].some((id) => id.startsWith('test.') && id.includes('long_runs'))).toBe(false);
  });

  it('lets --vars override project vars and fixes as_of_date', () => {
    const c = compileProject(project, { target: 'local', vars: { min_km: 7 } });
    expect(model(c, 'stg_runs').compiledSql).toContain('where distance_km > 7');
    expect(c.vars.as_of_date).toBe('2024-03-10');
    const today = compileProject(project, { vars: { as_of_date: null }, today: '2030-01-02' });
    expect(today.vars.as_of_date).toBe('2030-01-02');
  });

  it('renders is_incremental() false at compile time', () => {
    expect(model(compileProject(project), 'athlete_totals').compiledSql).not.toContain('coalesce(max(last_run)');
  });
});

describe('compile errors name the file, line and cause', () => {
  it('reports an unknown macro with its line', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'models/staging/stg_runs.sql', (t) => t.replace('km_to_miles(', 'km_to_mile('));
    const c = compileProject(loadProject(dir));
    expect(c.errors).toContainEqual({ file: 'models/staging/stg_runs.sql', line: 6, message: expect.stringContaining("unknown macro 'km_to_mile'") });
  });

  it('reports a ref to a missing model with its line', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'models/marts/long_runs.sql', (t) => `\n\n${t.replace("ref('stg_runs')", "ref('stg_run')")}`);
    const c = compileProject(loadProject(dir));
    expect(c.errors).toContainEqual({ file: 'models/marts/long_runs.sql', line: 3, message: expect.stringContaining("ref('stg_run') names no model") });
  });

  it('names the whole cycle', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'models/marts/long_runs.sql', (t) => t.replace("ref('stg_runs')", "ref('athlete_totals')"));
    const c = compileProject(loadProject(dir));
    expect(c.errors.map((e) => e.message)).toContain('dependency cycle: athlete_totals -> long_runs -> athlete_totals');
  });

  it('collects every error instead of stopping at the first', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'models/staging/stg_runs.sql', (t) => t.replace("var('min_km')", "var('nope')"));
    editFile(dir, 'models/marts/athlete_totals.sql', (t) => t.replace("ref('long_runs')", "source('raw', 'walks')"));
    const c = compileProject(loadProject(dir));
    expect(c.errors).toHaveLength(2);
    expect(c.errors[0]).toMatchObject({ file: 'models/marts/athlete_totals.sql', line: 8, message: expect.stringContaining("source('raw', 'walks') is not declared") });
    expect(c.errors[1]).toMatchObject({ file: 'models/staging/stg_runs.sql', line: 8, message: expect.stringContaining("var('nope') is not defined") });
  });
});

describe('portability lint', () => {
  it('rejects a comma before from, which Databricks SQL does not accept', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'models/staging/stg_runs.sql', (t) => t.replace('as distance_miles', 'as distance_miles,'));
    const c = compileProject(loadProject(dir));
    expect(c.errors).toEqual([{ file: 'models/staging/stg_runs.sql', line: 6, message: expect.stringContaining("comma right before 'from'") }]);
  });
});
