import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { ProjectError } from './errors.ts';
import { parseModelProperties, parseSources } from './parse-properties.ts';
import { readYamlFile } from './yaml-file.ts';
import { validateProjectYaml } from './validate-project.ts';
import type { MacroFile, ModelFile, Project, ProjectConfig, SeedFile, SingularTest, SourceTable } from './types.ts';

const DEFAULT_PATHS = { models: 'models', macros: 'macros', seeds: 'seeds', tests: 'tests/data', target: 'target' };

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

const posix = (p: string) => p.split(sep).join('/');

/** Reads project.yml and discovers every model, macro, seed, source and singular test. */
export function loadProject(root: string): Project {
  const projectFile = join(root, 'project.yml');
  if (!existsSync(projectFile)) {
    throw new ProjectError(`no project.yml in ${root}: run stride from the project folder or pass --project-dir`);
  }
  const yaml = readYamlFile(projectFile, 'project.yml');
  validateProjectYaml(yaml);
  const raw = yaml.value as Partial<ProjectConfig>;
  const config: ProjectConfig = {
    name: raw.name!,
    version: raw.version,
    paths: { ...DEFAULT_PATHS, ...(raw.paths ?? {}) },
    vars: raw.vars ?? {},
    models: raw.models ?? {},
    seeds: { schema: 'silver', ...(raw.seeds ?? {}) },
    targets: raw.targets!,
  };
  const rel = (p: string) => posix(relative(root, p));

  const modelFiles = walk(join(root, config.paths.models));
  const models: ModelFile[] = [];
  const sources: SourceTable[] = [];
  const propertiesByName = new Map<string, ReturnType<typeof parseModelProperties>[number]>();
  for (const file of modelFiles.filter((f) => /\.ya?ml$/.test(f))) {
    const parsed = readYamlFile(file, rel(file));
    const value = parsed.value as Record<string, unknown>;
    if (value.sources) sources.push(...parseSources(parsed));
    if (value.models) for (const p of parseModelProperties(parsed)) propertiesByName.set(p.name, p);
  }
  const seen = new Map<string, string>();
  for (const file of modelFiles.filter((f) => f.endsWith('.sql'))) {
    const name = basename(file, '.sql');
    const path = rel(file);
    if (seen.has(name)) throw new ProjectError(`model name '${name}' is also used by ${seen.get(name)}: model names must be unique`, path);
    seen.set(name, path);
    const properties = propertiesByName.get(name);
    if (!properties) {
      throw new ProjectError(
        `model '${name}' has no YAML entry: add ${path.replace(/\.sql$/, '.yml')} with 'models: [{name: ${name}, description: ..., columns: ...}]'`,
        path,
      );
    }
    models.push({ name, path, raw: readFileSync(file, 'utf8'), properties });
  }
  for (const [name, props] of propertiesByName) {
    if (!seen.has(name)) throw new ProjectError(`YAML describes model '${name}' but there is no ${name}.sql`, props.file);
  }

  const macros: MacroFile[] = walk(join(root, config.paths.macros))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({ path: rel(f), raw: readFileSync(f, 'utf8') }));

  const seedConfigs = config.seeds as Record<string, any>;
  const seedFiles = walk(join(root, config.paths.seeds));
  const seedProperties = new Map(
    seedFiles
      .filter((f) => /\.ya?ml$/.test(f))
      .flatMap((f) => parseModelProperties(readYamlFile(f, rel(f)), 'seeds'))
      .map((p) => [p.name, p]),
  );
  const seeds: SeedFile[] = seedFiles
    .filter((f) => f.endsWith('.csv'))
    .map((f) => {
      const name = basename(f, '.csv');
      const properties = seedProperties.get(name);
      const cfg = { ...(properties?.config ?? {}), ...(seedConfigs[name] ?? {}) } as Record<string, any>;
      return { name, path: rel(f), column_types: cfg.column_types ?? {}, all_varchar: cfg.all_varchar ?? false, properties };
    });
  for (const [name, props] of seedProperties) {
    if (!seeds.some((s) => s.name === name)) throw new ProjectError(`YAML describes seed '${name}' but there is no ${name}.csv`, props.file);
  }
  for (const key of Object.keys(seedConfigs)) {
    if (key !== 'schema' && !seeds.some((s) => s.name === key)) {
      throw new ProjectError(`seeds.${key} configures a seed that does not exist (${config.paths.seeds}/${key}.csv)`, 'project.yml', yaml.lineOf(['seeds'], key));
    }
  }

  const singularTests: SingularTest[] = walk(join(root, config.paths.tests))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({ name: basename(f, '.sql'), path: rel(f), raw: readFileSync(f, 'utf8') }));

  return { root, config, models, macros, seeds, sources, singularTests };
}
