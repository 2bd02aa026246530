import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:databricks`: the live smoke test against a real SQL warehouse. Its
 * files end in `.live.ts`, so the default `npm test` never picks them up.
 */
export default defineConfig({
  root: join(import.meta.dirname, '..', '..'),
  test: {
    include: ['tests/live/**/*.live.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
