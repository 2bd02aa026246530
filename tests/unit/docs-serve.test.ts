import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRequest, serveSite, type RunningSite } from '../../orchestrator/docs/serve-site.ts';
import { replaceDirectory, writeFiles } from '../../orchestrator/docs/write-site.ts';

/** A raw GET, so paths reach the server exactly as written (no client-side normalising of `..`). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${url.replace(/\/$/, '')}${path}`, { method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', fail);
    req.path = path;
    req.end();
  });
}

describe('stride docs serve', () => {
  let parent: string;
  let root: string;
  let site: RunningSite;

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'stride-docs-serve-'));
    root = join(parent, 'docs');
    writeFiles(root, new Map([
      ['index.html', '<h1>home</h1>'],
      ['athletes/index.html', '<h1>athletes</h1>'],
      ['assets/site.css', 'body{}'],
      ['assets/page.js', 'void 0;'],
    ]));
    writeFileSync(join(parent, 'secret.txt'), 'outside the site');
    site = await serveSite(root, 0);
  });
  afterAll(async () => site?.close());

  it('listens on the loopback interface only', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves pages, folder indexes and assets with their content types', async () => {
    expect(await get(site.url, '/')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>' });
    expect((await get(site.url, '/athletes/')).body).toBe('<h1>athletes</h1>');
    expect((await get(site.url, '/assets/site.css')).type).toBe('text/css; charset=utf-8');
    expect((await get(site.url, '/assets/page.js?v=1')).type).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and for paths leaving the site, 405 for writes', async () => {
    expect((await get(site.url, '/nope.html')).status).toBe(404);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/athletes/..%2f..%2fsecret.txt']) {
      const res = await get(site.url, path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside the site');
    }
    expect((await get(site.url, '/', 'POST')).status).toBe(405);
  });

  it('resolves request paths inside the root only', () => {
    expect(resolveRequest(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRequest(root, '/athletes')).toBe(join(root, 'athletes', 'index.html'));
    expect(resolveRequest(root, '/../secret.txt')).toBeUndefined();
    expect(resolveRequest(root, '/%E0%A4%A')).toBeUndefined();
  });

  it('refuses a port that is already taken, naming it', async () => {
    const port = Number(new URL(site.url).port);
    await expect(serveSite(root, port)).rejects.toThrow(`port ${port} on 127.0.0.1 is in use: pass another with --port`);
  });
});

describe('writing the site', () => {
  it('keeps the previous site when generation fails, and leaves no staging folder behind', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'stride-docs-write-'));
    const dir = join(parent, 'docs');
    await replaceDirectory(dir, (staging) => writeFiles(staging, new Map([['index.html', 'first']])));
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('first');

    await expect(
      replaceDirectory(dir, (staging) => {
        writeFiles(staging, new Map([['index.html', 'half']]));
        throw new Error('rendering failed');
      }),
    ).rejects.toThrow('rendering failed');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('first');
    expect(readdirSync(parent)).toEqual(['docs']);

    mkdirSync(join(dir, 'stale'));
    await replaceDirectory(dir, (staging) => writeFiles(staging, new Map([['index.html', 'second']])));
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('second');
    expect(existsSync(join(dir, 'stale'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['docs']);
  });
});
