import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ProjectError } from '../project/errors.ts';
import type { Project } from '../project/types.ts';
import { readYamlFile } from '../project/yaml-file.ts';

export type MlKind = 'training_set' | 'ml_model' | 'predictions';
const KINDS: Record<string, MlKind> = { training_set: 'training_set', model: 'ml_model', predictions: 'predictions' };

/** An input of an ML node; `version` pins a feature table's version on the edge. */
export interface MlInput {
  name: string;
  version?: number;
}

/** A training set, ML model or predictions table declared under `ml:` in a YAML file in models/. */
export interface MlNode {
  id: string;
  kind: MlKind;
  name: string;
  description?: string;
  owner?: string;
  dependsOn: MlInput[];
  /** Tables the node writes (e.g. the predictions source), downstream of it in the lineage. */
  writes: string[];
  file: string;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/**
 * Reads every `ml:` list in the models folder: what sits downstream of the SQL
 * graph (training sets, ML models, predictions), so lineage reaches the models.
 */
export function loadMlNodes(project: Project): MlNode[] {
  const nodes: MlNode[] = [];
  for (const path of yamlFiles(join(project.root, project.config.paths.models))) {
    const file = relative(project.root, path).split(sep).join('/');
    const yaml = readYamlFile(path, file);
    const list = (yaml.value as Record<string, unknown>).ml;
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new ProjectError("'ml:' must be a list of {name, type, depends_on}", file, yaml.lineOf(['ml']));
    list.forEach((entry: any, i: number) => {
      const fail = (message: string): never => {
        throw new ProjectError(`ml entry ${entry?.name ?? i + 1}: ${message}`, file, yaml.lineOf(['ml', i]));
      };
      if (!entry?.name || typeof entry.name !== 'string') fail('needs a name');
      const kind = KINDS[String(entry.type)];
      if (!kind) fail(`type must be one of ${Object.keys(KINDS).join(', ')}`);
      const deps = (entry.depends_on ?? []) as unknown[];
      if (!Array.isArray(deps)) fail('depends_on must be a list');
      const dependsOn = deps.map((d: any): MlInput => {
        if (typeof d === 'string') return { name: d };
        if (d && typeof d.name === 'string' && (d.version === undefined || Number.isInteger(d.version))) return { name: d.name, version: d.version };
        return fail('each depends_on item is a name or {name, version}');
      });
      const writes = (entry.writes ?? []) as unknown[];
      if (!Array.isArray(writes) || !writes.every((w) => typeof w === 'string')) fail('writes must be a list of table names');
      nodes.push({ id: `${kind}.${entry.name}`, kind, name: entry.name, description: entry.description, owner: entry.owner, dependsOn, writes: writes as string[], file });
    });
  }
  return nodes;
}
