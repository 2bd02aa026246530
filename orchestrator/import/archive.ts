import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import yauzl from 'yauzl';
import { RATIO_CHECK_FROM_BYTES, type ImportLimits } from './limits.ts';
import type { Rejection } from './report.ts';
import { FileError } from './row-error.ts';

/** A bulk export opened as a zip or a folder: relative names with '/', read one at a time. */
export interface Archive {
  label: string;
  names(): string[];
  read(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

function refuse(refused: Rejection[], file: string, reason: string, detail: string): void {
  refused.push({ file, reason, detail });
}

/** A folder: every regular file below it (symbolic links are not followed). */
export function openFolder(root: string, limits: ImportLimits, refused: Rejection[]): Archive {
  const sizes = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const size = lstatSync(full).size;
        const name = relative(root, full).split(sep).join('/');
        if (size > limits.maxFileBytes) refuse(refused, name, 'file_too_large', `${size} bytes is over the limit of ${limits.maxFileBytes}`);
        else sizes.set(name, size);
      }
    }
  };
  walk(root);
  return {
    label: root,
    names: () => [...sizes.keys()].sort(),
    read: async (name) => {
      if (!sizes.has(name)) throw new FileError(name, 'not in the folder');
      return readFileSync(join(root, ...name.split('/')));
    },
    close: async () => undefined,
  };
}

const openZip = (path: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip!))),
  );

/**
 * A zip archive, checked entry by entry before anything is read: names that are
 * absolute or climb out with '..' (path traversal), entries over the size limit,
 * entries that inflate more than `maxRatio` times (zip bombs) and archives over the
 * total size or entry count are refused and reported; the rest stays readable.
 * Nothing is ever written to disk.
 */
export async function openZipArchive(path: string, limits: ImportLimits, refused: Rejection[]): Promise<Archive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw new FileError(path, `not a readable zip archive: ${(err as Error).message}`);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new FileError(path, `refused: ${zip.entryCount} entries is over the limit of ${limits.maxEntries}`);
  }
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const name = raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
      const invalid = yauzl.validateFileName(name);
      if (name.endsWith('/')) {
        // a directory entry
      } else if (invalid !== null) {
        refuse(refused, name, 'unsafe_path', `${invalid} (path traversal is refused)`);
      } else if (entry.uncompressedSize > limits.maxFileBytes) {
        refuse(refused, name, 'file_too_large', `${entry.uncompressedSize} bytes is over the limit of ${limits.maxFileBytes}`);
      } else if (entry.uncompressedSize >= RATIO_CHECK_FROM_BYTES && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
        refuse(refused, name, 'zip_bomb', `inflates ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times (limit ${limits.maxRatio})`);
      } else if (total + entry.uncompressedSize > limits.maxTotalBytes) {
        refuse(refused, name, 'archive_too_large', `the archive's files add up to more than ${limits.maxTotalBytes} bytes`);
      } else {
        total += entry.uncompressedSize;
        entries.set(name, entry);
      }
      zip.readEntry();
    });
    zip.readEntry();
  }).catch((err) => {
    zip.close();
    throw new FileError(path, `damaged zip archive: ${(err as Error).message}`);
  });
  return {
    label: path,
    names: () => [...entries.keys()].sort(),
    read: (name) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const entry = entries.get(name);
        if (!entry) return reject(new FileError(name, 'not in the archive'));
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(new FileError(name, `cannot read from the archive: ${err?.message}`));
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            // yauzl also checks against the declared size; this guards the limit itself.
            if (size > limits.maxFileBytes) stream.destroy(new Error(`inflates past the limit of ${limits.maxFileBytes} bytes`));
            else chunks.push(chunk);
          });
          stream.on('error', (e) => reject(new FileError(name, `refused or damaged: ${e.message}`)));
          stream.on('end', () => resolve(Buffer.concat(chunks)));
        });
      }),
    close: async () => zip.close(),
  };
}

export async function openArchive(path: string, limits: ImportLimits, refused: Rejection[]): Promise<Archive> {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    throw new FileError(path, 'no such file or folder');
  }
  return stat.isDirectory() ? openFolder(path, limits, refused) : openZipArchive(path, limits, refused);
}
