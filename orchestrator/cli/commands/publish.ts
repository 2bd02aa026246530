import { Command, Option } from 'commander';
import { describeOnlineStore, resolveOnlineStoreConfig } from '../../onlinestore/config.ts';
import { publishOnline, type PublishResult } from '../../onlinestore/publish.ts';
import { action } from '../outcome.ts';
import { UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';
import { textTable, withFeatureSession } from './features-session.ts';

interface PublishFlags extends GlobalFlags {
  tables?: string[];
  asOf?: string;
  onlineStore?: string;
  batchSize?: string;
}

const n = (v: number) => v.toLocaleString('en-US');

function report(result: PublishResult, where: string): string {
  const rows = result.tables.map((t) => [t.table, t.version === null ? '-' : `v${t.version}`, n(t.rowsRead), n(t.rowsInserted), n(t.rowsUpdated), n(t.rowsUnchanged), n(t.rowsDeleted)]);
  const lines = [
    `publish ${result.publishId} to ${where}${result.asOf ? `, as of ${result.asOf}` : ''}`,
    textTable(['table', 'version', 'rows', 'inserted', 'updated', 'unchanged', 'deleted'], rows),
  ];
  for (const t of result.tables) {
    if (t.created) lines.push(`${t.table}: online table created`);
    if (t.columnsAdded.length > 0 && !t.created) lines.push(`${t.table}: columns added online: ${t.columnsAdded.join(', ')}`);
    if (t.columnsKept.length > 0) lines.push(`warning: ${t.table}: online columns no longer in the feature table, kept as they are: ${t.columnsKept.join(', ')} (drop them by hand when nothing reads them)`);
  }
  for (const s of result.skipped) lines.push(`${s.table}: not published, ${s.reason}`);
  lines.push(`${n(result.rowsChanged)} rows changed in ${result.seconds.toFixed(2)} s`);
  return `${lines.join('\n')}\n`;
}

/** `stride publish`: the latest feature rows per key (and the latest predictions) into the online store. */
export function publishCommand(): Command {
  return withProjectOptions(new Command('publish'))
    .description('write the latest row per key of each feature table (and the latest predictions) to the online store: SQLite, or PostgreSQL with STRIDE_ONLINE_STORE_URL')
    .option('--tables <names...>', 'only these tables (feature tables, athlete_predictions)')
    .option('--as-of <date>', 'the latest rows known by the end of this day (YYYY-MM-DD)')
    .addOption(new Option('--online-store <kind>', 'online store (default: postgres when STRIDE_ONLINE_STORE_URL is set, else sqlite)').choices(['sqlite', 'postgres']))
    .option('--batch-size <n>', 'rows per upsert statement (default 500)')
    .action(action(async (flags: PublishFlags) => {
      const batchSize = flags.batchSize === undefined ? undefined : Number(flags.batchSize);
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) throw new UsageError(`--batch-size must be a positive whole number, not '${flags.batchSize}'`);
      return withFeatureSession(flags, async ({ project, compiled, adapter }) => {
        const config = resolveOnlineStoreConfig({ projectRoot: project.root, targetDir: project.config.paths.target, kind: flags.onlineStore });
        const result = await publishOnline(adapter, compiled, config, { tables: flags.tables, asOf: flags.asOf, batchSize });
        process.stdout.write(flags.logFormat === 'json' ? `${JSON.stringify({ store: describeOnlineStore(config), ...result })}\n` : report(result, describeOnlineStore(config)));
        return 0;
      });
    }));
}
