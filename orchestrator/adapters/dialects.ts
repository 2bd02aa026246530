import type { EngineType } from '../project/types.ts';
import type { Dialect } from './dialect.ts';
import { databricksDialect } from './databricks/dialect.ts';
import { duckdbDialect } from './duckdb/dialect.ts';

const dialects: Record<EngineType, Dialect> = { duckdb: duckdbDialect, databricks: databricksDialect };

export function dialectFor(type: EngineType): Dialect {
  return dialects[type];
}
