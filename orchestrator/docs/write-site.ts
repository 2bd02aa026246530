import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Builds a folder beside `dir` and swaps it in only when `fill` succeeded, so a failed
 * generation leaves the previous site as it was.
 */
export async function replaceDirectory(dir: string, fill: (staging: string) => Promise<void> | void): Promise<void> {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(dir)}-new-`));
  // mkdtemp makes the folder private (0700); the site is meant to be read like any other folder.
  chmodSync(staging, 0o755);
  try {
    await fill(staging);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const old = existsSync(dir) ? join(parent, `.${basename(dir)}-old-${process.pid}-${Date.now()}`) : undefined;
  if (old) renameSync(dir, old);
  try {
    renameSync(staging, dir);
  } catch (err) {
    if (old) renameSync(old, dir);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (old) rmSync(old, { recursive: true, force: true });
}

/** Writes files given by path relative to `root`, creating their folders. */
export function writeFiles(root: string, files: Map<string, string>): void {
  for (const [path, text] of files) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
