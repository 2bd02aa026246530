import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportLimits } from './limits.ts';
import { FileError } from './row-error.ts';

/** The files an import reads: the file given, or the files with one of `extensions` in the folder given (not recursive). */
export function inputFiles(path: string, extensions: string[]): string[] {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    throw new FileError(path, 'no such file or folder');
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => extensions.includes(extname(n).toLowerCase()))
    .sort()
    .map((n) => join(path, n));
}

/** A whole file as text, refused when over the size limit. */
export function readTextFile(file: string, limits: ImportLimits): string {
  const size = lstatSync(file).size;
  if (size > limits.maxFileBytes) throw new FileError(file, `refused: ${size} bytes is over the limit of ${limits.maxFileBytes}`);
  return readFileSync(file, 'utf8');
}

/** The 1-based line of a character offset, for JSON syntax errors. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
