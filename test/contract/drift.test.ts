// Drift is caught: the mock is broken on purpose, one answer at a time, and the
// suite fails with a message naming each break.

import { formatViolation, type Json, runSuite, type SuiteResult } from '@persona-kit/contract';
import { handlersFetch } from '@persona-kit/contract/msw';
import { createPersonaMock } from '@persona-kit/mock';
import { findOperation } from '@persona-kit/spec';
import { describe, expect, it } from 'vitest';

type Break = (operationId: string, response: Response) => Promise<Response>;

/** The mock's answers, changed by `breaks` for the operations it names. */
function brokenMock(breaks: Break): typeof fetch {
  const fetchMock = handlersFetch(createPersonaMock().handlers);
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await fetchMock(request);
    const match = findOperation(request.method, new URL(request.url).pathname);
    return match ? breaks(match.operation.operationId, response) : response;
  }) as typeof fetch;
}

async function rewrite(
  response: Response,
  change: (body: Json) => void,
  init: { status?: number; contentType?: string } = {},
): Promise<Response> {
  const body = await response.json();
  change(body);
  const headers = new Headers(response.headers);
  if (init.contentType) headers.set('Content-Type', init.contentType);
  return new Response(JSON.stringify(body), { status: init.status ?? response.status, headers });
}

async function run(breaks: Break): Promise<{ result: SuiteResult; lines: string[] }> {
  const result = await runSuite({
    baseUrl: 'https://api.withpersona.com/api/v1',
    apiKey: 'contract-drift',
    fetch: brokenMock(breaks),
    only: ['accounts', 'cases'],
  });
  const lines = result.violations.map(formatViolation);
  return { result, lines };
}

const ok = (status: number) => status >= 200 && status < 300;

describe('drift between the mock and the spec', () => {
  it('a field of the wrong type', async () => {
    const { result, lines } = await run(async (operationId, response) =>
      operationId === 'createAccount' && ok(response.status)
        ? rewrite(response, (body) => {
            body.data.attributes.tags = 'contract';
          })
        : response,
    );
    expect(result.ok).toBe(false);
    expect(lines).toContain(
      'POST /accounts 201 /data/attributes/tags: expected array, got string "contract"',
    );
  });

  it('a missing required field', async () => {
    const { result, lines } = await run(async (operationId, response) =>
      operationId === 'retrieveAccount' && ok(response.status)
        ? rewrite(response, (body) => {
            delete body.data.attributes['created-at'];
          })
        : response,
    );
    expect(result.ok).toBe(false);
    expect(lines).toContain(
      'GET /accounts/{account-id} 200 /data/attributes/created-at: required, but missing',
    );
  });

  it('an undocumented status', async () => {
    const { result, lines } = await run(async (operationId, response) =>
      operationId === 'listCaseQueues' ? rewrite(response, () => {}, { status: 203 }) : response,
    );
    expect(result.ok).toBe(false);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^GET \/case-queues 203: status 203 is not documented for listCaseQueues/,
      ),
    );
    const failed = result.scenarios
      .flatMap((s) => s.steps)
      .find((s) => s.name === 'list case queues');
    expect(failed?.error).toContain('expected 200, got 203');
  });

  it('a wrong content type', async () => {
    const { result, lines } = await run(async (operationId, response) =>
      operationId === 'retrieveCase' && ok(response.status)
        ? rewrite(response, () => {}, { contentType: 'text/html' })
        : response,
    );
    expect(result.ok).toBe(false);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^GET \/cases\/\{case-id\} 200 Content-Type: Content-Type text\/html is not documented/,
      ),
    );
  });
});
