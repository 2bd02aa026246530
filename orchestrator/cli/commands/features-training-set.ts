import { Command, Option } from 'commander';
import { buildTrainingSet, type FeatureRequest } from '../../featurestore/training-set.ts';
import { action } from '../outcome.ts';
import { UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';
import { withFeatureSession, writeRows } from './features-session.ts';

interface TrainingSetFlags extends GlobalFlags {
  spine: string;
  features: string[];
  spineKeys?: string[];
  spineTimestamp?: string;
  spineLocalTimestamp?: string;
  lookback?: string[];
  version?: string[];
  prefix?: string[];
  out?: string;
  format: string;
  showSql?: boolean;
}

/** `table=value` options, e.g. --lookback athlete_rolling_features=28d. */
function perTable(values: string[] | undefined, option: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values ?? []) {
    const at = v.indexOf('=');
    if (at <= 0) throw new UsageError(`${option} takes table=value, not '${v}'`);
    out.set(v.slice(0, at), v.slice(at + 1));
  }
  return out;
}

/** `table` or `table:col1,col2`. */
export function parseFeatureArg(arg: string): { table: string; columns?: string[] } {
  const [table, cols] = arg.split(':', 2);
  if (!table) throw new UsageError(`--features takes table or table:col1,col2, not '${arg}'`);
  const columns = cols?.split(',').map((c) => c.trim()).filter(Boolean);
  return { table, columns: columns?.length ? columns : undefined };
}

export function featuresTrainingSetCommand(): Command {
  return withProjectOptions(new Command('training-set'))
    .description('point-in-time training set: each spine row joined to the latest feature rows known at its event time')
    .requiredOption('--spine <table|csv>', 'spine: a model/seed name, schema.table, or a .csv file')
    .requiredOption('--features <table:cols...>', 'feature tables and columns, e.g. athlete_rolling_features:ctl_42d,atl_7d')
    .option('--spine-keys <columns...>', 'spine entity columns (default athlete_id)')
    .option('--spine-timestamp <column>', 'UTC event time column (default event_timestamp)')
    .option('--spine-local-timestamp <column>', 'local event time column (default event_timestamp_local)')
    .option('--lookback <table=interval...>', 'ignore rows older than the event minus this, e.g. athlete_rolling_features=28d')
    .option('--version <table=n...>', 'read a pinned version of a table, e.g. activity_features=3')
    .option('--prefix <table=prefix...>', 'prefix of a table\'s output columns, e.g. athlete_weekly_features=weekly_')
    .option('--out <file>', 'write to a file instead of stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .option('--show-sql', 'print the SQL instead of running it')
    .action(action(async (flags: TrainingSetFlags) => {
      const lookback = perTable(flags.lookback, '--lookback');
      const versions = perTable(flags.version, '--version');
      const prefixes = perTable(flags.prefix, '--prefix');
      const features: FeatureRequest[] = flags.features.map(parseFeatureArg).map((f) => {
        const version = versions.get(f.table);
        if (version !== undefined && !/^\d+$/.test(version)) throw new UsageError(`--version ${f.table}= takes a whole number, not '${version}'`);
        return { ...f, lookback: lookback.get(f.table), version: version === undefined ? undefined : Number(version), prefix: prefixes.get(f.table) };
      });
      const spine = /\.csv$/i.test(flags.spine) ? { csv: flags.spine } : { table: flags.spine };
      return withFeatureSession(flags, async ({ compiled, adapter }) => {
        const set = await buildTrainingSet(adapter, compiled, {
          spine: { ...spine, keys: flags.spineKeys, timestamp: flags.spineTimestamp, localTimestamp: flags.spineLocalTimestamp },
          features,
        });
        if (flags.showSql) {
          process.stdout.write(`${set.sql}\n`);
          return 0;
        }
        writeRows(set.rows, set.columns, { out: flags.out, format: flags.format });
        const pinned = Object.entries(set.featureVersions).map(([t, v]) => `${t}=${v === null ? 'unversioned' : `v${v}`}`);
        process.stderr.write(`${set.rows.length.toLocaleString('en-US')} rows; feature versions: ${pinned.join(', ')}${flags.out ? `; written to ${flags.out}` : ''}\n`);
        return 0;
      });
    }));
}
