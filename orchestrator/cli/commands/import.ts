import { Command } from 'commander';
import { formatReport, importCsv, importStravaApi, importStravaExport, loadMapping, runImport, DEFAULT_IMPORT_SCHEMA, type ImportReport } from '../../import/index.ts';
import type { ImportBatch } from '../../import/batch.ts';
import { progressBar } from '../../import/progress.ts';
import { isTimeZone } from '../../import/time.ts';
import { action } from '../outcome.ts';
import { UsageError } from '../options.ts';

interface ImportFlags {
  projectDir: string;
  target?: string;
  schema: string;
  athleteId?: string;
  timezone?: string;
  mapping?: string;
}

function common(cmd: Command): Command {
  return cmd
    .option('--project-dir <dir>', 'folder holding project.yml', process.cwd())
    .option('-t, --target <name>', 'local DuckDB target from project.yml (default: targets.default)')
    .option('--schema <name>', 'DuckDB schema to write the silver tables to', DEFAULT_IMPORT_SCHEMA)
    .option('--athlete-id <id>', 'your Strava athlete id, when the input does not name it')
    .option('--timezone <zone>', "IANA time zone of your local times when the input does not give them, e.g. 'Europe/Berlin'");
}

function parseFlags(flags: ImportFlags): { athleteId?: bigint; zone?: string } {
  if (flags.athleteId !== undefined && !/^\d+$/.test(flags.athleteId)) throw new UsageError(`--athlete-id must be a whole number, not '${flags.athleteId}'`);
  if (flags.timezone !== undefined && !isTimeZone(flags.timezone)) throw new UsageError(`--timezone '${flags.timezone}' is not an IANA time zone such as Europe/Berlin`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags.schema)) throw new UsageError(`--schema must be a plain name such as silver_import, not '${flags.schema}'`);
  return { athleteId: flags.athleteId === undefined ? undefined : BigInt(flags.athleteId), zone: flags.timezone };
}

async function run(label: string, flags: ImportFlags, read: (onProgress: (d: number, t: number) => void) => Promise<ImportBatch>): Promise<number> {
  const bar = progressBar(label);
  let report: ImportReport;
  try {
    report = await runImport(() => read(bar.update), { projectDir: flags.projectDir, target: flags.target, schema: flags.schema });
  } finally {
    bar.stop();
  }
  process.stdout.write(`${formatReport(report)}\n`);
  const stored = report.activities.inserted + report.activities.updated + report.activities.unchanged;
  if (stored > 0) {
    process.stdout.write(`\nnext: stride build --vars '{local_silver_schema: ${flags.schema}}'\n`);
  }
  return report.read > 0 && stored === 0 ? 1 : 0;
}

/** `stride import strava-export | strava-api | csv`: your own data into the local silver tables. */
export function importCommand(): Command {
  const cmd = new Command('import').description('import your own Strava data into the local silver tables (then build with local_silver_schema)');
  cmd.addCommand(
    common(new Command('strava-export'))
      .description("Strava's bulk export: the zip (or its unpacked folder) with activities.csv and activities/*.fit.gz|.gpx|.tcx")
      .argument('<zip-or-folder>')
      .action(action(async (path: string, flags: ImportFlags) => {
        const { athleteId, zone } = parseFlags(flags);
        return run('activities', flags, (onProgress) => importStravaExport(path, { athleteId, zone, onProgress }));
      }))
      .exitOverride(),
  );
  cmd.addCommand(
    common(new Command('strava-api'))
      .description('Strava API JSON (/athlete/activities summaries, detailed activities with splits_metric or laps), or the same flattened to CSV; a file or a folder')
      .argument('<file-or-folder>')
      .action(action(async (path: string, flags: ImportFlags) => {
        const { athleteId } = parseFlags(flags);
        return run('files', flags, (onProgress) => importStravaApi(path, { athleteId, onProgress }));
      }))
      .exitOverride(),
  );
  cmd.addCommand(
    common(new Command('csv'))
      .description('any activity CSV (or 1 Hz stream) through a column mapping, see import-mappings/')
      .argument('<file>')
      .requiredOption('--mapping <yaml>', 'the column mapping (YAML)')
      .action(action(async (file: string, flags: ImportFlags) => {
        const { athleteId, zone } = parseFlags(flags);
        const mapping = loadMapping(flags.mapping!);
        return run('rows', flags, (onProgress) => importCsv(file, mapping, { athleteId, zone, onProgress }));
      }))
      .exitOverride(),
  );
  return cmd;
}
