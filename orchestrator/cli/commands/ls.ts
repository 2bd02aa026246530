import { action } from '../outcome.ts';
import { Command, Option } from 'commander';
import { loadProject } from '../../project/load-project.ts';
import { compileProject } from '../../compile/compile-project.ts';
import { selectNodes } from '../../graph/select.ts';
import { CompileFailed } from '../../stride.ts';
import { toCommandOptions, withProjectOptions, withSelection, type GlobalFlags } from '../options.ts';

export function lsCommand(): Command {
  return withSelection(withProjectOptions(new Command('ls')))
    .description('list the nodes of the project (models, seeds, sources, tests)')
    .addOption(new Option('--resource-type <type>', 'only this kind').choices(['model', 'seed', 'source', 'test']))
    .action(action(async (flags: GlobalFlags & { resourceType?: string }) => {
      const options = toCommandOptions(flags);
      const compiled = compileProject(loadProject(options.projectDir), options);
      if (compiled.errors.length > 0) throw new CompileFailed(compiled);
      const selected = selectNodes(compiled.nodes, options);
      const lines = [...compiled.nodes.values()]
        .filter((n) => selected.has(n.id) && (!flags.resourceType || n.kind === flags.resourceType))
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((n) => {
          if (flags.logFormat === 'json') return JSON.stringify({ id: n.id, kind: n.kind, path: n.path, tags: n.tags, depends_on: n.dependsOn });
          const extra = n.kind === 'model' ? `${n.config.materialized.padEnd(11)} ${compiled.dialect.relation(n.relation)}` : n.kind === 'test' ? n.severity : '';
          return `${n.kind.padEnd(6)} ${n.name.padEnd(48)} ${extra}`.trimEnd();
        });
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }));
}
