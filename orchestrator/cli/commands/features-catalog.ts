import { Command, Option } from 'commander';
import type { Adapter } from '../../adapters/adapter.ts';
import type { RelationName } from '../../adapters/dialect.ts';
import { athleteFeatures, athleteIdValue } from '../../featurestore/athlete-read.ts';
import { featureTables, findFeatureTable } from '../../featurestore/feature-tables.ts';
import { currentVersion, listVersions, versionSelect } from '../../featurestore/versions.ts';
import { action } from '../outcome.ts';
import { UsageError, withProjectOptions, type GlobalFlags } from '../options.ts';
import { textTable, withFeatureSession, writeRows } from './features-session.ts';

const interval = (i?: { amount: number; unit: string }) => (i ? `${i.amount} ${i.unit}${i.amount === 1 ? '' : 's'}` : '');

async function rowCount(adapter: Adapter, rel: RelationName): Promise<number | undefined> {
  return (await adapter.relationKind(rel)) ? adapter.rowCount(rel) : undefined;
}

/** `stride features ls`: every feature table with its keys, current version and rows. */
export function featuresLsCommand(): Command {
  return withProjectOptions(new Command('ls'))
    .description('list the feature tables with keys, timestamp, current version and row count')
    .action(action(async (flags: GlobalFlags) =>
      withFeatureSession(flags, async ({ compiled, adapter }) => {
        const rows: string[][] = [];
        for (const t of featureTables(compiled)) {
          const version = compiled.dialect.type === 'duckdb' ? (await currentVersion(adapter, t.name))?.version : undefined;
          const count = await rowCount(adapter, t.relation);
          rows.push([t.name, t.spec.primary_keys.join(', '), `${t.spec.timestamp_key} (${t.spec.timestamp_zone}${t.spec.available_after ? ` +${interval(t.spec.available_after)}` : ''})`, version ? `v${version}` : '-', count === undefined ? 'not built' : count.toLocaleString('en-US'), t.spec.owner ?? '']);
        }
        process.stdout.write(`${textTable(['table', 'keys', 'timestamp', 'version', 'rows', 'owner'], rows)}\n`);
        return 0;
      }),
    ));
}

/** `stride features describe <table>`: keys, time semantics, columns with docs, version and rows. */
export function featuresDescribeCommand(): Command {
  return withProjectOptions(new Command('describe'))
    .argument('<table>', 'feature table')
    .description('show a feature table: keys, timestamp semantics, columns and docs, current version, rows')
    .action(action(async (name: string, flags: GlobalFlags) =>
      withFeatureSession(flags, async ({ compiled, adapter }) => {
        const t = findFeatureTable(compiled, name);
        const version = compiled.dialect.type === 'duckdb' ? await currentVersion(adapter, t.name) : undefined;
        const count = await rowCount(adapter, t.relation);
        const types = new Map(((await adapter.relationKind(t.relation)) ? await adapter.columns(t.relation) : []).map((c) => [c.name, c.type]));
        const lines = [
          `${t.name}  (${compiled.dialect.relation(t.relation)})`,
          t.spec.description ?? t.node.model.properties?.description?.trim() ?? '',
          '',
          `primary keys   ${t.spec.primary_keys.join(', ')}`,
          `timestamp key  ${t.spec.timestamp_key} (${t.spec.timestamp_zone} time${t.spec.available_after ? `; a row is known ${interval(t.spec.available_after)} after it` : ''}${t.spec.strictly_before_event ? '; visible only to events strictly after it' : ''})`,
          `owner          ${t.spec.owner ?? '-'}`,
          `version        ${version ? `v${version.version} (${version.createdAt}, run ${version.runId}${version.gitRevision ? `, models ${version.gitRevision}` : ''})` : '-'}`,
          `rows           ${count === undefined ? 'not built' : count.toLocaleString('en-US')}`,
          '',
          textTable(['column', 'type', 'description'], t.columns.map((c) => [c.name, types.get(c.name) ?? '', (c.description ?? '').replace(/\s+/g, ' ').trim()])),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        return 0;
      }),
    ));
}

/** `stride features versions <table>`: the recorded versions (DuckDB) or Delta's history (Databricks). */
export function featuresVersionsCommand(): Command {
  return withProjectOptions(new Command('versions'))
    .argument('<table>', 'feature table')
    .description('list the versions of a feature table: number, run, time, rows, schema, models revision')
    .action(action(async (name: string, flags: GlobalFlags) =>
      withFeatureSession(flags, async ({ compiled, adapter }) => {
        const t = findFeatureTable(compiled, name);
        if (compiled.dialect.type === 'databricks') {
          const rows = await adapter.query(`describe history ${compiled.dialect.relation(t.relation)}`);
          writeRows(rows, ['version', 'timestamp', 'operation', 'userName'], {});
          return 0;
        }
        const versions = await listVersions(adapter, t.name);
        if (versions.length === 0) process.stdout.write(`${t.name} has no recorded version yet: run 'stride build'\n`);
        else {
          const rows = versions.map((v) => [`v${v.version}`, v.createdAt, v.runId, v.rowCount.toLocaleString('en-US'), `+${v.rowsInserted} -${v.rowsClosed}`, v.schemaFingerprint, String(v.columns.length), v.gitRevision ?? '-']);
          process.stdout.write(`${textTable(['version', 'created', 'run', 'rows', 'changed', 'schema', 'columns', 'models'], rows)}\n`);
        }
        return 0;
      }),
    ));
}

/** `stride features show <table> [--version N] [--athlete id | --all-athletes]`: the rows, as CSV. */
export function featuresShowCommand(): Command {
  return withProjectOptions(new Command('show'))
    .argument('<table>', 'feature table')
    .option('--version <n>', 'read this version instead of the current rows')
    .option('--athlete <id>', 'only this athlete (bound as a parameter)')
    .option('--all-athletes', 'every athlete (required without --athlete)')
    .option('--limit <n>', 'at most this many rows')
    .option('--out <file>', 'write to a file instead of stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .action(action(async (name: string, flags: GlobalFlags & { version?: string; athlete?: string; allAthletes?: boolean; limit?: string; out?: string; format: string }) =>
      withFeatureSession(flags, async ({ compiled, adapter }) => {
        const t = findFeatureTable(compiled, name);
        if (!flags.athlete && !flags.allAthletes) throw new UsageError('show needs --athlete <id> or --all-athletes');
        const limit = flags.limit === undefined ? undefined : Number(flags.limit);
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new UsageError(`--limit must be a whole number, not '${flags.limit}'`);
        let rows;
        let types;
        if (flags.version !== undefined) {
          const version = Number(flags.version);
          if (!Number.isInteger(version) || version < 0) throw new UsageError(`--version must be a whole number, not '${flags.version}'`);
          const select = await versionSelect(adapter, t, version);
          const q = compiled.dialect.quote;
          const where = flags.athlete ? `where ${q('athlete_id')} = ${compiled.dialect.parameter('athlete_id')}` : '';
          const order = [...t.spec.primary_keys, t.spec.timestamp_key].map(q).join(', ');
          rows = await adapter.query(`select * from (\n${select}\n) as v ${where} order by ${order}`, flags.athlete ? { athlete_id: athleteIdValue(flags.athlete) } : undefined);
          types = (await listVersions(adapter, t.name)).find((v) => v.version === version)?.columns;
        } else {
          rows = (await athleteFeatures(adapter, compiled, { athleteId: flags.athlete, allAthletes: flags.allAthletes, tables: [t.name], latest: false }))[t.name];
          types = await adapter.columns(t.relation);
        }
        const columns = types?.map((c) => c.name) ?? Object.keys(rows[0] ?? {});
        writeRows(limit === undefined ? rows : rows.slice(0, limit), columns, { out: flags.out, format: flags.format, types });
        return 0;
      }),
    ));
}
