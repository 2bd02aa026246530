import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for the online-store tests: initdb into a fresh temp
 * folder, `postgres` on a free loopback port with password authentication, stopped and
 * deleted in teardown. With STRIDE_TEST_PG_URL set, that server is used instead.
 * Without either, starting fails and says what to install: these tests never skip.
 */
export interface PostgresServer {
  /** Connection URL, password included (tests only). */
  url: string;
  password: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "install Debian's postgresql package (apt-get install postgresql; .ci/run does it) or set STRIDE_TEST_PG_URL=postgres://user:password@host:port/database to a server the tests may write to";

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, else initdb's folder on PATH. */
function findBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  return which.status === 0 && path ? path.replace(/\/initdb$/, '') : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, log: () => string): Promise<void> {
  let last: unknown;
  for (let i = 0; i < 100; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (err) {
      last = err;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections: ${(last as Error)?.message}\n${log()}`);
}

export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.STRIDE_TEST_PG_URL;
  if (external) {
    await waitUntilReady(external, () => 'STRIDE_TEST_PG_URL is set but its server does not answer');
    return { url: external, password: new URL(external).password, stop: async () => undefined };
  }
  const bin = findBinaries();
  if (!bin) throw new Error(`no PostgreSQL server binaries (initdb, postgres) in /usr/lib/postgresql/*/bin or on PATH: ${INSTALL_HINT}`);

  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const prefix: string[] = [];
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (uid.status !== 0) throw new Error(`running as root and there is no 'postgres' user to run the server as: ${INSTALL_HINT}`);
    owner = { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
    prefix.push('runuser', '-u', 'postgres', '--');
  }
  const spawn = (program: string, args: string[]) => {
    const command = [...prefix, join(bin, program), ...args];
    return spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 120_000 });
  };
  const run = (program: string, args: string[]) => {
    const out = spawn(program, args);
    if (out.status !== 0) throw new Error(`${program} failed (exit ${out.status}): ${out.stderr || out.stdout || out.error?.message}`);
    return out;
  };

  const dir = mkdtempSync(join(tmpdir(), 'stride-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  const logFile = join(dir, 'server.log');
  const log = () => (existsSync(logFile) ? spawnSync('tail', ['-n', '20', logFile], { encoding: 'utf8' }).stdout : '');
  let started = false;
  const stopSync = () => {
    if (started) spawn('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--no-locale']);
    const port = await freePort();
    const serverOptions = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'].join(' ');
    run('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOptions]);
    started = true;
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    await waitUntilReady(url, log);
    // A crashed test process still stops its server.
    process.once('exit', stopSync);
    return {
      url,
      password,
      stop: async () => {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (err) {
    stopSync();
    throw err;
  }
}
