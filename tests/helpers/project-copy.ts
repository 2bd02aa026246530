import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

/**
 * A private copy of the Stride project (models, macros, seeds, data tests, project.yml)
 * whose silver seeds can be replaced, e.g. by simulated athletes.
 */
export function copyStrideProject(seedFiles: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'stride-project-'));
  for (const part of ['project.yml', 'models', 'macros', 'seeds', 'tests/data']) {
    cpSync(join(REPO, part), join(dir, part), { recursive: true });
  }
  for (const [name, file] of Object.entries(seedFiles)) {
    rmSync(join(dir, 'seeds', `${name}.csv`), { force: true });
    cpSync(file, join(dir, 'seeds', `${name}.csv`));
  }
  return dir;
}
