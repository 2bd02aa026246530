export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'ephemeral';

export interface NodeResult {
  id: string;
  status: NodeStatus;
  /** What was built: `table`, `view`, `incremental (merge)`, `seed`, `test`. */
  action: string;
  relation?: string;
  rowsAffected?: number;
  failures?: number;
  /** First failing rows of a test. */
  failingRows?: Record<string, unknown>[];
  message?: string;
  executionTime: number;
  startedAt: string;
}

export const isFailure = (r: NodeResult) => r.status === 'error' || r.status === 'fail';
