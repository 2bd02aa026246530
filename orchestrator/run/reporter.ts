import type { GraphNode } from '../compile/nodes.ts';
import type { NodeResult } from './results.ts';

export interface Reporter {
  start(total: number): void;
  node(index: number, total: number, node: GraphNode, result: NodeResult): void;
  summary(results: NodeResult[], elapsedSeconds: number): void;
  info(message: string): void;
}

type Write = (line: string) => void;

const LABEL: Record<NodeResult['status'], string> = {
  success: 'OK',
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  error: 'ERROR',
  skipped: 'SKIP',
  ephemeral: 'OK',
};

function detail(result: NodeResult): string {
  const time = `${result.executionTime.toFixed(2)}s`;
  if (result.status === 'skipped') return result.message ?? 'skipped';
  if (result.status === 'error') return `error in ${time}`;
  if (result.action === 'test') return result.failures ? `${result.failures.toLocaleString('en-US')} failing rows in ${time}` : `in ${time}`;
  if (result.rowsAffected !== undefined) return `${result.rowsAffected.toLocaleString('en-US')} rows in ${time}`;
  return `in ${time}`;
}

const describeNode = (node: GraphNode, result: NodeResult) =>
  node.kind === 'test' ? `test ${node.name}` : `${result.action} ${node.kind === 'model' || node.kind === 'seed' ? result.relation ?? node.name : node.name}`;

/** One line per node with status, rows and time, then a summary; errors and failing rows after it. */
export function textReporter(write: Write = (l) => process.stdout.write(`${l}\n`)): Reporter {
  return {
    start: (total) => write(`Running ${total} node${total === 1 ? '' : 's'}`),
    node(index, total, node, result) {
      const left = `${String(index).padStart(String(total).length)} of ${total} ${LABEL[result.status].padEnd(5)} ${describeNode(node, result)} `;
      write(`${left.padEnd(86, '.')} [${detail(result)}]`);
    },
    summary(results, elapsed) {
      const count = (s: NodeResult['status'][]) => results.filter((r) => s.includes(r.status)).length;
      write('');
      write(
        `Done in ${elapsed.toFixed(2)}s. PASS=${count(['success', 'pass', 'ephemeral'])} WARN=${count(['warn'])} ERROR=${count(['error', 'fail'])} SKIP=${count(['skipped'])} TOTAL=${results.length}`,
      );
      for (const r of results.filter((x) => ['error', 'fail', 'warn'].includes(x.status))) {
        write('');
        write(`${LABEL[r.status]} ${r.id}${r.message ? `: ${r.message}` : ''}`);
        if (r.failingRows?.length) {
          write(`  ${r.failures} failing row${r.failures === 1 ? '' : 's'}; the first ${r.failingRows.length}:`);
          for (const row of r.failingRows) write(`    ${JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
        }
      }
    },
    info: (message) => write(message),
  };
}

/** The same events as JSON lines, for log collectors. */
export function jsonReporter(write: Write = (l) => process.stdout.write(`${l}\n`)): Reporter {
  const emit = (event: Record<string, unknown>) =>
    write(JSON.stringify({ ts: new Date().toISOString(), ...event }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  return {
    start: (total) => emit({ event: 'start', total }),
    node: (index, total, node, result) => emit({ event: 'node', index, total, node: node.id, ...result }),
    summary: (results, elapsed) =>
      emit({ event: 'summary', elapsed_s: elapsed, counts: Object.fromEntries(['success', 'pass', 'warn', 'error', 'fail', 'skipped'].map((s) => [s, results.filter((r) => r.status === s).length])) }),
    info: (message) => emit({ event: 'info', message }),
  };
}
