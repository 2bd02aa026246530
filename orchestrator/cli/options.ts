import { Option, type Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { CommandOptions } from '../stride.ts';
import { jsonReporter, textReporter } from '../run/reporter.ts';

export interface GlobalFlags {
  projectDir: string;
  target?: string;
  vars?: string;
  threads?: string;
  logFormat: 'text' | 'json';
  select?: string[];
  exclude?: string[];
  fullRefresh?: boolean;
}

export class UsageError extends Error {}

export function withProjectOptions(cmd: Command): Command {
  return cmd
    .option('--project-dir <dir>', 'folder holding project.yml', process.cwd())
    .option('-t, --target <name>', 'target from project.yml (default: targets.default)')
    .option('--vars <yaml>', "override project vars, e.g. '{as_of_date: 2026-01-31}'")
    .addOption(new Option('--log-format <format>', 'output format').choices(['text', 'json']).default('text'));
}

export function withSelection(cmd: Command): Command {
  return cmd
    .option('-s, --select <selector...>', 'nodes to include: name, +name, name+, tag:x, path:models/x, source:x')
    .option('--exclude <selector...>', 'nodes to leave out (same syntax)');
}

export function withRunOptions(cmd: Command): Command {
  return withSelection(withProjectOptions(cmd))
    .option('--threads <n>', 'parallel sessions (default: the target threads)')
    .option('--full-refresh', 'rebuild incremental models from scratch');
}

export function toCommandOptions(flags: GlobalFlags): CommandOptions {
  let vars: Record<string, unknown> | undefined;
  if (flags.vars) {
    try {
      vars = parseYaml(flags.vars) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`--vars is not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) throw new UsageError("--vars must be a mapping, e.g. '{as_of_date: 2026-01-31}'");
  }
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new UsageError(`--threads must be a positive whole number, not '${flags.threads}'`);
  return {
    projectDir: flags.projectDir,
    target: flags.target,
    vars,
    threads,
    select: flags.select,
    exclude: flags.exclude,
    fullRefresh: flags.fullRefresh,
    reporter: flags.logFormat === 'json' ? jsonReporter() : textReporter(),
  };
}
