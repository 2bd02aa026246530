import { execFileSync } from 'node:child_process';

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/**
 * The commit the models come from: `git rev-parse HEAD`, with `-dirty` when the
 * models folder has uncommitted changes; undefined outside a git work tree.
 */
export function modelsRevision(projectRoot: string, modelsPath = 'models'): string | undefined {
  try {
    const head = git(projectRoot, ['rev-parse', 'HEAD']);
    const changes = git(projectRoot, ['status', '--porcelain', '--', modelsPath]);
    return changes ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}
