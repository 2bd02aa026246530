/**
 * Builds of a private project for the incremental feature-table tests: one `stride
 * build` with its per-model outcome, the feature tables as rows, and the same tables
 * from a full refresh in a fresh database to compare with.
 */
import { expect } from 'vitest';
import type { Row } from '../../orchestrator/adapters/adapter.ts';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { runCommand, type RunResult } from '../../orchestrator/stride.ts';
import { silentReporter } from './fixture.ts';
import { diffRows, dumpTable, stableJson } from './tables.ts';

/** Feature tables by name, each with its key columns. */
export type FeatureKeys<M extends string> = Record<M, readonly string[]>;

export interface Built<M extends string> {
  result: RunResult;
  rows: (model: M) => number | undefined;
  status: (model: M) => string | undefined;
  message: (model: M) => string | undefined;
  action: (model: M) => string | undefined;
}

export interface BuildOptions {
  fullRefresh?: boolean;
  vars?: Record<string, unknown>;
}

export async function buildProject<M extends string>(adapter: DuckDBAdapter, projectDir: string, asOf: string, options: BuildOptions = {}): Promise<Built<M>> {
  const result = await runCommand('build', {
    projectDir,
    adapter,
    reporter: silentReporter(),
    vars: { as_of_date: asOf, ...options.vars },
    fullRefresh: options.fullRefresh ?? false,
  });
  const of = (model: M) => result.results.find((r) => r.id === `model.${model}`);
  return {
    result,
    rows: (m) => of(m)?.rowsAffected,
    status: (m) => of(m)?.status,
    message: (m) => of(m)?.message,
    action: (m) => of(m)?.action,
  };
}

/** Every row of each feature table, ordered by its keys. */
export async function dumpFeatureTables<M extends string>(adapter: DuckDBAdapter, keys: FeatureKeys<M>): Promise<Record<M, Row[]>> {
  const out = {} as Record<M, Row[]>;
  for (const model of Object.keys(keys) as M[]) out[model] = await dumpTable(adapter, `feature_store.${model}`, [...keys[model]]);
  return out;
}

/** The tables a full refresh of the same project gives, in a fresh database. */
export async function fullRefreshTables<M extends string>(projectDir: string, asOf: string, keys: FeatureKeys<M>, vars: Record<string, unknown> = {}): Promise<Record<M, Row[]>> {
  const adapter = await DuckDBAdapter.open({ path: ':memory:' });
  try {
    const options = { projectDir, adapter, reporter: silentReporter(), vars: { as_of_date: asOf, ...vars }, fullRefresh: true };
    expect((await runCommand('seed', options)).success).toBe(true);
    const built = await runCommand('run', options);
    expect(built.success, JSON.stringify(built.results.filter((r) => r.status !== 'success'))).toBe(true);
    return await dumpFeatureTables(adapter, keys);
  } finally {
    await adapter.close();
  }
}

/** Same rows as a full refresh: doubles within 1e-9 relative, everything else exactly. */
export function expectSameRows<M extends string>(actual: Record<M, Row[]>, expected: Record<M, Row[]>, keys: FeatureKeys<M>): void {
  for (const model of Object.keys(keys) as M[]) {
    expect(actual[model].length, model).toBeGreaterThan(0);
    expect(diffRows(actual[model], expected[model], [...keys[model]]), model).toEqual([]);
  }
}

/** Rows as JSON text, to compare untouched rows byte for byte. */
export const rowsText = (rows: Row[]) => rows.map((r) => stableJson(r));

/** Every node of the build succeeded or passed. */
export function expectBuildSuccess(built: { result: RunResult }): void {
  const bad = built.result.results.filter((r) => !['success', 'pass'].includes(r.status));
  expect(bad.map((r) => `${r.id} ${r.status}: ${r.message ?? ''}`)).toEqual([]);
}
