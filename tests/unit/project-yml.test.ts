import { describe, expect, it } from 'vitest';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { resolveTarget, describeTarget } from '../../orchestrator/project/resolve-target.ts';
import { copyFixture, editFile } from '../helpers/fixture.ts';

function loadError(edit: (t: string) => string): string {
  const dir = copyFixture('mini');
  editFile(dir, 'project.yml', edit);
  try {
    loadProject(dir);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected project.yml to be rejected');
}

describe('project.yml validation', () => {
  it('names the file, line and allowed keys for a misspelt top-level key', () => {
    expect(loadError((t) => t.replace('vars:', 'varz:'))).toBe(
      "project.yml:2: unknown key 'varz' in the top level; allowed keys: name, version, paths, vars, models, seeds, targets",
    );
  });

  it('names the line of a misspelt model config key', () => {
    expect(loadError((t) => t.replace('materialized: view', 'matrialized: view'))).toMatch(
      /^project\.yml:7: 'matrialized' in models\.staging is neither a model config key \(materialized, schema, tags/,
    );
  });

  it('checks target keys per engine type', () => {
    expect(loadError((t) => t.replace('path: ":memory:"', 'pth: ":memory:"'))).toBe(
      "project.yml:21: unknown key 'pth' in targets.local; allowed keys: type, threads, schemas, path, memory_limit, temp_directory",
    );
  });

  it('rejects a bad materialization with the allowed values', () => {
    expect(loadError((t) => t.replace('materialized: table', 'materialized: tabel'))).toBe(
      'project.yml:11: models.marts.materialized must be equal to one of the allowed values: view, table, incremental, ephemeral',
    );
  });

  it('reports a model without a YAML file', () => {
    const dir = copyFixture('mini');
    editFile(dir, 'models/marts/long_runs.yml', () => 'version: 2\nmodels: []\n');
    expect(() => loadProject(dir)).toThrow(/models\/marts\/long_runs\.sql: model 'long_runs' has no YAML entry/);
  });
});

describe('targets', () => {
  it('renders env_var() and never shows a secret', () => {
    const project = loadProject(copyFixture('mini'));
    const { target, missingEnv } = resolveTarget(project, 'databricks', { DATABRICKS_TOKEN: 'dapi-secret-123' });
    expect(target.token).toBe('dapi-secret-123');
    expect(target.host).toBe('example.cloud.databricks.com');
    expect(missingEnv).toEqual([]);
    expect(JSON.stringify(describeTarget(target))).not.toContain('dapi-secret-123');
    expect(describeTarget(target).token).toBe('<set>');
  });

  it('names an unknown target and lists the defined ones', () => {
    const project = loadProject(copyFixture('mini'));
    expect(() => resolveTarget(project, 'prod')).toThrow("unknown target 'prod'; project.yml defines: local, databricks");
  });
});
