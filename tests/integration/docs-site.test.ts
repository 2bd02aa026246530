import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckDBAdapter } from '../../orchestrator/adapters/duckdb/duckdb-adapter.ts';
import { generateSite, type GeneratedSite } from '../../orchestrator/docs/generate-site.ts';
import { serveSite, type RunningSite } from '../../orchestrator/docs/serve-site.ts';
import { textReporter } from '../../orchestrator/run/reporter.ts';
import { runCommand } from '../../orchestrator/stride.ts';
import { trainIfNoChampion } from '../../ml/pipeline/champions.ts';
import { CHAMPION, DETECTOR_EXPERIMENT, DETECTOR_MODEL, ESTIMATOR_EXPERIMENT, ESTIMATOR_MODEL } from '../../ml/pipeline/context.ts';
import { predictRange } from '../../ml/pipeline/predict.ts';
import { hms } from '../../ml/pipeline/predictions-report.ts';
import { mlProject } from '../../ml/shared/project-tables.ts';
import { FileStore } from '../../ml/tracking/file-store.ts';
import { copyStrideProject, REPO } from '../helpers/project-copy.ts';

// The docs site of the sample data, opened in headless Chromium (Debian's `chromium` package,
// driven by playwright-core). Screenshots go to target/docs-screenshots/ of the repository.
const AS_OF = '2026-11-22';
const vars = { as_of_date: AS_OF };
const SCREENSHOTS = join(REPO, 'target', 'docs-screenshots');
const quiet = () => undefined;
const env = { ...process.env, MLFLOW_TRACKING_URI: '' };

function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error("the docs-site browser tests need Chromium: install Debian's `chromium` package (apt-get install chromium); .ci/run does this on a fresh machine");
  }
}

function htmlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.html') ? [`${prefix}${e.name}`] : [],
  );
}

/** Opens a page and returns every console error, page error and failed or refused request on the way. */
async function open(page: Page, url: string): Promise<string[]> {
  const problems: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => m.type() === 'error' && problems.push(`console: ${m.text()}`);
  const onError = (e: Error) => problems.push(`page error: ${e.message}`);
  const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  const onResponse = (r: { url(): string; status(): number }) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.readyState === 'complete');
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
  return problems;
}

describe('docs site of the sample data in headless Chromium', () => {
  let dir: string;
  let bare: GeneratedSite;
  let siteDir: string;
  let cliOutput: string;
  let server: RunningSite;
  let browser: Browser;
  let page: Page;
  const dailyRows = new Map<string, number>();
  const lastCtl = new Map<string, number>();
  const raceCount = new Map<string, number>();

  beforeAll(async () => {
    const executablePath = chromiumPath();
    dir = copyStrideProject();
    const adapter = await DuckDBAdapter.open({ path: join(dir, 'target', 'stride.duckdb') });
    try {
      const build = await runCommand('build', { projectDir: dir, adapter, vars, reporter: textReporter(quiet) });
      expect(build.success).toBe(true);
    } finally {
      await adapter.close();
    }
    // Before any training or prediction: the site must say what is missing, not fail.
    bare = await generateSite({ projectDir: dir, vars, env, targetDir: join(dir, 'bare') });

    // Train, then promote the logged runs as if they had passed their gates (the sample is too
    // small to pass them), so predictions carry the model's intervals and the registry has versions.
    const store = new FileStore(join(dir, 'mlruns'));
    const trained = await trainIfNoChampion({ projectDir: dir, vars, store, log: quiet });
    if ('skipped' in trained) throw new Error('a fresh copy has no champion: train --if-no-champion must train');
    for (const [name, runId] of [[ESTIMATOR_MODEL, trained.estimator.best.runId], [DETECTOR_MODEL, trained.detector.runId]]) {
      if (await store.getVersionByAlias(name, CHAMPION)) continue;
      const run = await store.getRun(runId);
      await store.ensureRegisteredModel(name);
      const version = await store.createModelVersion(name, `${run.info.artifact_uri.replace(/\/$/, '')}/model`, runId);
      await store.setAlias(name, CHAMPION, version.version);
    }
    const project = mlProject(dir, { vars });
    const db = await project.open();
    try {
      await predictRange(db, project, store, AS_OF, AS_OF);
    } finally {
      await db.close();
    }

    // The full site through the command line, as `npm start` writes it.
    const cli = spawnSync(process.execPath, [join(REPO, 'bin', 'stride.mjs'), 'docs', 'generate', '--project-dir', dir, '--vars', `{as_of_date: ${AS_OF}}`], { encoding: 'utf8', env, timeout: 60_000 });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    cliOutput = cli.stdout;
    siteDir = join(dir, 'target', 'docs');

    // The expected answers, counted straight from the feature tables.
    const check = await DuckDBAdapter.open({ path: join(dir, 'target', 'stride.duckdb') });
    try {
      for (const r of await check.query('select athlete_id, count(*) as n from "feature_store"."athlete_daily_features" group by athlete_id')) dailyRows.set(String(r.athlete_id), Number(r.n));
      for (const r of await check.query('select athlete_id, ctl_42d from "feature_store"."athlete_rolling_features" qualify row_number() over (partition by athlete_id order by as_of_date desc) = 1')) lastCtl.set(String(r.athlete_id), Number(r.ctl_42d));
      for (const r of await check.query('select athlete_id, count(*) as n from "feature_store"."activity_features" where is_race group by athlete_id')) raceCount.set(String(r.athlete_id), Number(r.n));
    } finally {
      await check.close();
    }

    server = await serveSite(siteDir, 0);
    browser = await chromium.launch({ executablePath });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 110_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('`stride docs generate` ends by printing the path of the report', () => {
    const lines = cliOutput.trim().split('\n');
    expect(lines[lines.length - 1]).toBe(join(dir, 'target', 'docs', 'index.html'));
    expect(lines[0]).toBe(`Docs site: ${htmlFiles(siteDir).length} pages in ${relative(process.cwd(), siteDir)}`);
    expect(cliOutput).toContain(`athletes: 8 athlete pages up to ${AS_OF}`);
  });

  it('`stride docs serve` serves the site on 127.0.0.1 and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'stride.mjs'), 'docs', 'serve', '--port', '0', '--project-dir', dir], { env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await vi.waitFor(() => expect(out).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl\+C to stop\)\n$/), { timeout: 30_000, interval: 100 });
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1];
      const res = await fetch(`${url}athletes/index.html`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<h1>Athletes</h1>');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('loads every page without a console error, page error or failed request', async () => {
    const pages = htmlFiles(siteDir).sort();
    // 23 lineage nodes, index, lineage, MLflow, the athlete index and one page per athlete.
    expect(pages).toHaveLength(23 + 4 + dailyRows.size);
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'lineage.html', 'mlflow.html', 'athletes/index.html', 'nodes/predictions.athlete_predictions.html']));
    const problems: string[] = [];
    for (const path of pages) for (const p of await open(page, `${server.url}${path}`)) problems.push(`${path}: ${p}`);
    expect(problems).toEqual([]);
    for (const [path, name] of [['index.html', 'index'], ['mlflow.html', 'mlflow'], ['nodes/model.athlete_rolling_features.html', 'node-athlete_rolling_features']]) {
      await page.goto(`${server.url}${path}`);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    }
  });

  it("draws one PMC point per day of each athlete's history, the races and the warm-up", async () => {
    expect(dailyRows.size).toBe(8);
    for (const [athlete, rows] of dailyRows) {
      expect(await open(page, `${server.url}athletes/${athlete}.html`)).toEqual([]);
      const drawn = await page.evaluate(() => {
        const chart = (window as any).strideCharts.pmc;
        const byLabel = (label: string) => chart.data.datasets.findIndex((d: { label: string }) => d.label === label);
        const points = (i: number) => chart.getDatasetMeta(i).data.filter((p: { skip: boolean }) => !p.skip).length;
        const ctl = byLabel('Fitness (CTL)');
        return {
          labels: chart.data.labels.length,
          ctl: points(ctl),
          atl: points(byLabel('Fatigue (ATL)')),
          tsb: points(byLabel('Form (TSB)')),
          races: points(byLabel('Race')),
          warmup: points(byLabel('Warm-up (first 84 days)')),
          lastCtl: chart.data.datasets[ctl].data[chart.data.datasets[ctl].data.length - 1],
        };
      });
      expect(drawn).toEqual({
        labels: rows,
        ctl: rows,
        atl: rows,
        tsb: rows,
        races: raceCount.get(athlete) ?? 0,
        // is_warmup = days_of_history < 84: the first 83 days.
        warmup: Math.min(rows, 83),
        lastCtl: drawn.lastCtl,
      });
      expect(drawn.lastCtl).toBeCloseTo(lastCtl.get(athlete)!, 3);
    }
    const longest = [...dailyRows.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    await page.goto(`${server.url}athletes/${longest}.html`);
    await page.screenshot({ path: join(SCREENSHOTS, `athlete-${longest}.png`), fullPage: true });
  });

  it('shows each athlete the interval of the model beside the Riegel baseline', async () => {
    const check = await DuckDBAdapter.open({ path: join(dir, 'target', 'stride.duckdb') });
    const rows = await check.query(`select * from "gold"."athlete_predictions" where as_of_date = date '${AS_OF}' and prediction_source = 'model' order by athlete_id`);
    await check.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      await page.goto(`${server.url}athletes/${r.athlete_id}.html`);
      const cells = await page.$$eval('table.predictions tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
      expect(cells[1].slice(0, 4)).toEqual(['10K', hms(Number(r.predicted_10k_sec)), `${hms(Number(r.predicted_10k_sec_p10))} – ${hms(Number(r.predicted_10k_sec_p90))}`, hms(Number(r.baseline_10k_sec))]);
    }
  });

  it("marks each athlete's state from the rule, the day's final flag and the warm-up", async () => {
    const check = await DuckDBAdapter.open({ path: join(dir, 'target', 'stride.duckdb') });
    const rows = await check.query(
      `select r.athlete_id, r.is_overtraining_risk as rule, r.is_warmup, p.is_overtraining_risk as final
       from "feature_store"."athlete_rolling_features" r
       left join "gold"."athlete_predictions" p on p.athlete_id = r.athlete_id and p.as_of_date = r.as_of_date
       qualify row_number() over (partition by r.athlete_id order by r.as_of_date desc) = 1
       order by r.athlete_id`,
    );
    await check.close();
    const expected = rows.map((r) => [String(r.athlete_id), r.rule ? 'risk' : r.final ? 'risk (detector)' : r.is_warmup ? 'warm-up' : 'ok']);
    await page.goto(`${server.url}athletes/index.html`);
    const shown = await page.$$eval('table.athletes tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())).map((cells) => [cells[0], cells[7]]));
    expect(shown).toEqual(expected);
  });

  it("draws the manifest's lineage graph and focuses on a node's upstream and downstream", async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
    const expectedNodes = [...Object.values(manifest.nodes).filter((n: any) => n.kind !== 'test').map((n: any) => n.unique_id), ...Object.keys(manifest.ml_nodes)].sort();
    const expectedEdges = [...new Set(manifest.lineage_edges.map((e: { from: string; to: string }) => `${e.from}->${e.to}`))].sort();
    expect(await open(page, `${server.url}lineage.html`)).toEqual([]);
    const graph = await page.evaluate(() => {
      const cy = (window as any).strideLineage.cy;
      return { nodes: cy.nodes().map((n: any) => n.id()).sort(), edges: cy.edges().map((e: any) => `${e.source().id()}->${e.target().id()}`).sort() };
    });
    expect(graph.nodes).toEqual(expectedNodes);
    expect(graph.edges).toEqual(expectedEdges);

    // Focus: the node, everything it reads from and everything that reads it stay lit.
    const focus = 'model.athlete_rolling_features';
    const reach = (start: string, next: (e: { from: string; to: string }) => [string, string]) => {
      const seen = new Set<string>();
      const walk = (id: string) => {
        for (const e of manifest.lineage_edges) {
          const [a, b] = next(e);
          if (a === id && !seen.has(b)) {
            seen.add(b);
            walk(b);
          }
        }
      };
      walk(start);
      return seen;
    };
    const lit = new Set([focus, ...reach(focus, (e) => [e.from, e.to]), ...reach(focus, (e) => [e.to, e.from])]);
    await page.goto(`${server.url}lineage.html#${focus}`);
    const shown = await page.evaluate(() => (window as any).strideLineage.cy.nodes().filter((n: any) => !n.hasClass('faded')).map((n: any) => n.id()).sort());
    expect(shown).toEqual([...lit].sort());
    expect(shown).toContain('source.gold.athlete_predictions');
    expect(shown).not.toContain('model.athlete_weekly_features');
    expect(await page.textContent('#info h3')).toBe('athlete_rolling_features');
    await page.screenshot({ path: join(SCREENSHOTS, 'lineage-focused.png'), fullPage: true });
  });

  it('lists the MLflow runs and the registered versions with their aliases', async () => {
    const store = new FileStore(join(dir, 'mlruns'));
    await page.goto(`${server.url}mlflow.html`);
    for (const name of [ESTIMATOR_MODEL, DETECTOR_MODEL]) {
      const [version] = await store.listVersions(name);
      const run = await store.getRun(version.run_id!);
      const row = await page.$eval(`xpath=//h3[text()="${name}"]/following-sibling::table[1]/tbody/tr[1]`, (tr) => tr.textContent!.replace(/\s+/g, ' '));
      expect(row).toContain(`v${version.version}`);
      expect(row).toContain(`${run.info.run_name} ${CHAMPION}`);
      expect(row).toContain(`gate_passed ${run.metrics.gate_passed}`);
    }
    const runIds = await page.$$eval('table.runs > tbody > tr', (trs) => trs.map((tr) => tr.id.replace('run-', '')).sort());
    const experiments = await Promise.all([ESTIMATOR_EXPERIMENT, DETECTOR_EXPERIMENT].map((name) => store.getOrCreateExperiment(name)));
    const expected = (await store.searchRuns(experiments)).map((r) => r.info.run_id).sort();
    expect(runIds).toEqual(expected);
    expect(runIds).toHaveLength(2);
  });

  it('works opened from disk (file://) as well', async () => {
    const athlete = [...dailyRows.keys()][0];
    expect(await open(page, pathToFileURL(join(siteDir, 'athletes', `${athlete}.html`)).href)).toEqual([]);
    expect(await page.evaluate(() => (window as any).strideCharts.pmc.data.labels.length)).toBe(dailyRows.get(athlete));
    expect(await open(page, pathToFileURL(join(siteDir, 'lineage.html')).href)).toEqual([]);
    expect(await page.evaluate(() => (window as any).strideLineage.cy.nodes().length)).toBe(23);
  });

  it('says what is missing before training and prediction, and still loads cleanly', async () => {
    expect(bare.athletes.predictionsMissing).toBe('no predictions yet: run `stride predict` to fill "gold"."athlete_predictions"');
    expect(bare.mlflow.missing).toBe(`no MLflow runs yet (${join(dir, 'mlruns')} does not exist): run \`stride train\``);
    const athlete = [...dailyRows.keys()][0];
    expect(await open(page, pathToFileURL(join(bare.dir, 'athletes', `${athlete}.html`)).href)).toEqual([]);
    // Shown with its `code` spans as <code>, so the text reads without the backticks.
    expect(await page.textContent('section:has(h2:text("Race predictions")) .missing')).toBe(bare.athletes.predictionsMissing!.replace(/`/g, ''));
    expect(await page.textContent('section:has(h2:text("Race predictions")) .missing code')).toBe('stride predict');
    expect(await open(page, pathToFileURL(join(bare.dir, 'mlflow.html')).href)).toEqual([]);
    expect(await page.textContent('p.missing')).toBe(bare.mlflow.missing!.replace(/`/g, ''));
  });
});
