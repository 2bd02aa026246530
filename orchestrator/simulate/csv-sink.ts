// Streams CSV rows to a file with backpressure. Rows are formatted by csv-stringify; rows whose
// cells need no quoting (numbers, plain words) take a plain join, which gives the same bytes and
// is several times faster on the hundred-million-split runs.

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Row } from './contract.ts';

const NEEDS_QUOTES = /[",\r\n]/;

export function formatRows(rows: readonly Row[]): string {
  let out = '';
  for (const row of rows) {
    let plain = true;
    for (const cell of row) {
      if (cell !== null && NEEDS_QUOTES.test(cell)) {
        plain = false;
        break;
      }
    }
    out += plain ? row.map((c) => c ?? '').join(',') + '\n' : stringify([row]);
  }
  return out;
}

export class CsvSink {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  rows = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (err) => (this.failure = err));
    this.push(formatRows([[...header]]));
  }

  private push(text: string): boolean {
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(text);
    return this.stream.write(text);
  }

  /** Writes a batch; waits for the file to drain when its buffer is full. */
  async write(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    this.rows += rows.length;
    if (!this.push(formatRows(rows))) await once(this.stream, 'drain');
  }

  async close(): Promise<{ path: string; rows: number; bytes: number }> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
    return { path: this.path, rows: this.rows, bytes: this.bytes };
  }
}
