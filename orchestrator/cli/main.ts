#!/usr/bin/env node
/** The `stride` command line. This file is the only place that sets the exit code. */
import { Command, CommanderError } from 'commander';
import { compileCommand } from './commands/compile.ts';
import { debugCommand } from './commands/debug.ts';
import { docsCommand } from './commands/docs.ts';
import { executeCommand } from './commands/execute.ts';
import { featuresCommand } from './commands/features.ts';
import { importCommand } from './commands/import.ts';
import { lineageCommand } from './commands/lineage.ts';
import { lsCommand } from './commands/ls.ts';
import { mlCommand } from './commands/ml.ts';
import { predictCommand } from './commands/predict.ts';
import { publishCommand } from './commands/publish.ts';
import { trainCommand } from './commands/train.ts';
import { simulateCommand } from './commands/simulate.ts';
import { summaryCommand } from './commands/summary.ts';
import { commandExitCode } from './outcome.ts';

/** The error and its causes, one line each, so the root of a failure is never hidden. */
function describeError(err: unknown): string {
  const lines: string[] = [];
  for (let current = err, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (!lines.some((l) => l.includes(current instanceof Error ? current.message : ''))) lines.push(current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return lines.join('\n  caused by: ');
}

export function buildProgram(): Command {
  const program = new Command('stride')
    .description("Stride: training-load features, race predictions and overtraining risk from a runner's history")
    .version('0.1.0')
    .exitOverride()
    // Program options only before the command, so `features show --version N` reaches the subcommand.
    .enablePositionalOptions()
    .showHelpAfterError();
  for (const command of [
    compileCommand(),
    executeCommand('seed'),
    executeCommand('run'),
    executeCommand('test'),
    executeCommand('build'),
    lsCommand(),
    debugCommand(),
    summaryCommand(),
    simulateCommand(),
    importCommand(),
    featuresCommand(),
    lineageCommand(),
    trainCommand(),
    predictCommand(),
    publishCommand(),
    mlCommand(),
    docsCommand(),
  ]) {
    program.addCommand(command.exitOverride());
  }
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return commandExitCode();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`error: ${describeError(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
