import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * databricks.yml with its included resources, checked against the official bundle
 * JSON schema (../shared/schemas, from the databricks/cli repository) and against
 * the repository: every path it names exists, every reference resolves.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMA = join(ROOT, '..', 'shared', 'schemas', 'databricks-bundle.schema.json');
type Doc = Record<string, any>;

/** `resources/*.yml` -> the matching files (the only glob form the bundle uses). */
function expandInclude(pattern: string): string[] {
  const dir = join(ROOT, dirname(pattern));
  const re = new RegExp(`^${relative(dirname(pattern), pattern).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f)) : [];
}

/** The bundle as the CLI sees it: the root file with each included file's mappings merged in. */
function loadBundle(): { root: Doc; files: { file: string; doc: Doc }[] } {
  const root = parse(readFileSync(join(ROOT, 'databricks.yml'), 'utf8')) as Doc;
  const files = (root.include as string[]).flatMap(expandInclude).map((file) => ({ file, doc: parse(readFileSync(file, 'utf8')) as Doc }));
  const merged: Doc = structuredClone(root);
  for (const { doc } of files) {
    for (const [kind, byName] of Object.entries((doc.resources ?? {}) as Doc)) {
      merged.resources ??= {};
      merged.resources[kind] = { ...(merged.resources[kind] ?? {}), ...byName };
    }
  }
  return { root: merged, files };
}

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

const { root: bundle, files } = loadBundle();
const job = bundle.resources.jobs.strava_pipeline as Doc;
const tasks = job.tasks as Doc[];
const pythonTasks = tasks.filter((t) => t.spark_python_task);
/** Bundle paths in task parameters point at workspace files synced from the repository root. */
const local = (arg: string) => arg.replace('${workspace.file_path}', ROOT);

describe('Databricks bundle: schema', () => {
  const shared = existsSync(SCHEMA);
  it.skipIf(!shared)(`validates against the official bundle schema${shared ? '' : ' (skipped: ../shared/schemas is absent)'}`, () => {
    const validate = validator();
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.skipIf(!shared)(`rejects what the schema forbids, so the check above can fail${shared ? '' : ' (skipped: ../shared/schemas is absent)'}`, () => {
    const validate = validator();
    const broken = structuredClone(bundle);
    broken.resources.jobs.strava_pipeline.tasks[0].node_task = { script: 'x.js' };
    expect(validate(broken)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('must NOT have additional properties');
  });
});

describe('Databricks bundle: references and paths', () => {
  it('includes the resource file', () => {
    expect(files.map((f) => relative(ROOT, f.file))).toEqual(['resources/strava-pipeline.yml']);
  });

  it('names only files that exist (the bundled CLI is the output of npm run bundle)', async () => {
    const { OUTFILE } = await import('../../scripts/bundle.ts');
    for (const task of pythonTasks) {
      expect(existsSync(join(ROOT, 'resources', task.spark_python_task.python_file)), task.task_key).toBe(true);
      const args: string[] = task.spark_python_task.parameters;
      expect(local(args[args.indexOf('--script') + 1])).toBe(OUTFILE);
      expect(existsSync(join(local(args[args.indexOf('--project-dir') + 1]), 'project.yml'))).toBe(true);
    }
    expect(bundle.sync.include).toEqual([relative(ROOT, OUTFILE)]);
  });

  it('declares every variable it uses, and leaves unset only what the deploy command passes', () => {
    const used = new Set([...JSON.stringify(bundle).matchAll(/\$\{var\.([a-z_]+)\}/g)].map((m) => m[1]));
    const declared = Object.keys(bundle.variables);
    expect([...used].filter((v) => !declared.includes(v))).toEqual([]);
    expect(declared.filter((v) => !used.has(v))).toEqual([]);
    const unset = (target: string) => declared.filter((v) => bundle.variables[v].default === undefined && bundle.targets[target].variables?.[v] === undefined);
    expect(unset('dev')).toEqual(['warehouse_id']);
    expect(unset('prod')).toEqual(['warehouse_id', 'service_principal']);
  });

  it('runs on serverless with Node from the environment, as the service principal in prod', () => {
    expect(job.environments).toEqual([{ environment_key: 'node', spec: { environment_version: '${var.environment_version}', dependencies: ['${var.node_package}'] } }]);
    for (const task of pythonTasks) expect(task.environment_key, task.task_key).toBe('node');
    expect(job.job_clusters).toBeUndefined();
    expect(bundle.targets.dev.mode).toBe('development');
    expect(bundle.targets.prod.mode).toBe('production');
    expect(bundle.targets.prod.run_as).toEqual({ service_principal_name: '${var.service_principal}' });
    expect(job.schedule).toEqual({ quartz_cron_expression: '${var.schedule_cron}', timezone_id: '${var.schedule_timezone}', pause_status: 'UNPAUSED' });
  });

  it('orders the tasks build -> weekly or missing-champion training -> predict', () => {
    const keys = tasks.map((t) => t.task_key);
    for (const task of tasks) for (const dep of task.depends_on ?? []) expect(keys, `${task.task_key} depends on ${dep.task_key}`).toContain(dep.task_key);
    const deps = Object.fromEntries(tasks.map((t) => [t.task_key, (t.depends_on ?? []).map((d: Doc) => `${d.task_key}${d.outcome ? `=${d.outcome}` : ''}`)]));
    expect(deps).toEqual({
      build_features: [],
      is_training_day: ['build_features'],
      train_weekly: ['is_training_day=true'],
      train_if_no_champion: ['is_training_day=false'],
      predict: ['train_weekly', 'train_if_no_champion'],
    });
    const condition = tasks.find((t) => t.task_key === 'is_training_day')!.condition_task;
    expect(condition).toEqual({ op: 'EQUAL_TO', left: '{{job.start_time.iso_weekday}}', right: '${var.training_weekday}' });
    expect(tasks.find((t) => t.task_key === 'predict')!.run_if).toBe('NONE_FAILED');
    const command = (key: string) => {
      const args: string[] = tasks.find((t) => t.task_key === key)!.spark_python_task.parameters;
      return args.slice(args.indexOf('--') + 1, args.indexOf('--target'));
    };
    expect([command('build_features'), command('train_weekly'), command('train_if_no_champion'), command('predict')]).toEqual([
      ['build'],
      ['train'],
      ['train', '--if-no-champion'],
      ['predict'],
    ]);
  });

  it("gives the build task options the CLI accepts, leaving out the seeds that stand in for silver sources", () => {
    const args: string[] = tasks.find((t) => t.task_key === 'build_features')!.spark_python_task.parameters;
    const cli = args.slice(args.indexOf('--') + 1).map(local);
    expect(cli[0]).toBe('build');
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'stride.mjs'), 'ls', ...cli.slice(1), '--resource-type', 'seed'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^seed\s+athlete_settings$/m);
    // The sample silver seeds exist, and the job leaves them out: they must not replace the real silver tables.
    expect(existsSync(join(ROOT, 'seeds', 'strava_activities.csv')) && existsSync(join(ROOT, 'seeds', 'strava_sub_activity.csv'))).toBe(true);
    expect(run.stdout).not.toMatch(/\bstrava_(activities|sub_activity)\b/);
  });
});
