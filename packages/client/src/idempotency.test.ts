import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaClient } from './client.js';
import { account, errorDocument } from './test-support/fixtures.js';
import { API_KEY, BASE_URL, recordingSleep, useMswServer } from './test-support/msw.js';

const server = useMswServer();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const body = { data: { attributes: { 'reference-id': 'user-42' } } };

/** Fails `failures` times with a 503, then creates; returns the keys of every attempt. */
function createAccountAfter(failures: number) {
  const keys: (string | null)[] = [];
  server.use(
    http.post(`${BASE_URL}/accounts`, ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key'));
      return keys.length <= failures
        ? HttpResponse.json(errorDocument('Service Unavailable'), { status: 503 })
        : HttpResponse.json({ data: account() }, { status: 201 });
    }),
  );
  return keys;
}

function client() {
  return createPersonaClient({
    apiKey: API_KEY,
    baseUrl: BASE_URL,
    retry: { sleep: recordingSleep().sleep },
  });
}

describe('Idempotency-Key', () => {
  it('is generated for a POST and stays the same on every retry', async () => {
    const keys = createAccountAfter(2);

    const { data } = await client().POST('/accounts', { body });

    expect(data?.data.type).toBe('account');
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
  });

  it('is new for each call', async () => {
    const keys = createAccountAfter(0);
    const persona = client();

    await persona.POST('/accounts', { body });
    await persona.POST('/accounts', { body });

    expect(keys[0]).not.toBe(keys[1]);
  });

  it("keeps the caller's key, as a parameter or as a header, on every retry", async () => {
    const keys = createAccountAfter(1);
    const persona = client();

    await persona.POST('/accounts', { body, params: { header: { 'Idempotency-Key': 'order-1' } } });
    await persona.POST('/accounts', { body, headers: { 'Idempotency-Key': 'order-2' } });

    expect(keys).toEqual(['order-1', 'order-1', 'order-2']);
  });

  it('is not added to a GET', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.get(`${BASE_URL}/accounts`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        return HttpResponse.json({ data: [], links: { prev: null, next: null } });
      }),
    );
    await client().GET('/accounts');
    expect(keys).toEqual([null]);
  });
});
