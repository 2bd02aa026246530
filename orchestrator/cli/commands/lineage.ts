import { Command } from 'commander';
import { compileProject } from '../../compile/compile-project.ts';
import { lineageGraph, lineageTree, resolveNode } from '../../featurestore/lineage-graph.ts';
import { loadProject } from '../../project/load-project.ts';
import { CompileFailed } from '../../stride.ts';
import { action } from '../outcome.ts';
import { toCommandOptions, UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';

/** `stride lineage <node>`: what a node reads from (upstream) and what reads it (downstream), up to the predictions. */
export function lineageCommand(): Command {
  return withProjectOptions(new Command('lineage'))
    .argument('<node>', 'a model, seed, source or ML node, by name or id')
    .option('--upstream', 'only what the node reads from')
    .option('--downstream', 'only what reads the node')
    .description('print the lineage of a node: sources -> staging -> features -> training sets -> models -> predictions')
    .action(action(async (ref: string, flags: GlobalFlags & { upstream?: boolean; downstream?: boolean }) => {
      if (flags.upstream && flags.downstream) throw new UsageError('pass --upstream or --downstream, or neither for both');
      const options = toCommandOptions(flags);
      const project = loadProject(options.projectDir);
      const compiled = compileProject(project, options);
      if (compiled.errors.length > 0) throw new CompileFailed(compiled);
      const graph = lineageGraph(project, compiled);
      const id = resolveNode(graph, ref);
      const parts: string[] = [];
      if (!flags.downstream) parts.push(`upstream of ${id}\n${lineageTree(graph, id, 'upstream').join('\n')}`);
      if (!flags.upstream) parts.push(`downstream of ${id}\n${lineageTree(graph, id, 'downstream').join('\n')}`);
      process.stdout.write(`${parts.join('\n\n')}\n`);
      return 0;
    }));
}
