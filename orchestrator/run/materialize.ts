import type { Adapter } from '../adapters/adapter.ts';
import type { RelationName } from '../adapters/dialect.ts';
import { renderHooks, type CompileContext } from '../compile/compile-project.ts';
import type { ModelNode } from '../compile/nodes.ts';
import { renderTemplate } from '../compile/render-template.ts';
import { tableOptions } from './table-options.ts';

/**
 * The rows an incremental write replaced, read from its staging table: per
 * `partitionBy` key, the rows from the least `rangeColumn` value on (delete+insert),
 * or the rows whose `partitionBy` key is in the staging table (merge). Every other
 * row of the table is as it was before the write.
 */
export interface WrittenRows {
  staging: RelationName;
  partitionBy: string[];
  rangeColumn?: string;
}

/**
 * Runs inside a table build's transaction (feature-table versions). `written` is set
 * for an incremental write (the staged rows and the ranges they replace); a table
 * built whole leaves it undefined.
 */
export type WriteHook = (tx: Adapter, node: ModelNode, written?: WrittenRows) => Promise<void>;

/** Hooks around the write of a table: before it, the old rows are still there; after it, the new ones. */
export interface WriteHooks {
  beforeWrite?: WriteHook;
  afterWrite?: WriteHook;
}

export interface BuildOutcome {
  action: string;
  rowsAffected?: number;
}

async function runAll(session: Adapter, statements: string[]): Promise<void> {
  for (const statement of statements) await session.execute(statement);
}

/** Renders the incremental form of a model (is_incremental() true). */
function incrementalSql(ctx: CompileContext, node: ModelNode): string {
  return renderTemplate(
    ctx.te,
    node.model.raw,
    node.path,
    renderHooks(ctx, node.path, node.model.raw, new Set(), { thisRelation: node.relation, isIncremental: true }),
  ).trim();
}

async function buildIncremental(adapter: Adapter, ctx: CompileContext, node: ModelNode, hooks: WriteHooks): Promise<BuildOutcome> {
  const { dialect } = adapter;
  const strategy = node.config.incremental_strategy ?? 'merge';
  const uniqueKey = node.config.unique_key ?? [];
  if (uniqueKey.length === 0) throw new Error(`incremental model ${node.name} needs config unique_key`);
  const staging: RelationName = dialect.tempName(node.relation, 'incremental');
  // Compared before the incremental SQL runs: it reads its own table, whose old columns it may not find.
  const existing = (await adapter.columns(node.relation)).map((c) => c.name);
  const incoming = await adapter.queryColumns(node.compiledSql);
  const added = incoming.filter((c) => !existing.includes(c));
  const removed = existing.filter((c) => !incoming.includes(c));
  if (added.length > 0 || removed.length > 0) {
    throw new Error(
      `the columns of ${node.name} changed (added: ${added.join(', ') || 'none'}; removed: ${removed.join(', ') || 'none'}): rebuild it with --full-refresh`,
    );
  }
  const sql = incrementalSql(ctx, node);
  await runAll(adapter, dialect.stageIncremental(staging, sql));
  try {
    const [{ n }] = await adapter.query(`select count(*) as n from ${dialect.quote(staging.name)}`);
    const range = { partitionBy: uniqueKey.slice(0, -1), rangeColumn: uniqueKey[uniqueKey.length - 1] };
    const written: WrittenRows = strategy === 'merge' ? { staging, partitionBy: uniqueKey } : { staging, ...range };
    await adapter.transaction(async (tx) => {
      const statements =
        strategy === 'merge'
          ? dialect.merge(node.relation, staging, uniqueKey, incoming)
          : dialect.deleteInsert(node.relation, staging, range, incoming);
      await hooks.beforeWrite?.(tx, node, written);
      await runAll(tx, statements);
      await hooks.afterWrite?.(tx, node, written);
    });
    return { action: `incremental (${strategy})`, rowsAffected: Number(n) };
  } finally {
    await adapter.execute(dialect.type === 'duckdb' ? `drop table if exists ${dialect.quote(staging.name)}` : `drop view if exists ${dialect.quote(staging.name)}`).catch(() => undefined);
  }
}

/**
 * Builds one model. Tables are written beside the old one and swapped in inside a
 * transaction; a failure anywhere leaves the previous table as it was.
 */
export async function buildModel(adapter: Adapter, ctx: CompileContext, node: ModelNode, fullRefresh: boolean, hooks: WriteHooks = {}): Promise<BuildOutcome> {
  const { dialect } = adapter;
  const { materialized } = node.config;
  if (materialized === 'ephemeral') return { action: 'ephemeral' };
  await adapter.execute(dialect.createSchema(node.relation.catalog, node.relation.schema));
  const existing = await adapter.relationKind(node.relation);
  if (materialized === 'view') {
    await adapter.transaction((tx) => runAll(tx, dialect.view(node.relation, node.compiledSql, existing)));
    return { action: 'view' };
  }
  if (materialized === 'incremental' && !fullRefresh && existing === 'table') {
    return buildIncremental(adapter, ctx, node, hooks);
  }
  await adapter.transaction(async (tx) => {
    if (existing === 'table') await hooks.beforeWrite?.(tx, node);
    await runAll(tx, dialect.table(node.relation, node.compiledSql, existing, tableOptions(node)));
    await hooks.afterWrite?.(tx, node);
  });
  return { action: materialized === 'incremental' ? 'incremental (full)' : 'table', rowsAffected: await adapter.rowCount(node.relation) };
}
