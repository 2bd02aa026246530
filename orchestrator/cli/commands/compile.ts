import { action } from '../outcome.ts';
import { Command } from 'commander';
import { relative } from 'node:path';
import { compile } from '../../stride.ts';
import { toCommandOptions, withProjectOptions, type GlobalFlags } from '../options.ts';

export function compileCommand(): Command {
  return withProjectOptions(new Command('compile'))
    .description('render every model for a target into target/compiled/<target>/ without connecting')
    .action(action(async (flags: GlobalFlags) => {
      const options = toCommandOptions(flags);
      const { compiled, compiledDir } = compile(options);
      const models = [...compiled.nodes.values()].filter((n) => n.kind === 'model').length;
      options.reporter!.info(`Compiled ${models} models for target '${compiled.target.name}' (${compiled.target.type}) into ${relative(process.cwd(), compiledDir) || '.'}`);
      return 0;
    }));
}
