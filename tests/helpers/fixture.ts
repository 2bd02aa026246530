import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** A private copy of a fixture project, so tests can edit files and write target/. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `stride-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true, filter: (src) => !src.includes(`${name}/target`) });
  return dir;
}

export function editFile(dir: string, path: string, edit: (text: string) => string): void {
  const file = join(dir, path);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

/** Collects reporter output instead of printing it. */
export function silentReporter() {
  const lines: string[] = [];
  return {
    lines,
    start: () => undefined,
    node: (_i: number, _t: number, node: { id: string }, result: { status: string }) => lines.push(`${result.status} ${node.id}`),
    summary: () => undefined,
    info: (m: string) => lines.push(m),
  };
}
