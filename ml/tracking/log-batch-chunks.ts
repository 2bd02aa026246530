import type { KeyValue, LogBatch, Metric } from './types.ts';

/**
 * LogBatch request limits from the MLflow REST API reference: at most 1000 metrics,
 * 100 params, 100 tags, 1000 entities in total, and 1 MB of JSON per request.
 */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000, bytes: 1_000_000 } as const;

/** Splits a batch into requests within the limits, keeping the order of each kind (MLflow keeps it). */
export function chunkLogBatch(batch: LogBatch, limits = LOG_BATCH_LIMITS): Required<LogBatch>[] {
  const metrics = [...(batch.metrics ?? [])];
  const params = [...(batch.params ?? [])];
  const tags = [...(batch.tags ?? [])];
  const chunks: Required<LogBatch>[] = [];
  const budget = limits.bytes - 1024; // room for run_id and the JSON frame
  while (metrics.length || params.length || tags.length) {
    const chunk: Required<LogBatch> = { metrics: [], params: [], tags: [] };
    let size = 0;
    let total = 0;
    const take = <T extends Metric | KeyValue>(from: T[], into: T[], max: number) => {
      while (from.length && into.length < max && total < limits.total) {
        const bytes = Buffer.byteLength(JSON.stringify(from[0])) + 1;
        if (size + bytes > budget && total > 0) return;
        into.push(from.shift()!);
        size += bytes;
        total++;
      }
    };
    take(params, chunk.params, limits.params);
    take(tags, chunk.tags, limits.tags);
    take(metrics, chunk.metrics, limits.metrics);
    chunks.push(chunk);
  }
  return chunks;
}
