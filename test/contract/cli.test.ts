// The persona-contract CLI as CI runs it: against the HTTP mock it exits 0 and
// prints the coverage; against a server that answers wrong shapes it exits 1
// and names the violation.
import type { Server } from 'node:http';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, runContractCli, startBrokenServer } from './support.js';

let mock: MockServer;
let broken: { baseUrl: string; server: Server };

beforeAll(async () => {
  mock = await startMockServer({ host: '127.0.0.1', port: 0 });
  broken = await startBrokenServer();
});

afterAll(async () => {
  await mock?.close();
  if (broken) await closeServer(broken.server);
});

describe('persona-contract', () => {
  it('exits 0 against the mock, with the coverage of every operation', async () => {
    const run = await runContractCli(['--base-url', mock.baseUrl, '--api-key', 'contract-cli']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Coverage: (\d+)\/\1 operations exercised/);
    expect(run.stdout).toContain('Every operation of the spec was exercised.');
    expect(run.stdout).toMatch(/PASSED: \d+ passed, 0 failed, 0 skipped steps; 0 violations/);
  });

  it('exits 1 against a server that answers wrong shapes, naming the violation', async () => {
    const run = await runContractCli([
      '--base-url',
      broken.baseUrl,
      '--api-key',
      'contract-cli',
      '--only',
      'account-types',
      '--reporter',
      'junit',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<testsuites name="persona-contract"');
    expect(run.stdout).toContain('GET /account-types\n');
    expect(run.stdout).toContain('1× wrong-type (breaking): data');
    // The human summary goes beside the XML.
    expect(run.stderr).toMatch(/FAILED: .* violations/);
  });
});
