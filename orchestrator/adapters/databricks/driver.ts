/**
 * The part of @databricks/sql the adapter uses, so tests can stand in a fake
 * client and check statement text, parameters and the session lifecycle.
 */
export interface DatabricksOperationLike {
  fetchAll(): Promise<object[]>;
  close(): Promise<unknown>;
}

export interface DatabricksSessionLike {
  /** `namedParameters` binds values to `:name` markers in the statement. */
  executeStatement(statement: string, options?: { namedParameters?: Record<string, unknown> }): Promise<DatabricksOperationLike>;
  close(): Promise<unknown>;
}

export interface DatabricksClientLike {
  openSession(request?: { initialCatalog?: string; initialSchema?: string }): Promise<DatabricksSessionLike>;
  close(): Promise<unknown>;
}
