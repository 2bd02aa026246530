import { ProjectError } from './errors.ts';
import { parseFeatureTable } from './parse-feature-table.ts';
import { parseTests } from './parse-tests.ts';
import type { ColumnDoc, ModelProperties, SourceTable, TestSpec } from './types.ts';
import type { YamlFile } from './yaml-file.ts';

interface RawColumn { name: string; description?: string; data_type?: string; data_tests?: unknown; tests?: unknown }

function parseColumns(raw: unknown, file: string): { columns: ColumnDoc[]; tests: TestSpec[] } {
  const columns: ColumnDoc[] = [];
  const tests: TestSpec[] = [];
  for (const col of (raw ?? []) as RawColumn[]) {
    if (!col?.name) throw new ProjectError('every column needs a name', file);
    columns.push({ name: col.name, description: col.description, data_type: col.data_type });
    tests.push(...parseTests(col.data_tests ?? col.tests, file, col.name));
  }
  return { columns, tests };
}

/** Reads the `models:` (or, in seeds/, `seeds:`) entries of a YAML properties file. */
export function parseModelProperties(yaml: YamlFile, key: 'models' | 'seeds' = 'models'): ModelProperties[] {
  const value = yaml.value as Record<string, unknown>;
  const entries = value[key];
  if (!Array.isArray(entries)) throw new ProjectError(`expected a '${key}:' list`, yaml.file, 1);
  return entries.map((m: any, i: number) => {
    if (!m?.name) throw new ProjectError(`every ${key.slice(0, -1)} entry needs a name`, yaml.file, yaml.lineOf([key, i]));
    const { columns, tests } = parseColumns(m.columns, yaml.file);
    return {
      name: m.name,
      description: m.description,
      meta: m.meta ?? {},
      config: m.config ?? {},
      columns,
      tests: [...tests, ...parseTests(m.data_tests ?? m.tests, yaml.file)],
      feature_table: m.feature_table === undefined ? undefined : parseFeatureTable(m.feature_table, columns, yaml, [key, i, 'feature_table']),
      file: yaml.file,
    };
  });
}

/** Reads a sources.yml: `sources: [{name, schema, tables: [...]}]`. */
export function parseSources(yaml: YamlFile): SourceTable[] {
  const value = yaml.value as { sources?: any[] };
  if (!Array.isArray(value.sources)) throw new ProjectError("expected a 'sources:' list", yaml.file, 1);
  return value.sources.flatMap((src) =>
    ((src.tables ?? []) as any[]).map((t) => {
      const { columns, tests } = parseColumns(t.columns, yaml.file);
      return {
        source: src.name,
        name: t.name,
        schema: src.schema ?? src.name,
        identifier: t.identifier ?? t.name,
        description: t.description,
        columns,
        tests: [...tests, ...parseTests(t.data_tests ?? t.tests, yaml.file)],
        file: yaml.file,
      };
    }),
  );
}
