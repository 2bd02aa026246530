import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { generateSite } from '../../docs/generate-site.ts';
import { serveSite } from '../../docs/serve-site.ts';
import { loadProject } from '../../project/load-project.ts';
import { action } from '../outcome.ts';
import { toCommandOptions, UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';

interface GenerateFlags extends GlobalFlags {
  targetDir?: string;
  asOf?: string;
}

interface ServeFlags extends GlobalFlags {
  targetDir?: string;
  port: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `stride docs generate | serve`: the static docs site with lineage, athlete reports and the MLflow view. */
export function docsCommand(): Command {
  const docs = new Command('docs').description('the static docs site: project pages with lineage, athlete reports with charts, MLflow runs');
  docs.addCommand(
    withProjectOptions(new Command('generate'))
      .description('write the site to <target>/docs/ (works offline, opened from disk or with `stride docs serve`)')
      .option('--target-dir <dir>', 'folder the site goes into as docs/ (default: the project\'s target folder)')
      .option('--as-of <date>', 'last day of athlete data shown, YYYY-MM-DD (default: every row built)')
      .action(action(async (flags: GenerateFlags) => {
        const site = await generateSite({ ...toCommandOptions(flags), targetDir: flags.targetDir, asOf: flags.asOf });
        const out = (line: string) => process.stdout.write(`${line}\n`);
        const runs = site.mlflow.experiments.reduce((n, e) => n + e.runs.length, 0);
        out(`Docs site: ${plural(site.pages.length, 'page')} in ${relative(process.cwd(), site.dir) || '.'}`);
        out(`  project: ${plural(site.nodePages, 'node page')} with lineage and SQL per engine`);
        out(`  athletes: ${site.athletes.missing ?? `${plural(site.athletes.athletes.length, 'athlete page')} up to ${site.athletes.asOf}`}${site.athletes.predictionsMissing ? `; ${site.athletes.predictionsMissing}` : ''}`);
        out(`  MLflow: ${site.mlflow.missing ?? `${plural(runs, 'run')}, ${plural(site.mlflow.models.length, 'registered model')}`}`);
        out(site.indexPath);
        return 0;
      })),
  );
  docs.addCommand(
    withProjectOptions(new Command('serve'))
      .description('serve <target>/docs on http://127.0.0.1:<port>/ until Ctrl+C')
      .option('--target-dir <dir>', 'folder holding docs/ (default: the project\'s target folder)')
      .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '8000')
      .action(action(async (flags: ServeFlags) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not '${flags.port}'`);
        const project = loadProject(flags.projectDir);
        const dir = join(flags.targetDir ? resolve(flags.targetDir) : join(project.root, project.config.paths.target), 'docs');
        if (!existsSync(join(dir, 'index.html'))) throw new Error(`no docs site in ${dir}: run \`stride docs generate\` first`);
        const site = await serveSite(dir, port);
        process.stdout.write(`Serving ${relative(process.cwd(), dir) || dir} at ${site.url} (Ctrl+C to stop)\n`);
        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void site.close().then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        return 0;
      })),
  );
  return docs;
}
