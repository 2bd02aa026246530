import nunjucks from 'nunjucks';
import { ProjectError } from './errors.ts';
import type { Project, TargetConfig } from './types.ts';

export const SECRET_KEYS = ['token', 'client_secret', 'password'];

export interface ResolvedTarget {
  target: TargetConfig;
  /** Environment variables the target refers to that are not set (and have no default). */
  missingEnv: string[];
}

/**
 * Picks a target from project.yml and renders its env_var() references. Missing
 * variables are collected, not thrown: compile needs no credentials, connect does.
 */
export function resolveTarget(project: Project, name: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedTarget {
  const targets = project.config.targets as Record<string, unknown>;
  const targetName = name ?? String(targets.default);
  const raw = targets[targetName] as Record<string, unknown> | undefined;
  if (!raw || targetName === 'default') {
    const names = Object.keys(targets).filter((k) => k !== 'default');
    throw new ProjectError(`unknown target '${targetName}'; project.yml defines: ${names.join(', ')}`, 'project.yml');
  }
  const missingEnv: string[] = [];
  const renderer = new nunjucks.Environment(null, { autoescape: false });
  renderer.addGlobal('env_var', (key: string, fallback?: string) => {
    const value = env[key];
    if (value !== undefined && value !== '') return value;
    if (fallback === undefined) missingEnv.push(key);
    return fallback ?? '';
  });
  const render = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes('{{') ? renderer.renderString(value, {}) : value;
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
    return value;
  };
  const rendered = render(raw) as Record<string, any>;
  const target: TargetConfig = {
    ...rendered,
    name: targetName,
    type: rendered.type,
    threads: rendered.threads ?? 1,
    schemas: rendered.schemas ?? {},
  };
  return { target, missingEnv: [...new Set(missingEnv)] };
}

/** The target as it may be shown: secrets replaced by a mark saying whether they are set. */
export function describeTarget(target: TargetConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(target).map(([k, v]) => [k, SECRET_KEYS.includes(k) ? (v ? '<set>' : '<not set>') : v]),
  );
}
