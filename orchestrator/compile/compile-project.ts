import { createHash } from 'node:crypto';
import type { Dialect, RelationName } from '../adapters/dialect.ts';
import { dialectFor } from '../adapters/dialects.ts';
import { findCycles, topologicalOrder } from '../graph/dag.ts';
import { resolveTarget } from '../project/resolve-target.ts';
import type { ModelConfig, Project, TargetConfig } from '../project/types.ts';
import { createEnvironment, type TemplateEnvironment } from './environment.ts';
import { genericTestName, genericTestSql } from './generic-tests.ts';
import { resolveModelConfig } from './model-config.ts';
import type { CompileError, CompiledProject, GraphNode, ModelNode, SeedNode, SourceNode, TestNode } from './nodes.ts';
import { lineOf, RenderError, renderTemplate } from './render-template.ts';
import type { RenderHooks } from './render-state.ts';
import { resolveVars } from './vars.ts';
import { lintPortableSql } from './lint-portable.ts';

export interface CompileOptions {
  target?: string;
  /** --vars overrides. */
  vars?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** The date `as_of_date: null` stands for (the run's start); defaults to today in UTC. */
  today?: string;
}

export interface CompileContext {
  project: Project;
  target: TargetConfig;
  dialect: Dialect;
  te: TemplateEnvironment;
  vars: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  nodes: Map<string, GraphNode>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function physicalRelation(target: TargetConfig, schema: string, name: string): RelationName {
  return {
    catalog: target.type === 'databricks' ? target.catalog : undefined,
    schema: target.schemas[schema] ?? schema,
    name,
  };
}

/**
 * Hooks for one model/test render. `ref` and `source` record the dependency and
 * return the relation; refs to ephemeral models inline their SQL as a subquery.
 */
export function renderHooks(
  ctx: CompileContext,
  file: string,
  raw: string,
  deps: Set<string>,
  opts: { configSink?: Record<string, unknown>; thisRelation?: RelationName; isIncremental?: boolean; parsing?: boolean },
): RenderHooks {
  const { nodes, dialect, vars, env } = ctx;
  return {
    ref(name: string) {
      const node = nodes.get(`model.${name}`) ?? nodes.get(`seed.${name}`);
      if (!node) {
        throw new RenderError(
          `ref('${name}') names no model or seed; check the spelling or add models/.../${name}.sql`,
          file,
          lineOf(raw, new RegExp(`ref\\(\\s*['"]${escapeRe(name)}['"]`)),
        );
      }
      deps.add(node.id);
      if (opts.parsing) return dialect.relation({ schema: 'parsing', name });
      if (node.kind === 'model' && node.config.materialized === 'ephemeral') return `(\n${node.compiledSql}\n)`;
      return dialect.relation((node as ModelNode | SeedNode).relation);
    },
    source(source: string, table: string) {
      const node = nodes.get(`source.${source}.${table}`);
      if (!node || node.kind !== 'source') {
        throw new RenderError(
          `source('${source}', '${table}') is not declared in a sources.yml`,
          file,
          lineOf(raw, new RegExp(`source\\(\\s*['"]${escapeRe(source)}['"]\\s*,\\s*['"]${escapeRe(table)}['"]`)),
        );
      }
      deps.add(node.id);
      const seed = node.dependsOn[0] ? (nodes.get(node.dependsOn[0]) as SeedNode) : undefined;
      if (seed) deps.add(seed.id);
      return dialect.relation(node.relation);
    },
    config(values) {
      if (opts.configSink) Object.assign(opts.configSink, values);
    },
    var(name, fallback) {
      if (name in vars && vars[name] !== undefined) return vars[name];
      if (fallback !== undefined) return fallback;
      throw new RenderError(`var('${name}') is not defined in project.yml vars or --vars, and has no default`, file, lineOf(raw, new RegExp(`var\\(\\s*['"]${escapeRe(name)}['"]`)));
    },
    env_var(name, fallback) {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      throw new RenderError(`env_var('${name}') is not set and has no default`, file, lineOf(raw, new RegExp(`env_var\\(\\s*['"]${escapeRe(name)}['"]`)));
    },
    thisRelation: opts.thisRelation ? dialect.relation(opts.thisRelation) : undefined,
    isIncremental: opts.isIncremental ?? false,
  };
}

function toCompileError(err: unknown, fallbackFile: string): CompileError {
  if (err instanceof RenderError) return { file: err.file, line: err.line, message: err.message.replace(/^[^:]+(:\d+)?: /, '') };
  return { file: fallbackFile, message: (err as Error).message };
}

function addSeedsAndSources(ctx: CompileContext): void {
  const { project, target, nodes } = ctx;
  for (const seed of project.seeds) {
    nodes.set(`seed.${seed.name}`, {
      kind: 'seed',
      id: `seed.${seed.name}`,
      name: seed.name,
      path: seed.path,
      dependsOn: [],
      tags: ['seed'],
      seed,
      relation: physicalRelation(target, project.config.seeds.schema, seed.name),
      checksum: '',
    });
  }
  // Var local_silver_schema: on a local engine, read the silver sources from this schema
  // (where `stride import` writes) instead of the sample seeds.
  const importSchema = target.type === 'duckdb' && typeof ctx.vars.local_silver_schema === 'string' ? ctx.vars.local_silver_schema : undefined;
  for (const source of project.sources) {
    const imported = importSchema !== undefined && source.source === 'silver';
    // On a local engine a declared source is the seed of the same name: the sample data.
    const seed = target.type === 'duckdb' && !imported ? (nodes.get(`seed.${source.identifier}`) as SeedNode | undefined) : undefined;
    nodes.set(`source.${source.source}.${source.name}`, {
      kind: 'source',
      id: `source.${source.source}.${source.name}`,
      name: `${source.source}.${source.name}`,
      path: source.file,
      dependsOn: seed ? [seed.id] : [],
      tags: [],
      source,
      relation: seed ? seed.relation : imported ? { schema: importSchema, name: source.identifier } : physicalRelation(target, source.schema, source.identifier),
    } satisfies SourceNode);
  }
}

/** Pass 1: render each model once with placeholder relations to learn its config and refs. */
function parseModels(ctx: CompileContext, errors: CompileError[], failed: Set<string>): void {
  const { project, target, te, nodes } = ctx;
  for (const model of project.models) {
    nodes.set(`model.${model.name}`, {
      kind: 'model',
      id: `model.${model.name}`,
      name: model.name,
      path: model.path,
      dependsOn: [],
      tags: [],
      model,
      config: resolveModelConfig(project.config, project.config.paths.models, model, {}),
      relation: { schema: '', name: model.name },
      compiledSql: '',
      checksum: sha256(model.raw),
    } satisfies ModelNode);
  }
  for (const model of project.models) {
    const node = nodes.get(`model.${model.name}`) as ModelNode;
    for (const finding of lintPortableSql(model.raw)) errors.push({ file: model.path, ...finding });
    const deps = new Set<string>();
    const inFile: Record<string, unknown> = {};
    try {
      renderTemplate(te, model.raw, model.path, renderHooks(ctx, model.path, model.raw, deps, { configSink: inFile, parsing: true }));
    } catch (err) {
      errors.push(toCompileError(err, model.path));
      failed.add(node.id);
    }
    const config: ModelConfig = resolveModelConfig(project.config, project.config.paths.models, model, inFile);
    node.config = config;
    node.tags = config.tags;
    node.dependsOn = [...deps].sort();
    node.relation = physicalRelation(target, config.schema, model.name);
  }
}

/** Pass 2: render every model in dependency order with real relations. */
function renderModels(ctx: CompileContext, errors: CompileError[], failed: Set<string>): void {
  const models = [...ctx.nodes.values()].filter((n): n is ModelNode => n.kind === 'model');
  for (const id of topologicalOrder(models)) {
    const node = ctx.nodes.get(id) as ModelNode;
    if (failed.has(id)) continue;
    const deps = new Set<string>();
    try {
      node.compiledSql = renderTemplate(
        ctx.te,
        node.model.raw,
        node.path,
        renderHooks(ctx, node.path, node.model.raw, deps, { thisRelation: node.relation }),
      ).trim();
    } catch (err) {
      errors.push(toCompileError(err, node.path));
    }
  }
}

function addTests(ctx: CompileContext, errors: CompileError[]): void {
  const { project, dialect, nodes } = ctx;
  const resolver = (file: string) => (expression: string) => {
    const deps = new Set<string>();
    const rendered = renderTemplate(ctx.te, `{{ ${expression} }}`, file, renderHooks(ctx, file, expression, deps, {}));
    return { relation: rendered, nodeId: [...deps].pop()! };
  };
  const subjects: { id: string; name: string; relation: string; file: string; tests: import('../project/types.ts').TestSpec[] }[] = [];
  for (const node of nodes.values()) {
    if (node.kind === 'model' && node.model.properties && node.config.materialized !== 'ephemeral') {
      subjects.push({ id: node.id, name: node.name, relation: dialect.relation(node.relation), file: node.model.properties.file, tests: node.model.properties.tests });
    }
    if (node.kind === 'seed' && node.seed.properties) {
      subjects.push({ id: node.id, name: node.name, relation: dialect.relation(node.relation), file: node.seed.properties.file, tests: node.seed.properties.tests });
    }
    if (node.kind === 'source') {
      subjects.push({ id: node.id, name: node.name.replace('.', '_'), relation: dialect.relation(node.relation), file: node.source.file, tests: node.source.tests });
    }
  }
  for (const subject of subjects) {
    for (const spec of subject.tests) {
      const name = genericTestName(spec, subject.name);
      let id = `test.${name}`;
      for (let i = 2; nodes.has(id); i++) id = `test.${name}_${i}`;
      try {
        const { sql, reads } = genericTestSql(spec, subject.relation, dialect, resolver(subject.file));
        nodes.set(id, {
          kind: 'test',
          id,
          name: id.slice(5),
          path: subject.file,
          dependsOn: [subject.id, ...reads],
          tags: [...(nodes.get(subject.id)?.tags ?? [])],
          testName: spec.name,
          column: spec.column,
          severity: spec.severity,
          attachedTo: [subject.id],
          compiledSql: sql,
          spec,
        } satisfies TestNode);
      } catch (err) {
        errors.push(toCompileError(err, subject.file));
      }
    }
  }
  for (const test of project.singularTests) {
    const deps = new Set<string>();
    try {
      const sql = renderTemplate(ctx.te, test.raw, test.path, renderHooks(ctx, test.path, test.raw, deps, {})).trim();
      const attached = [...deps].filter((d) => !d.startsWith('seed.') || ![...deps].some((x) => x.startsWith('source.')));
      nodes.set(`test.${test.name}`, {
        kind: 'test',
        id: `test.${test.name}`,
        name: test.name,
        path: test.path,
        dependsOn: [...deps].sort(),
        tags: [...new Set(attached.flatMap((d) => nodes.get(d)?.tags ?? []))],
        testName: 'singular',
        severity: /--\s*severity:\s*warn/i.test(test.raw) ? 'warn' : 'error',
        attachedTo: attached,
        compiledSql: sql.replace(/;\s*$/, ''),
      });
    } catch (err) {
      errors.push(toCompileError(err, test.path));
    }
  }
}

/**
 * Renders the whole project for one target without connecting to it: returns the
 * graph (models, seeds, sources, tests) and every error found, never throwing for
 * a problem in one file.
 */
export function compileProject(project: Project, options: CompileOptions = {}): CompiledProject {
  const env = options.env ?? process.env;
  const { target } = resolveTarget(project, options.target, env);
  const dialect = dialectFor(target.type);
  const te = createEnvironment(project.macros, dialect, target.name);
  const errors: CompileError[] = [...te.errors];
  const vars = resolveVars(project.config.vars, options.vars ?? {}, options.today);
  const ctx: CompileContext = { project, target, dialect, te, vars, env, nodes: new Map() };

  const failed = new Set<string>();
  addSeedsAndSources(ctx);
  parseModels(ctx, errors, failed);
  const cycles = findCycles(ctx.nodes.values());
  for (const cycle of cycles) {
    const first = ctx.nodes.get(cycle[0])!;
    errors.push({ file: first.path, message: `dependency cycle: ${cycle.map((id) => id.replace(/^model\./, '')).join(' -> ')}` });
  }
  if (cycles.length === 0) {
    renderModels(ctx, errors, failed);
    addTests(ctx, errors);
  }
  return { nodes: ctx.nodes, errors, vars, target, dialect, context: ctx };
}
