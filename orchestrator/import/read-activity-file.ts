import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ParsedActivityFile } from './activity-file.ts';
import { parseFit } from './fit-file.ts';
import { parseGpx } from './gpx-file.ts';
import type { ImportLimits } from './limits.ts';
import { FileError } from './row-error.ts';
import { parseTcx } from './tcx-file.ts';

const KINDS = ['.fit', '.gpx', '.tcx'] as const;

/** Whether a file name is an activity file Stride reads (optionally gzipped). */
export function isActivityFile(name: string): boolean {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  return KINDS.some((k) => n.endsWith(k));
}

/** Gunzips within the size limit: a bigger output is refused, not allocated. */
export function gunzipLimited(bytes: Uint8Array, file: string, limits: ImportLimits): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: limits.maxFileBytes });
  } catch (err) {
    const message = (err as Error).message;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|too large/i.test(message)) {
      throw new FileError(file, `refused: decompresses to more than ${limits.maxFileBytes} bytes`);
    }
    throw new FileError(file, `damaged gzip data: ${message}`);
  }
}

/** A FIT, GPX or TCX file, gzipped or not. */
export function readActivityFile(name: string, bytes: Uint8Array, limits: ImportLimits): ParsedActivityFile {
  let data = bytes;
  let lower = name.toLowerCase();
  if (lower.endsWith('.gz')) {
    data = gunzipLimited(bytes, name, limits);
    lower = lower.slice(0, -3);
  }
  if (data.byteLength > limits.maxFileBytes) throw new FileError(name, `refused: larger than ${limits.maxFileBytes} bytes`);
  if (lower.endsWith('.fit')) return parseFit(data, name);
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  if (lower.endsWith('.gpx')) return parseGpx(text, name);
  if (lower.endsWith('.tcx')) return parseTcx(text, name);
  throw new FileError(name, `not an activity file Stride reads (${KINDS.join(', ')}, optionally .gz): ${basename(name)}`);
}
