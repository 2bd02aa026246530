import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RACE_WORDS, TRAINING_WORDS } from '../reference/race-words.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const seedColumn = (name: string, column: string): string[] =>
  (parse(readFileSync(join(ROOT, 'seeds', `${name}.csv`)), { columns: true }) as Record<string, string>[]).map((r) => r[column]);

describe('the is_race word lists of the SQL seeds and of the reference implementation', () => {
  it('hold the same race words', () => {
    expect([...seedColumn('race_name_patterns', 'pattern')].sort()).toEqual([...RACE_WORDS].sort());
  });

  it('hold the same training words, lower-case plain text that a regular expression reads literally', () => {
    const seed = seedColumn('race_name_exclusions', 'word');
    expect([...seed].sort()).toEqual([...TRAINING_WORDS].sort());
    expect(new Set(seed).size).toBe(seed.length);
    for (const word of seed) {
      expect(word).toBe(word.toLowerCase());
      // the SQL puts the word into a regular expression; the reference compares text
      expect(word, word).not.toMatch(/[\\^$.|?*+()[\]{}]/);
    }
  });
});
