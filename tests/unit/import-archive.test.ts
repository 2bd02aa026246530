import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../orchestrator/import/archive.ts';
import { DEFAULT_LIMITS } from '../../orchestrator/import/limits.ts';
import type { Rejection } from '../../orchestrator/import/report.ts';
import { renameInZip, zipBuffer } from '../integration/import-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'stride-zip-'));
async function zipFile(name: string, entries: Record<string, string | Uint8Array>, rename?: [string, string]): Promise<string> {
  let buf = await zipBuffer(entries);
  if (rename) buf = renameInZip(buf, ...rename);
  const path = join(dir, name);
  writeFileSync(path, buf);
  return path;
}

describe('zip archives are checked before anything is read', () => {
  it('refuses names that climb out with .. or are absolute, and keeps the rest readable', async () => {
    const path = await zipFile('traversal.zip', { 'ok/activities.csv': 'a,b\n1,2\n', 'xx/xx/evil.sh': 'rm -rf /', 'Zetc/passwd': 'root' }, ['xx/xx/evil.sh', '../../evil.sh']);
    const fixed = renameInZip((await import('node:fs')).readFileSync(path), 'Zetc/passwd', '/etc/passwd');
    writeFileSync(path, fixed);
    const refused: Rejection[] = [];
    const archive = await openArchive(path, DEFAULT_LIMITS, refused);
    expect(archive.names()).toEqual(['ok/activities.csv']);
    expect(refused.map((r) => [r.file, r.reason])).toEqual([
      ['../../evil.sh', 'unsafe_path'],
      ['/etc/passwd', 'unsafe_path'],
    ]);
    expect(Buffer.from(await archive.read('ok/activities.csv')).toString()).toBe('a,b\n1,2\n');
    await archive.close();
  });

  it('refuses an entry that inflates more than 200 times (zip bomb) and one over the size limit', async () => {
    const path = await zipFile('bomb.zip', { 'activities/bomb.fit': Buffer.alloc(8 * 2 ** 20), 'activities/big.gpx': Buffer.alloc(3000, 'x'), 'activities/small.gpx': '<gpx/>' });
    const refused: Rejection[] = [];
    const archive = await openArchive(path, { ...DEFAULT_LIMITS, maxFileBytes: 2 ** 23 }, refused);
    expect(refused.map((r) => r.reason)).toEqual(['zip_bomb']);
    expect(refused[0].detail).toMatch(/^inflates \d+ times \(limit 200\)$/);
    await archive.close();
    const refused2: Rejection[] = [];
    const small = await openArchive(path, { ...DEFAULT_LIMITS, maxFileBytes: 2000 }, refused2);
    expect(refused2.map((r) => [r.file, r.reason])).toEqual([
      ['activities/bomb.fit', 'file_too_large'],
      ['activities/big.gpx', 'file_too_large'],
    ]);
    expect(small.names()).toEqual(['activities/small.gpx']);
    await small.close();
  });

  it('refuses an archive with more entries than the limit, naming it', async () => {
    const path = await zipFile('many.zip', { a: '1', b: '2', c: '3' });
    await expect(openArchive(path, { ...DEFAULT_LIMITS, maxEntries: 2 }, [])).rejects.toThrow(`${path}: refused: 3 entries is over the limit of 2`);
  });

  it('says when a file is not a zip at all', async () => {
    const path = join(dir, 'export.zip');
    writeFileSync(path, 'not a zip');
    await expect(openArchive(path, DEFAULT_LIMITS, [])).rejects.toThrow(/export\.zip: not a readable zip archive/);
  });
});
