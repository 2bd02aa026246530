import nunjucks from 'nunjucks';
import type { Dialect } from '../adapters/dialect.ts';
import type { MacroFile } from '../project/types.ts';
import type { CompileError } from './nodes.ts';
import { RenderState } from './render-state.ts';

const MACRO_NAME = /\{%-?\s*macro\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
const ENGINE_PREFIX = /^(duckdb|databricks|default)__/;

/** Strips nunjucks' keyword-argument marker and returns a plain object. */
function kwargsOf(args: unknown[]): Record<string, unknown> {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  if (last && typeof last === 'object' && '__keywords' in last) {
    const { __keywords, ...rest } = last;
    return rest;
  }
  return {};
}

export interface TemplateEnvironment {
  env: nunjucks.Environment;
  state: RenderState;
  /** Base macro names callable from models, e.g. `date_add`. */
  macroNames: Set<string>;
  errors: CompileError[];
  /** Compiled templates by file, so a model parsed once is rendered many times cheaply. */
  templates: Map<string, nunjucks.Template>;
}

/**
 * A Nunjucks environment whose globals are Stride's template API and the project's
 * macros. A call to `name()` dispatches to `<engine>__name`, else `default__name`.
 */
export function createEnvironment(macros: MacroFile[], dialect: Dialect, targetName: string): TemplateEnvironment {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false, trimBlocks: false });
  const state = new RenderState();
  const errors: CompileError[] = [];

  const hook =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        return fn(...args);
      } catch (err) {
        state.pendingError ??= err;
        throw err;
      }
    };
  env.addGlobal('ref', hook((name: string) => state.get().ref(name)));
  env.addGlobal('source', hook((src: string, table: string) => state.get().source(src, table)));
  env.addGlobal(
    'config',
    hook((...args: unknown[]) => {
      state.get().config(kwargsOf(args));
      return '';
    }),
  );
  env.addGlobal('var', hook((name: string, fallback?: unknown) => state.get().var(name, fallback)));
  env.addGlobal('env_var', hook((name: string, fallback?: string) => state.get().env_var(name, fallback)));
  env.addGlobal('is_incremental', () => state.get().isIncremental);
  env.addGlobal('target', { name: targetName, type: dialect.type });
  env.addGlobal('adapter', { quote: (s: string) => dialect.quote(s) });

  // Exported macro functions by their full name (e.g. duckdb__date_add).
  const exported = new Map<string, (...args: unknown[]) => unknown>();
  const definedIn = new Map<string, string>();
  for (const file of macros) {
    for (const match of file.raw.matchAll(MACRO_NAME)) {
      const name = match[1];
      if (definedIn.has(name)) {
        const line = file.raw.slice(0, match.index).split('\n').length;
        errors.push({ file: file.path, line, message: `macro '${name}' is already defined in ${definedIn.get(name)}` });
      }
      definedIn.set(name, file.path);
    }
    try {
      const template = new nunjucks.Template(file.raw, env, file.path, true);
      (template as unknown as { getExported: (ctx: object, frame: null, cb: (err: Error | null, result: Record<string, any>) => void) => void }).getExported({}, null, (err, result) => {
        if (err) throw err;
        for (const [name, fn] of Object.entries(result ?? {})) if (typeof fn === 'function') exported.set(name, fn);
      });
    } catch (err) {
      const e = err as { lineno?: number; message: string };
      errors.push({ file: file.path, line: e.lineno, message: `macro file does not parse: ${e.message.split('\n').pop()?.trim()}` });
    }
  }

  const macroNames = new Set<string>();
  for (const full of exported.keys()) {
    const base = full.replace(ENGINE_PREFIX, '');
    if (base !== full) macroNames.add(base);
    env.addGlobal(full, (...args: unknown[]) => exported.get(full)!(...args));
  }
  for (const base of macroNames) {
    if (exported.has(base)) {
      errors.push({ file: definedIn.get(base)!, message: `macro '${base}' is defined both plainly and with engine variants: keep one form` });
      continue;
    }
    env.addGlobal(
      base,
      hook((...args: unknown[]) => {
        const impl = exported.get(`${dialect.type}__${base}`) ?? exported.get(`default__${base}`);
        if (!impl) {
          const variant = [...exported.keys()].find((k) => k.endsWith(`__${base}`))!;
          throw new Error(`macro '${base}' (${definedIn.get(variant)}) has no ${dialect.type}__${base} or default__${base} variant`);
        }
        return impl(...args);
      }),
    );
  }
  for (const full of exported.keys()) if (!ENGINE_PREFIX.test(full)) macroNames.add(full);
  return { env, state, macroNames, errors, templates: new Map() };
}
