// The API key must never leave through an error or a log line, however they are printed.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonaClient } from './client.js';
import type { PersonaLogFields } from './logger.js';
import { errorDocument } from './test-support/fixtures.js';
import { closedUrl, type LocalServer, startLocalServer } from './test-support/http-server.js';
import { API_KEY } from './test-support/msw.js';
import { expectData } from './unwrap.js';

let server: LocalServer;
const lines: string[] = [];
const logger = {
  debug: (message: string, fields: PersonaLogFields) => {
    lines.push(`${message} ${JSON.stringify(fields)}`, inspect(fields));
  },
};

beforeAll(async () => {
  // 401 for the key-less, 429 then 503 forever for the rest: errors of every kind.
  let calls = 0;
  server = await startLocalServer((req, res) => {
    calls++;
    const status = req.url?.includes('unauthorized') ? 401 : calls % 2 ? 429 : 503;
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${calls}` });
    res.end(JSON.stringify(errorDocument('Must be authenticated to access this endpoint')));
  });
});
afterAll(() => server.close());

/** Every way an error ends up in a log or a tracker, cause chain included. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    out.push(
      JSON.stringify(current) ?? '',
      JSON.stringify(current, Object.getOwnPropertyNames(current ?? {})),
      inspect(current, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
      String(current),
      (current as Error)?.stack ?? '',
    );
    current = (current as Error)?.cause;
  }
  return out;
}

function client(baseUrl: string) {
  return createPersonaClient({
    apiKey: API_KEY,
    baseUrl,
    logger,
    retry: { retries: 2, sleep: async () => {} },
  });
}

describe('the API key', () => {
  it('is in no rendering of an API error', async () => {
    const error = await expectData(
      client(`${server.url}/api/v1/unauthorized`).GET('/accounts'),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('is in no rendering of a retried-out error', async () => {
    const error = await expectData(
      client(`${server.url}/api/v1`).POST('/accounts', { body: { data: { attributes: {} } } }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: expect.any(Number) });
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('is in no rendering of a network error', async () => {
    const error = await client(`${await closedUrl()}/api/v1`)
      .GET('/accounts')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('is in no log line, while the log still tells what happened', () => {
    expect(lines.join('\n')).toMatch(/retrying/);
    expect(lines.join('\n')).toMatch(/idempotencyKey/);
    for (const line of lines) expect(line).not.toContain(API_KEY);
  });

  it('is not visible on the client object', () => {
    const persona = client(server.url);
    expect(inspect(persona, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(
      API_KEY,
    );
    expect(JSON.stringify(persona)).not.toContain(API_KEY);
  });

  it('is refused in a base URL, without being quoted', () => {
    const error = (() => {
      try {
        createPersonaClient({ apiKey: API_KEY, baseUrl: `https://user:${API_KEY}@persona.test` });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });
});
