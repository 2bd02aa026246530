import { Command, Option } from 'commander';
import { athleteFeatures } from '../../featurestore/athlete-read.ts';
import { findFeatureTable } from '../../featurestore/feature-tables.ts';
import { printOnlineFeatures } from '../../onlinestore/read-command.ts';
import { action } from '../outcome.ts';
import { UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';
import { formatValue, withFeatureSession } from './features-session.ts';

/**
 * `stride features get --athlete <id> [--as-of <date>]`: the athlete's latest row of
 * every feature table known at the end of the day. The id is bound, never spliced.
 */
export function featuresGetCommand(): Command {
  return withProjectOptions(new Command('get'))
    .description("one athlete's latest feature rows (known by the end of --as-of), per feature table")
    .option('--athlete <id>', 'athlete id (a whole number)')
    .option('--all-athletes', 'every athlete instead of one')
    .option('--as-of <date>', 'rows known by the end of this day (YYYY-MM-DD)')
    .option('--table <name...>', 'only these feature tables')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'))
    .option('--online', "read the latest published vector from the online store (see 'stride publish'), not the warehouse")
    .addOption(new Option('--online-store <kind>', 'with --online: sqlite or postgres (default: postgres when STRIDE_ONLINE_STORE_URL is set)').choices(['sqlite', 'postgres']))
    .action(action(async (flags: GlobalFlags & { athlete?: string; allAthletes?: boolean; asOf?: string; table?: string[]; format: string; online?: boolean; onlineStore?: string }) => {
      if (!flags.athlete && !flags.allAthletes) throw new UsageError('get needs --athlete <id> (or --all-athletes)');
      if (flags.online) return printOnlineFeatures(flags);
      return withFeatureSession(flags, async ({ compiled, adapter }) => {
        const result = await athleteFeatures(adapter, compiled, { athleteId: flags.athlete, allAthletes: flags.allAthletes, asOf: flags.asOf, tables: flags.table });
        for (const [table, rows] of Object.entries(result)) {
          const types = new Map((await adapter.columns(findFeatureTable(compiled, table).relation)).map((c) => [c.name, c.type]));
          if (flags.format === 'jsonl') {
            for (const row of rows) process.stdout.write(`${JSON.stringify({ table, ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date || typeof v === 'bigint' ? formatValue(v, types.get(k)) : v])) })}\n`);
            continue;
          }
          process.stdout.write(`\n${table}${rows.length === 0 ? ': no row' : ''}\n`);
          for (const row of rows) {
            const width = Math.max(...Object.keys(row).map((k) => k.length));
            for (const [k, v] of Object.entries(row)) process.stdout.write(`  ${k.padEnd(width)}  ${formatValue(v, types.get(k))}\n`);
          }
        }
        return 0;
      });
    }));
}
