import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFiles } from '../helpers/golden.ts';
import { lintPortableSql } from '../../orchestrator/compile/lint-portable.ts';
import { detectorRowsSql } from '../../ml/overtraining_detector/dataset.ts';
import { predictionWritePlan, type PredictionRow } from '../../ml/pipeline/predictions-table.ts';
import { daySpineSql, raceSpineSql, runHistorySql } from '../../ml/shared/point-in-time.ts';
import { mlProject } from '../../ml/shared/project-tables.ts';

/**
 * The SQL the ML steps send to each engine (spines, run history, detector rows, the
 * predictions write), pinned in tests/golden/ml and free of DuckDB-only syntax, so
 * `stride train` and `stride predict` run unchanged on a Databricks SQL warehouse.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/unit/ml-sql-golden.test.ts
 */
const golden = goldenFiles(join(import.meta.dirname, '..', 'golden', 'ml'));
const ROOT = join(import.meta.dirname, '..', '..');

const row: PredictionRow = {
  athlete_id: 7,
  as_of_date: '2026-11-22',
  predicted_10k_sec: 2512.5,
  prediction_source: "model 'v3'",
  is_riegel_fallback: false,
  n_runs_to_date: 120,
  predicted_at: '2026-11-23 04:00:00',
};

describe.each(['local', 'databricks'])('ML SQL on %s', (target) => {
  const { tables, compiled } = mlProject(ROOT, { target, today: '2026-11-22', env: {} });
  const race = raceSpineSql(tables);
  const sql: Record<string, string> = {
    'race_spine.sql': race,
    'day_spine.sql': daySpineSql(tables, '2026-11-01', '2026-11-22'),
    'run_history.sql': runHistorySql(tables, race),
    'detector_rows.sql': detectorRowsSql(tables, '2026-01-01', '2026-11-22'),
  };
  const plan = predictionWritePlan(compiled.dialect, tables, '2026-11-22', '2026-11-22', [row]);
  sql['predictions_write.sql'] = [...plan.prepare, '-- replace', ...plan.replace, '-- cleanup', ...plan.cleanup].join(';\n\n');

  it.each(Object.keys(sql))('%s is portable and matches its golden file', (name) => {
    expect(lintPortableSql(sql[name])).toEqual([]);
    expect(sql[name]).not.toMatch(/\basof\b|::|\bvarchar\b.*databricks/i);
    golden(`${target}/${name}`, `${sql[name].trim()}\n`);
  });

  it('names the engine\'s relations', () => {
    const expected = target === 'databricks' ? '`uc_athlete_data`.`feature_store`.`athlete_rolling_features`' : '"feature_store"."athlete_rolling_features"';
    expect(tables.rolling).toBe(expected);
  });
});

describe('predictions write on Databricks', () => {
  const { tables, compiled } = mlProject(ROOT, { target: 'databricks', today: '2026-11-22', env: {} });
  const rows = Array.from({ length: 1001 }, (_, i) => ({ ...row, athlete_id: i }));
  const plan = predictionWritePlan(compiled.dialect, tables, '2026-11-01', '2026-11-22', rows);

  it('stages the rows in batches of 500, then swaps them in with one atomic replace where', () => {
    expect(plan.prepare.filter((s) => s.startsWith('insert into'))).toHaveLength(3);
    expect(plan.replace).toEqual([
      expect.stringMatching(/^insert into `uc_athlete_data`\.`gold`\.`athlete_predictions` replace where as_of_date between date '2026-11-01' and date '2026-11-22' select /),
    ]);
    expect(plan.cleanup).toEqual(['drop table if exists `uc_athlete_data`.`gold`.`athlete_predictions__stride_staging`']);
  });

  it('uses string, not varchar, and escapes quotes in text', () => {
    const ddl = plan.prepare.find((s) => s.startsWith('create table if not exists'))!;
    expect(ddl).toContain('`prediction_source` string');
    expect(ddl).not.toContain('varchar');
    expect(plan.prepare.join('\n')).toContain("'model ''v3'''");
  });
});
