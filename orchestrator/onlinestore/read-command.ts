import { loadProject } from '../project/load-project.ts';
import { formatValue } from '../cli/commands/features-session.ts';
import { UsageError } from '../cli/options.ts';
import { describeOnlineStore, resolveOnlineStoreConfig } from './config.ts';
import { openOnlineStore, type AthleteVector } from './lookup.ts';

export interface OnlineGetFlags {
  projectDir: string;
  athlete?: string;
  allAthletes?: boolean;
  asOf?: string;
  table?: string[];
  format: string;
  onlineStore?: string;
}

/** The vector as `stride features get` prints it: a block per table (text) or a line per row (jsonl). */
export function formatAthleteVector(vector: AthleteVector, format: string): string {
  const out: string[] = [];
  for (const [table, row] of Object.entries(vector)) {
    if (format === 'jsonl') {
      if (row) out.push(`${JSON.stringify({ table, ...row }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
      continue;
    }
    out.push(`\n${table}${row ? '' : ': no row'}\n`);
    if (!row) continue;
    const width = Math.max(...Object.keys(row).map((k) => k.length));
    for (const [k, v] of Object.entries(row)) out.push(`  ${k.padEnd(width)}  ${formatValue(v)}\n`);
  }
  return out.join('');
}

/** `stride features get --athlete <id> --online`: the athlete's latest vector from the online store, without the warehouse. */
export async function printOnlineFeatures(flags: OnlineGetFlags): Promise<number> {
  if (flags.allAthletes) throw new UsageError('--online reads one athlete: pass --athlete <id>, not --all-athletes');
  if (flags.asOf) throw new UsageError('--online reads the latest published rows; --as-of needs the warehouse (leave out --online), or publish with --as-of');
  const project = loadProject(flags.projectDir);
  const config = resolveOnlineStoreConfig({ projectRoot: project.root, targetDir: project.config.paths.target, kind: flags.onlineStore });
  const store = await openOnlineStore(config);
  try {
    const vector = await store.getAthleteFeatures(flags.athlete!, { tables: flags.table });
    if (flags.format !== 'jsonl') {
      const last = await store.lastPublish();
      process.stdout.write(`online store: ${describeOnlineStore(config)}${last ? `, published ${last.publishedAt}${last.asOf ? ` as of ${last.asOf}` : ''}` : ''}\n`);
    }
    process.stdout.write(formatAthleteVector(vector, flags.format));
    return 0;
  } finally {
    await store.close();
  }
}
