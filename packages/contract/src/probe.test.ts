import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-main.js';

// A server with the API under /api/v1 only, as persona-mock and Persona have it.
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const found = req.url?.startsWith('/api/v1/accounts');
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(found ? '{"data":[],"links":{}}' : '{"errors":[{"title":"Not Found"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(baseUrl: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--base-url', baseUrl, '--api-key', 'k'], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
  });
  return { code, stdout, stderr };
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('persona-contract before the suite', () => {
  it('says once that nothing listens, naming the URL, and runs no step', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/v1`;
    const { code, stdout, stderr } = await run(url);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`cannot connect to ${url}: connection refused`);
    expect(stderr).toContain('Start the server');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the base URL to use when /api/v1 is missing', async () => {
    const { code, stdout, stderr } = await run(origin);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Use --base-url ${origin}/api/v1`);
  });

  it('says where the API lives when no path answers', async () => {
    const { code, stderr } = await run(`${origin}/v2`);
    expect(code).toBe(1);
    expect(stderr).toContain('The base URL ends with /api/v1');
  });
});
