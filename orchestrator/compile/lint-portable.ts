/**
 * Checks a model's raw SQL for constructs that one engine accepts and the other
 * rejects, so a model that builds on DuckDB does not fail first on Databricks.
 */
const RULES: { pattern: RegExp; message: string }[] = [
  {
    // DuckDB accepts `a, b, from t`; Databricks SQL does not.
    pattern: /,(\s|--[^\n]*\n)*\bfrom\b/gi,
    message: "a comma right before 'from' is accepted by DuckDB but not by Databricks SQL: remove it",
  },
  {
    pattern: /,(\s|--[^\n]*\n)*\)/g,
    message: "a comma right before ')' is accepted by DuckDB but not by Databricks SQL: remove it",
  },
];

export interface LintFinding {
  line: number;
  message: string;
}

/** Jinja blocks and comments are blanked first (keeping line breaks) so only SQL is checked. */
export function lintPortableSql(raw: string): LintFinding[] {
  const sql = raw.replace(/\{#[\s\S]*?#\}|\{%[\s\S]*?%\}/g, (m) => m.replace(/[^\n]/g, ' '));
  const findings: LintFinding[] = [];
  for (const rule of RULES) {
    for (const match of sql.matchAll(rule.pattern)) {
      findings.push({ line: sql.slice(0, match.index).split('\n').length, message: rule.message });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}
