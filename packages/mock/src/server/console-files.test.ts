// The console's static files: right content types, and no path out of its folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './http-server.js';

/** A raw GET: the path goes out exactly as written (fetch would resolve `..` first). */
function rawGet(server: MockServer, path: string) {
  const { hostname, port } = new URL(server.url);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, type: res.headers['content-type'] ?? '', body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console files under /__mock/', () => {
  let root: string;
  let server: MockServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'persona-console-'));
    const dir = join(root, 'console');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets', 'app-1a2b.css'), 'body{}');
    await writeFile(join(root, 'secret.txt'), 'outside the console');
    server = await startMockServer({ port: 0, consoleDir: dir });
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page and its assets with their content types', async () => {
    const page = await rawGet(server, '/__mock/');
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page.body).toContain('<title>console</title>');
    expect(await rawGet(server, '/__mock/assets/app-1a2b.js')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    expect((await rawGet(server, '/__mock/assets/app-1a2b.css')).type).toBe(
      'text/css; charset=utf-8',
    );
    const response = await fetch(`${server.url}/__mock/`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('redirects /__mock to /__mock/', async () => {
    const response = await fetch(`${server.url}/__mock`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/__mock/');
  });

  it.each([
    '/__mock/../../etc/passwd',
    '/__mock/assets/../../secret.txt',
    '/__mock/assets/..%2f..%2fsecret.txt',
    '/__mock/assets/%2e%2e/%2e%2e/secret.txt',
    '/__mock/assets/..\\..\\secret.txt',
    '/__mock/assets/',
    '/__mock/assets/missing.js',
  ])('answers 404 for %s', async (path) => {
    const answer = await rawGet(server, path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('outside the console');
    expect(answer.body).not.toContain('root:');
  });

  it('leaves the control plane to its routes', async () => {
    const state = await fetch(`${server.url}/__mock/state`, {
      headers: { Authorization: 'Bearer key-console' },
    });
    expect(state.status).toBe(200);
    expect((await state.json()).plan).toBeDefined();
  });

  it('says how to build the console when it is missing', async () => {
    const bare = await startMockServer({ port: 0, consoleDir: join(root, 'not-built') });
    try {
      const answer = await rawGet(bare, '/__mock/');
      expect(answer.status).toBe(404);
      expect(answer.body).toContain('not built');
    } finally {
      await bare.close();
    }
  });
});
