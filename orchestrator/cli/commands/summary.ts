import { action } from '../outcome.ts';
import { Command } from 'commander';
import type { ModelNode } from '../../compile/nodes.ts';
import { latestAthleteState } from '../../run/athlete-summary.ts';
import { latestPredictions, predictionsReport } from '../../../ml/pipeline/predictions-report.ts';
import { mlProject } from '../../../ml/shared/project-tables.ts';
import { toCommandOptions, withProjectOptions, type GlobalFlags } from '../options.ts';

const fmt = (v: unknown, digits = 1) => (v === null || v === undefined ? '-' : typeof v === 'number' ? v.toFixed(digits) : String(v));

/** One line per athlete: the latest fitness, fatigue, form, ACWR and risk flag; then the latest predicted race times once `stride predict` has run. */
export function summaryCommand(): Command {
  return withProjectOptions(new Command('summary'))
    .description("print each athlete's latest CTL, ATL, TSB, ACWR and overtraining-risk flag, and the latest predicted race times")
    .action(action(async (flags: GlobalFlags) => {
      const project = mlProject(flags.projectDir, toCommandOptions(flags));
      const rolling = project.compiled.nodes.get('model.athlete_rolling_features') as ModelNode;
      const adapter = await project.open();
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
        const predictions = await latestPredictions(adapter, project.tables, String(project.compiled.vars.as_of_date));
        process.stdout.write(predictions ? `\n${predictionsReport(predictions)}\n` : '\nNo predictions yet: run `stride predict` to fill gold.athlete_predictions.\n');
      } finally {
        await adapter.close();
      }
      return 0;
    }));
}
