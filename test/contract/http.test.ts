// The scenario suite over real HTTP: the mock's node:http server on a free
// loopback port, called with the global fetch like any server.

import { runSuite } from '@persona-kit/contract';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failures, neverExercised } from './support.js';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
});

describe('contract suite against the HTTP mock', () => {
  it('passes, and passes again on the same organization', async () => {
    for (const runId of ['first', 'second']) {
      const result = await runSuite({ baseUrl: server.baseUrl, apiKey: 'contract-http', runId });
      expect(failures(result)).toBe('');
      expect(result.ok).toBe(true);
      expect(neverExercised(result)).toEqual([]);
    }
  });
});
