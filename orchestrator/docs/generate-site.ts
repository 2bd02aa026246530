import { isAbsolute, join, resolve } from 'node:path';
import type { ColumnInfo } from '../adapters/adapter.ts';
import { compile, type CommandOptions } from '../stride.ts';
import { checkAsOf } from './athlete-series.ts';
import { collectAthletes } from './collect-athletes.ts';
import { collectMlflow } from './collect-mlflow.ts';
import { collectProjectDocs, compileForEngines } from './collect-project.ts';
import { copyAssets } from './copy-assets.ts';
import { builtColumns, openFeatureDatabase } from './feature-database.ts';
import { renderPages } from './render-pages.ts';
import type { AthleteData, MlflowView } from './site-model.ts';
import { replaceDirectory, writeFiles } from './write-site.ts';

export interface GenerateOptions extends CommandOptions {
  /** Folder the site is written into as docs/ (default: the project's target folder). */
  targetDir?: string;
  /** Last day of athlete data shown, YYYY-MM-DD (default: every row of the feature tables). */
  asOf?: string;
}

export interface GeneratedSite {
  dir: string;
  indexPath: string;
  /** Page paths relative to `dir`. */
  pages: string[];
  nodePages: number;
  athletes: AthleteData;
  mlflow: MlflowView;
}

/**
 * `stride docs generate`: project pages from the compiled project (no connection needed),
 * athlete pages from the built feature tables, the MLflow view from ./mlruns; written to a
 * fresh folder that replaces <target>/docs only once every page is written.
 */
export async function generateSite(options: GenerateOptions): Promise<GeneratedSite> {
  const asOf = options.asOf === undefined ? undefined : checkAsOf(options.asOf);
  const { project, compiled } = compile(options);
  const engines = compileForEngines(project, compiled, options);
  const db = await openFeatureDatabase(compiled, project.root);
  let columns = new Map<string, ColumnInfo[]>();
  let athletes: AthleteData = { missing: db.missing, athletes: [] };
  if (db.adapter) {
    try {
      columns = await builtColumns(db.adapter, compiled);
      athletes = await collectAthletes(db.adapter, compiled, asOf);
    } finally {
      await db.adapter.close();
    }
  }
  const docs = collectProjectDocs(project, engines, columns);
  const mlflow = await collectMlflow(project.root, options.env);
  const pages = renderPages({ project: docs, athletes, mlflow, generatedAt: `${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC` });
  const target = options.targetDir ? (isAbsolute(options.targetDir) ? options.targetDir : resolve(options.targetDir)) : join(project.root, project.config.paths.target);
  const dir = join(target, 'docs');
  await replaceDirectory(dir, (staging) => {
    writeFiles(staging, pages);
    copyAssets(staging);
  });
  return { dir, indexPath: join(dir, 'index.html'), pages: [...pages.keys()], nodePages: docs.nodes.length, athletes, mlflow };
}
