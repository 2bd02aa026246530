import { action } from '../outcome.ts';
import { Command } from 'commander';
import { openAdapter } from '../../adapters/index.ts';
import { compileProject } from '../../compile/compile-project.ts';
import type { ModelNode } from '../../compile/nodes.ts';
import { loadProject } from '../../project/load-project.ts';
import { latestAthleteState } from '../../run/athlete-summary.ts';
import { CompileFailed } from '../../stride.ts';
import { toCommandOptions, withProjectOptions, type GlobalFlags } from '../options.ts';

const fmt = (v: unknown, digits = 1) => (v === null || v === undefined ? '-' : typeof v === 'number' ? v.toFixed(digits) : String(v));

/** One line per athlete: the latest fitness, fatigue, form, ACWR and risk flag. */
export function summaryCommand(): Command {
  return withProjectOptions(new Command('summary'))
    .description("print each athlete's latest CTL, ATL, TSB, ACWR and overtraining-risk flag")
    .action(action(async (flags: GlobalFlags) => {
      const options = toCommandOptions(flags);
      const project = loadProject(options.projectDir);
      const compiled = compileProject(project, options);
      if (compiled.errors.length > 0) throw new CompileFailed(compiled);
      const rolling = compiled.nodes.get('model.athlete_rolling_features') as ModelNode | undefined;
      if (!rolling) throw new Error('the project has no athlete_rolling_features model');
      const adapter = await openAdapter(compiled.target, project.root);
      try {
        const rows = await latestAthleteState(adapter, rolling.relation);
        const header = ['athlete', 'as of', 'days', 'CTL', 'ATL', 'TSB', 'ACWR', 'risk'];
        const table = rows.map((r) => [
          String(r.athlete_id),
          String(r.as_of_date),
          String(r.days_of_history),
          fmt(r.ctl_42d),
          fmt(r.atl_7d),
          fmt(r.tsb),
          fmt(r.acwr, 2),
          r.is_overtraining_risk ? 'RISK' : r.is_warmup ? 'warm-up' : 'ok',
        ]);
        const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
        const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
        process.stdout.write(`\nLatest training state per athlete\n${line(header)}\n${table.map(line).join('\n')}\n`);
      } finally {
        await adapter.close();
      }
      return 0;
    }));
}
