import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../orchestrator/compile/compile-project.ts';
import { loadProject } from '../../orchestrator/project/load-project.ts';
import { FIXTURES } from '../helpers/fixture.ts';

/**
 * Rendered SQL of every model (and the DDL that materializes it) per engine, pinned
 * in tests/golden. Regenerate after an intended change: UPDATE_GOLDEN=1 npm test.
 */
const GOLDEN = join(import.meta.dirname, '..', 'golden');
const ROOT = join(import.meta.dirname, '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';

const projects = [
  { name: 'mini', dir: join(FIXTURES, 'mini') },
  { name: 'stride', dir: ROOT },
];

for (const { name, dir } of projects) {
  describe(`golden SQL: ${name}`, () => {
    for (const target of ['local', 'databricks']) {
      const project = loadProject(dir);
      // A fixed day and no environment: the rendering must not depend on either.
      const compiled = compileProject(project, { target, today: '2026-11-22', env: {} });
      it(`${target} compiles without errors`, () => {
        expect(compiled.errors).toEqual([]);
      });
      for (const node of compiled.nodes.values()) {
        if (node.kind !== 'model') continue;
        const ddl =
          node.config.materialized === 'view'
            ? compiled.dialect.view(node.relation, node.compiledSql)
            : node.config.materialized === 'ephemeral'
              ? [node.compiledSql]
              : compiled.dialect.table(node.relation, node.compiledSql);
        const text = `${ddl.join(';\n\n')};\n`;
        const file = join(GOLDEN, name, target, node.path);
        it(`${target}: ${node.path}`, () => {
          if (update || !existsSync(file)) {
            if (!update && process.env.CI) throw new Error(`golden file ${file} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, text);
          }
          expect(text).toBe(readFileSync(file, 'utf8'));
        });
      }
    }
  });
}
