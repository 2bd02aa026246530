// A throw-away project folder for one benchmark size: the repository's models, macros
// and data tests, the simulated CSVs as seeds, and its own DuckDB file and spill folder.
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface BenchProjectOptions {
  /** Folder of the project (created). */
  dir: string;
  /** Folder holding strava_activities.csv, strava_sub_activity.csv, athlete_settings.csv. */
  dataDir: string;
  memoryLimit: string;
}

const SIMULATED = ['strava_activities.csv', 'strava_sub_activity.csv', 'athlete_settings.csv'];

/** Points the project's seeds at another simulated data folder (the appended day). */
export function linkSeeds(dir: string, dataDir: string): void {
  const seeds = join(dir, 'seeds');
  mkdirSync(seeds, { recursive: true });
  for (const name of SIMULATED) {
    const link = join(seeds, name);
    if (lstatSync(link, { throwIfNoEntry: false })) unlinkSync(link);
    symlinkSync(join(dataDir, name), link);
  }
}

export function makeBenchProject(o: BenchProjectOptions): string {
  rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(join(o.dir, 'seeds'), { recursive: true });
  const config = parse(readFileSync(join(ROOT, 'project.yml'), 'utf8'));
  const rel = (p: string) => relative(o.dir, join(ROOT, p));
  config.paths = { ...config.paths, models: rel('models'), macros: rel('macros'), tests: rel('tests/data'), seeds: 'seeds', target: 'target' };
  // Spill to disk instead of failing when the working set outgrows the limit.
  config.targets = {
    default: 'local',
    local: { ...config.targets.local, path: 'stride.duckdb', memory_limit: o.memoryLimit, temp_directory: 'duckdb_tmp' },
  };
  writeFileSync(join(o.dir, 'project.yml'), stringify(config));
  // Seeds the simulator does not write (lookup tables) come from the repository.
  for (const name of ['race_name_exclusions.csv', 'race_name_exclusions.yml', 'race_name_patterns.csv', 'race_name_patterns.yml']) {
    if (existsSync(join(ROOT, 'seeds', name))) symlinkSync(join(ROOT, 'seeds', name), join(o.dir, 'seeds', name));
  }
  linkSeeds(o.dir, o.dataDir);
  return o.dir;
}
