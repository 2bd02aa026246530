import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares text with its golden file under `dir`, writing the file when UPDATE_GOLDEN=1
 * or when it is missing (outside CI, where a missing golden file is an error).
 */
export function goldenFiles(dir: string): (file: string, text: string) => void {
  const update = process.env.UPDATE_GOLDEN === '1';
  return (file, text) => {
    const path = join(dir, file);
    if (update || !existsSync(path)) {
      if (!update && process.env.CI) throw new Error(`golden file ${path} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, 'utf8'));
  };
}
