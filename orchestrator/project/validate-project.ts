import { Ajv, type ErrorObject } from 'ajv';
import { ProjectError } from './errors.ts';
import { projectSchema, MODEL_CONFIG_KEYS } from './project-schema.ts';
import type { YamlFile } from './yaml-file.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(projectSchema);

function pathOf(error: ErrorObject): string[] {
  return error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function allowedKeysAt(path: string[], value: unknown): string[] {
  if (path[0] === 'models') return MODEL_CONFIG_KEYS;
  const schemaNode = path.reduce<any>((node, key) => {
    if (!node) return undefined;
    if (node.$ref) node = (projectSchema.$defs as any)[node.$ref.split('/').pop()];
    return node.properties?.[key] ?? node.additionalProperties;
  }, projectSchema as any);
  const resolved = schemaNode?.$ref ? (projectSchema.$defs as any)[schemaNode.$ref.split('/').pop()] : schemaNode;
  if (resolved?.allOf) {
    const type = (value as { type?: string })?.type;
    const branch = resolved.allOf.find((b: any) => b.if.properties.type.const === type);
    return Object.keys(branch?.then.properties ?? {});
  }
  return Object.keys(resolved?.properties ?? {});
}

/** Turns ajv's errors into one message per problem with the file and line. */
export function validateProjectYaml(yaml: YamlFile): void {
  if (validateSchema(yaml.value)) return;
  const messages: string[] = [];
  let firstLine: number | undefined;
  for (const error of validateSchema.errors ?? []) {
    if (error.keyword === 'if') continue;
    const path = pathOf(error);
    let line: number | undefined;
    let message: string;
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const container = path.reduce<any>((v, k) => v?.[k], yaml.value);
      line = yaml.lineOf(path, key);
      message = `unknown key '${key}' in ${path.join('.') || 'the top level'}; allowed keys: ${allowedKeysAt(path, container).join(', ')}`;
    } else if (path[0] === 'models' && error.keyword === 'type' && error.params.type === 'object') {
      const key = path[path.length - 1];
      line = yaml.lineOf(path.slice(0, -1), key);
      message = `'${key}' in ${path.slice(0, -1).join('.')} is neither a model config key (${MODEL_CONFIG_KEYS.join(', ')}) nor a folder of models`;
    } else {
      line = yaml.lineOf(path);
      const where = path.join('.') || 'the top level';
      const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
      message = `${where} ${error.message}${allowed}`;
    }
    firstLine ??= line;
    messages.push(`${yaml.file}${line ? `:${line}` : ''}: ${message}`);
  }
  const unique = [...new Set(messages)];
  throw new ProjectError(
    unique.length === 1 ? unique[0].slice(unique[0].indexOf(': ') + 2) : `invalid project file:\n  ${unique.join('\n  ')}`,
    unique.length === 1 ? yaml.file : undefined,
    unique.length === 1 ? firstLine : undefined,
  );
}
