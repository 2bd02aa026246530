import type { EngineType } from '../project/types.ts';

/**
 * A string literal for statements that cannot take bound values (DDL: tags,
 * comments, function bodies). Databricks reads backslash escapes; DuckDB does not.
 */
export function stringLiteral(engine: EngineType, text: string): string {
  return engine === 'databricks' ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : `'${text.replace(/'/g, "''")}'`;
}
