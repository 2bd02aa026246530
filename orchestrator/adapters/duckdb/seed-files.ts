// What a DuckDB seed load remembers about its CSV file, so the next load can skip an
// unchanged file and read only the rows appended to a grown one.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Bookkeeping table of the loaded seed files, beside the feature-table versions. */
export const SEED_FILES_DDL = `create table if not exists "stride_meta"."seed_files" (
    relation varchar primary key,
    file varchar not null,
    size bigint not null,
    sha256 varchar not null,
    options varchar not null,
    row_count bigint not null,
    dialect varchar not null,
    loaded_at timestamp not null
)`;

export interface FileDigest {
  size: number;
  sha256: string;
  /** sha256 of the first `prefixSize` bytes, when asked and the file is at least that long. */
  prefixSha256?: string;
  /** Whether the byte just before `prefixSize` is a line feed (the prefix ends with a whole line). */
  prefixEndsLine?: boolean;
  /** The first line of the file, line feed included (the CSV header). */
  header: Buffer;
}

const CHUNK = 4 * 1024 * 1024;

/** One pass over the file: its sha256, its size and, optionally, the sha256 of a prefix. */
export function digestFile(path: string, prefixSize?: number): FileDigest {
  const size = statSync(path).size;
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(path, 'r');
  let position = 0;
  let prefixSha256: string | undefined;
  let prefixEndsLine: boolean | undefined;
  let header: Buffer | undefined;
  let headerParts: Buffer[] = [];
  try {
    for (;;) {
      const want = prefixSize !== undefined && position < prefixSize ? Math.min(CHUNK, prefixSize - position) : CHUNK;
      const n = readSync(fd, buffer, 0, want, position);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      if (!header) {
        const lf = chunk.indexOf(10);
        if (lf >= 0) {
          header = Buffer.concat([...headerParts, chunk.subarray(0, lf + 1)]);
          headerParts = [];
        } else headerParts.push(Buffer.from(chunk));
      }
      hash.update(chunk);
      position += n;
      if (prefixSize !== undefined && position === prefixSize) {
        prefixSha256 = hash.copy().digest('hex');
        prefixEndsLine = chunk[n - 1] === 10;
      }
    }
  } finally {
    closeSync(fd);
  }
  return { size, sha256: hash.digest('hex'), prefixSha256, prefixEndsLine, header: header ?? Buffer.concat(headerParts) };
}

/** The bytes of a file from `start` to its end. */
export function readTail(path: string, start: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size - start);
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(fd, buffer, done, buffer.length - done, start + done);
      if (n === 0) throw new Error(`${path} shrank while it was read`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return buffer;
}
