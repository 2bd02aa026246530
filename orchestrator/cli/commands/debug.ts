import { action } from '../outcome.ts';
import { Command } from 'commander';
import { loadProject } from '../../project/load-project.ts';
import { describeTarget, resolveTarget } from '../../project/resolve-target.ts';
import { openAdapter } from '../../adapters/index.ts';
import { checkSettings, describeSettings } from '../../adapters/databricks/connection.ts';
import { withProjectOptions, type GlobalFlags } from '../options.ts';

/** Shows the resolved target (secrets masked), what the environment lacks, and whether a connection works. */
export function debugCommand(): Command {
  return withProjectOptions(new Command('debug'))
    .description('show the resolved target, never a secret, and test the connection')
    .option('--no-connect', 'only show the configuration')
    .action(action(async (flags: GlobalFlags & { connect: boolean }) => {
      const project = loadProject(flags.projectDir);
      const { target, missingEnv } = resolveTarget(project, flags.target);
      const out = (line: string) => process.stdout.write(`${line}\n`);
      out(`project:  ${project.config.name} (${project.root})`);
      out(`target:   ${target.name}`);
      for (const [key, value] of Object.entries(describeTarget(target))) {
        if (key !== 'name') out(`  ${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
      }
      out(`models: ${project.models.length}, macros: ${project.macros.length}, seeds: ${project.seeds.length}, sources: ${project.sources.length}, data tests: ${project.singularTests.length}`);
      if (target.type === 'databricks') {
        // The target's own env_var() defaults hide what Databricks needs; ask the adapter's check instead.
        const { settings, missing, problems } = checkSettings(target);
        if (settings) describeSettings(settings).forEach((line) => out(`  ${line}`));
        if (missing.length > 0) out(`missing environment variables: ${missing.join('; ')}`);
        problems.forEach((p) => out(`problem: ${p}`));
        if (!settings) {
          out('connection: not attempted (set the variables above first)');
          return 1;
        }
      } else if (missingEnv.length > 0) out(`missing environment variables: ${missingEnv.join(', ')}`);
      if (!flags.connect) return missingEnv.length > 0 && target.type !== 'databricks' ? 1 : 0;
      let adapter: Awaited<ReturnType<typeof openAdapter>> | undefined;
      try {
        adapter = await openAdapter(target, project.root);
        await adapter.query('select 1 as ok');
        out('connection: OK');
        return 0;
      } catch (err) {
        out(`connection: FAILED (${(err as Error).message})`);
        return 1;
      } finally {
        await adapter?.close();
      }
    }));
}
