/**
 * The part of @duckdb/node-api the adapter uses, so tests and other drivers can
 * stand in without the whole client type.
 */
export interface DuckDBReaderLike {
  readonly rowsChanged: number;
  getRowObjectsJS(): Record<string, unknown>[];
}

export interface DuckDBConnectionLike {
  /** `values` binds named parameters (`$name` in the statement). */
  runAndReadAll(sql: string, values?: Record<string, unknown>): Promise<DuckDBReaderLike>;
  closeSync(): void;
}

export interface DuckDBInstanceLike {
  connect(): Promise<DuckDBConnectionLike>;
  closeSync(): void;
}
