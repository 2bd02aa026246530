import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/bundle.ts';
import { copyFixture } from '../helpers/fixture.ts';

/**
 * The job's mechanics without a workspace: ops/run_node.py (the spark_python_task
 * file) finds Node and runs the single-file CLI that `npm run bundle` builds, from a
 * folder with no node_modules, as the serverless job does.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const LAUNCHER = join(ROOT, 'ops', 'run_node.py');
const work = mkdtempSync(join(tmpdir(), 'stride-launcher-'));
const noDatabricksEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATABRICKS_')));

function launch(args: string[], env: Record<string, string> = {}) {
  return spawnSync('python3', [LAUNCHER, ...args], { env: { ...noDatabricksEnv, ...env }, encoding: 'utf8', timeout: 120_000 });
}

describe('ops/run_node.py', () => {
  const script = join(work, 'echo.mjs');
  beforeAll(() => {
    writeFileSync(
      script,
      [
        "console.log('args ' + JSON.stringify(process.argv.slice(2)));",
        "console.error('cwd ' + process.cwd() + ' x=' + (process.env.STRIDE_X ?? 'unset'));",
        'process.exit(Number(process.env.EXIT_WITH ?? 0));',
      ].join('\n'),
    );
  });

  it('passes the arguments after --, exports --env, streams both outputs', () => {
    const run = launch(['--script', script, '--node', process.execPath, '--env', 'STRIDE_X=42', '--', 'build', '--target', 'databricks']);
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('args ["build","--target","databricks"]\n');
    expect(run.stderr).toContain(`cwd ${join(work, '..')} x=42`);
    expect(run.stderr).toContain(`[run_node] using Node.js ${process.versions.node.split('.')[0]} from --node / STRIDE_NODE: ${process.execPath}`);
  });

  it("exits with the CLI's exit code", () => {
    const run = launch(['--script', script, '--node', process.execPath], { EXIT_WITH: '3' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('[run_node] the CLI exited with code 3');
  });

  it('skips a Node older than 20 and falls back to the next runtime', () => {
    const old = join(work, 'node18');
    writeFileSync(old, '#!/bin/sh\necho v18.20.0\n');
    chmodSync(old, 0o755);
    const run = launch(['--script', script, '--node', old], { PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` });
    expect(run.stderr).toContain(`[run_node] skipping ${old} from --node / STRIDE_NODE: Node.js 18 < 20`);
    expect(run.status).toBe(0);
  });

  it('says what to do when the bundled CLI is missing, and rejects malformed --env', () => {
    const missing = launch(['--script', join(work, 'nope.mjs'), '--node', process.execPath]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("does not exist; run 'npm run bundle' before 'databricks bundle deploy'");
    const bad = launch(['--script', script, '--node', process.execPath, '--env', 'not a pair']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("run_node: --env expects NAME=VALUE, got 'not a pair'");
  });
});

describe('npm run bundle: one file that runs without node_modules', () => {
  const dist = join(work, 'dist');
  const cli = join(dist, 'stride.mjs');
  beforeAll(async () => {
    await bundle(cli);
  });

  it('compiles a project for Databricks through the launcher, as a job task would', () => {
    const project = copyFixture('mini');
    const run = launch(['--script', cli, '--node', process.execPath, '--', 'compile', '--target', 'databricks', '--project-dir', project]);
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    expect(existsSync(join(project, 'target', 'compiled', 'databricks', 'models', 'marts', 'athlete_totals.sql'))).toBe(true);
    expect(existsSync(join(dist, '..', 'node_modules'))).toBe(false);
  });

  it('reports missing Databricks settings without connecting', () => {
    const project = copyFixture('mini');
    const run = launch(['--script', cli, '--node', process.execPath, '--', 'debug', '--target', 'databricks', '--project-dir', project]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('missing environment variables: DATABRICKS_HTTP_PATH or DATABRICKS_WAREHOUSE_ID;');
    expect(run.stdout).toContain('connection: not attempted');
  });
});
