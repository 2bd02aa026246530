import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mlflowYaml } from './mlflow-yaml.ts';
import type { KeyValue, ModelVersion, RegisteredModel } from './types.ts';
import { validateKey } from './validate.ts';

const readYaml = (file: string) => parse(readFileSync(file, 'utf8')) as Record<string, any>;
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/**
 * The MLflow 2.x model registry file store (mlflow/store/model_registry/file_store.py):
 *   <root>/models/<name>/meta.yaml            creation/last-updated timestamps, description, aliases
 *   <root>/models/<name>/aliases/<alias>      the version number as text
 *   <root>/models/<name>/tags/<key>
 *   <root>/models/<name>/version-<n>/meta.yaml, tags/<key>
 */
export class FileRegistry {
  constructor(private readonly root: string) {
    mkdirSync(this.modelsDir, { recursive: true });
  }

  private get modelsDir(): string {
    return join(this.root, 'models');
  }

  private modelDir(name: string): string {
    if (!name || /[/\\%]/.test(name) || name === '.' || name === '..') throw new Error(`invalid registered model name '${name}'`);
    return join(this.modelsDir, name);
  }

  private aliases(name: string): Record<string, string> {
    const dir = join(this.modelDir(name), 'aliases');
    return Object.fromEntries(files(dir).map((a) => [a, readFileSync(join(dir, a), 'utf8')]));
  }

  /** RegisteredModel meta.yaml: every entity field but tags and latest_versions (kept in folders). */
  private touchModel(name: string, now = Date.now()): void {
    const file = join(this.modelDir(name), 'meta.yaml');
    const meta = readYaml(file);
    writeFileSync(
      file,
      mlflowYaml({
        aliases: this.aliases(name),
        creation_timestamp: meta.creation_timestamp,
        description: meta.description ?? null,
        last_updated_timestamp: now,
        name,
      }),
    );
  }

  async ensureRegisteredModel(name: string, description?: string): Promise<void> {
    const dir = this.modelDir(name);
    if (existsSync(join(dir, 'meta.yaml'))) return;
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    writeFileSync(join(dir, 'meta.yaml'), mlflowYaml({ aliases: {}, creation_timestamp: now, description: description ?? null, last_updated_timestamp: now, name }));
  }

  private readVersion(name: string, dir: string): ModelVersion {
    const m = readYaml(join(dir, 'meta.yaml'));
    const version = String(m.version);
    const tagDir = join(dir, 'tags');
    return {
      name,
      version,
      run_id: m.run_id ?? null,
      source: m.source,
      status: m.status,
      creation_timestamp: m.creation_timestamp,
      aliases: Object.entries(this.aliases(name)).filter(([, v]) => v === version).map(([a]) => a),
      tags: Object.fromEntries(files(tagDir).map((k) => [k, readFileSync(join(tagDir, k), 'utf8')])),
    };
  }

  async listVersions(name: string): Promise<ModelVersion[]> {
    const dir = this.modelDir(name);
    return files(dir)
      .filter((d) => d.startsWith('version-') && existsSync(join(dir, d, 'meta.yaml')))
      .map((d) => this.readVersion(name, join(dir, d)))
      .filter((v) => v.status !== 'DELETED_INTERNAL')
      .sort((a, b) => Number(a.version) - Number(b.version));
  }

  async createModelVersion(name: string, source: string, runId: string, tags: KeyValue[] = []): Promise<ModelVersion> {
    await this.ensureRegisteredModel(name);
    const dir = this.modelDir(name);
    const existing = files(dir).filter((d) => /^version-\d+$/.test(d)).map((d) => Number(d.slice(8)));
    const version = existing.length ? Math.max(...existing) + 1 : 1;
    const vdir = join(dir, `version-${version}`);
    mkdirSync(vdir);
    const now = Date.now();
    // FileModelVersion's fields, sorted; `current_stage` 'None' is MLflow's STAGE_NONE.
    writeFileSync(
      join(vdir, 'meta.yaml'),
      mlflowYaml({
        aliases: [],
        creation_timestamp: now,
        current_stage: 'None',
        description: null,
        last_updated_timestamp: now,
        name,
        run_id: runId,
        run_link: null,
        source,
        status: 'READY',
        status_message: null,
        storage_location: source,
        user_id: null,
        version,
      }),
    );
    for (const t of tags) {
      validateKey('tag', t.key);
      mkdirSync(join(vdir, 'tags'), { recursive: true });
      writeFileSync(join(vdir, 'tags', t.key), t.value);
    }
    this.touchModel(name, now);
    return this.readVersion(name, vdir);
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    validateKey('alias', alias);
    if (/^v\d+$/i.test(alias)) throw new Error(`alias '${alias}' is reserved: MLflow keeps v<number> for versions`);
    if (!existsSync(join(this.modelDir(name), `version-${version}`, 'meta.yaml'))) throw new Error(`model ${name} has no version ${version}`);
    const dir = join(this.modelDir(name), 'aliases');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, alias), String(version));
    this.touchModel(name);
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined> {
    const version = this.aliases(name)[alias];
    if (version === undefined) return undefined;
    return this.readVersion(name, join(this.modelDir(name), `version-${version}`));
  }

  async listRegisteredModels(): Promise<RegisteredModel[]> {
    return files(this.modelsDir)
      .filter((n) => existsSync(join(this.modelsDir, n, 'meta.yaml')))
      .map((n) => {
        const m = readYaml(join(this.modelsDir, n, 'meta.yaml'));
        return { name: n, creation_timestamp: m.creation_timestamp, last_updated_timestamp: m.last_updated_timestamp, aliases: this.aliases(n) };
      });
  }
}
