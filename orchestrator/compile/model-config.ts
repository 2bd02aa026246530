import type { ModelConfig, ModelFile, ProjectConfig } from '../project/types.ts';
import { MODEL_CONFIG_KEYS } from '../project/project-schema.ts';

const toList = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)];

function pickConfig(source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([k]) => MODEL_CONFIG_KEYS.includes(k)));
}

/**
 * Config precedence, lowest first: project.yml folder config (outer folders first),
 * the model's YAML `config:`, then `config()` in the SQL. Tags accumulate.
 */
export function resolveModelConfig(
  project: ProjectConfig,
  modelsPath: string,
  model: ModelFile,
  inFile: Record<string, unknown>,
): ModelConfig {
  const folders = model.path.slice(modelsPath.length + 1).split('/').slice(0, -1);
  const layers: Record<string, unknown>[] = [];
  let node: Record<string, unknown> | undefined = project.models;
  layers.push(pickConfig(node ?? {}));
  for (const folder of folders) {
    node = node?.[folder] as Record<string, unknown> | undefined;
    if (!node) break;
    layers.push(pickConfig(node));
  }
  layers.push(model.properties?.config ?? {}, inFile);
  const merged: Record<string, unknown> = { materialized: 'view', schema: 'main', enabled: true };
  const tags = new Set<string>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (key === 'tags') toList(value)?.forEach((t) => tags.add(t));
      else if (value !== undefined) merged[key] = value;
    }
  }
  return {
    ...merged,
    tags: [...tags],
    unique_key: toList(merged.unique_key),
  } as ModelConfig;
}
