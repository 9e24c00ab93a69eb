// The host rule: a server reachable beyond this machine needs the admin token.
// Nothing here listens beyond 127.0.0.1: the rule is reached through options
// and through refusals that happen before any listen. The outside host is
// 192.0.2.1 (a documentation address no machine holds), so even a broken
// refusal could not bind it.
const OUTSIDE = '192.0.2.1';

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_HEADER } from '../http/admin-access.js';
import { ADMIN_TOKEN_ENV, adminTokenFor } from './admin-token-flag.js';
import { type MockServer, startMockServer } from './http-server.js';
import { isLoopbackHost } from './loopback.js';

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    'localhost',
    'LOCALHOST',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
  ])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each([
    '0.0.0.0',
    '::',
    '192.168.1.20',
    '10.0.0.1',
    '128.0.0.1',
    'mock.example.com',
    '127.0.0.1.nip.io',
  ])('%s is reachable from elsewhere', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('adminTokenFor', () => {
  it('takes the flag, else the environment', () => {
    expect(adminTokenFor('127.0.0.1', 'flag', { [ADMIN_TOKEN_ENV]: 'env' })).toBe('flag');
    expect(adminTokenFor('0.0.0.0', undefined, { [ADMIN_TOKEN_ENV]: 'env' })).toBe('env');
    expect(adminTokenFor('127.0.0.1', undefined, {})).toBeUndefined();
  });
  it('refuses a host beyond loopback without a token, and an empty token', () => {
    expect(() => adminTokenFor('0.0.0.0', undefined, { [ADMIN_TOKEN_ENV]: '' })).toThrow(
      /--admin-token <token>/,
    );
    expect(() => adminTokenFor('127.0.0.1', ' ', {})).toThrow(/must not be empty/);
  });
});

describe('startMockServer', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses a host beyond loopback without adminToken, before listening', async () => {
    await expect(startMockServer({ host: OUTSIDE, port: 0 })).rejects.toThrow(
      `${OUTSIDE} is reachable beyond this machine, and /__mock/ can read and wipe every organization: give adminToken`,
    );
  });

  it('carries the token header through node:http when the token is required', async () => {
    server = await startMockServer({
      port: 0,
      adminToken: 'server-token',
      requireAdminToken: true,
    });
    const state = (headers: Record<string, string>) =>
      fetch(`${server?.url}/__mock/state`, {
        headers: { Authorization: 'Bearer k1', ...headers },
      });
    const refused = await state({});
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(ADMIN_TOKEN_HEADER);
    expect((await state({ [ADMIN_TOKEN_HEADER]: 'server-token' })).status).toBe(200);
    // The API itself is not the control plane: a key is all it takes.
    const accounts = await fetch(`${server.baseUrl}/accounts`, {
      headers: { Authorization: 'Bearer k1' },
    });
    expect(accounts.status).toBe(200);
  });
});

describe('persona-mock --host beyond loopback', () => {
  it('refuses to start without a token, says why and what to pass, exit code 2', () => {
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const env = { ...process.env };
    delete env[ADMIN_TOKEN_ENV];
    const result = spawnSync(
      process.execPath,
      [
        '--conditions=@persona-kit/source',
        '--import',
        'tsx',
        cli,
        '--host',
        OUTSIDE,
        '--port',
        '0',
      ],
      { encoding: 'utf8', timeout: 30_000, env },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `--host ${OUTSIDE} makes the control plane under /__mock/ reachable`,
    );
    expect(result.stderr).toContain('--admin-token <token>');
    expect(result.stderr).toContain(ADMIN_TOKEN_ENV);
    expect(result.stdout).not.toContain('listening');
  });
});
