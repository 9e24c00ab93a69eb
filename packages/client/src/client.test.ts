import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaClient, DEFAULT_BASE_URL } from './client.js';
import { account, accountId } from './test-support/fixtures.js';
import { API_KEY, BASE_URL, useMswServer } from './test-support/msw.js';

const server = useMswServer();

function captureRequests(method: 'get' | 'post', url: string, body: object = {}) {
  const requests: Request[] = [];
  server.use(
    http[method](url, ({ request }) => {
      requests.push(request.clone());
      return HttpResponse.json(body, { headers: { 'Request-Id': 'req_1' } });
    }),
  );
  return requests;
}

describe('createPersonaClient', () => {
  it('sends the API key as a bearer token and the Persona version', async () => {
    const id = accountId(7);
    const requests = captureRequests('get', `${BASE_URL}/accounts/:id`, { data: account(id) });
    const client = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL });

    const { data } = await client.GET('/accounts/{account-id}', {
      params: { path: { 'account-id': id } },
    });

    expect(data?.data.id).toBe(id);
    const [request] = requests;
    expect(request?.url).toBe(`${BASE_URL}/accounts/${id}`);
    expect(request?.headers.get('Authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('Persona-Version')).toBe('2023-01-05');
  });

  it('uses the Persona version it is given, and a request may override it', async () => {
    const requests = captureRequests('get', `${BASE_URL}/accounts`, { data: [], links: {} });
    const client = createPersonaClient({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      personaVersion: '2025-12-08',
    });

    await client.GET('/accounts');
    await client.GET('/accounts', { params: { header: { 'Persona-Version': '2024-01-01' } } });

    expect(requests.map((r) => r.headers.get('Persona-Version'))).toEqual([
      '2025-12-08',
      '2024-01-01',
    ]);
  });

  it("talks to Persona's production API unless told otherwise", async () => {
    const requests = captureRequests('get', `${DEFAULT_BASE_URL}/accounts`, {
      data: [],
      links: {},
    });
    await createPersonaClient({ apiKey: API_KEY }).GET('/accounts');
    expect(requests).toHaveLength(1);
  });

  it('serializes page and filter parameters the way Persona reads them', async () => {
    const requests = captureRequests('get', `${BASE_URL}/accounts`, { data: [], links: {} });
    const client = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL });

    await client.GET('/accounts', {
      params: { query: { page: { size: 5 }, filter: { 'reference-id': 'user-1' } } },
    });

    const url = new URL(requests[0]?.url ?? '');
    expect(url.searchParams.get('page[size]')).toBe('5');
    expect(url.searchParams.get('filter[reference-id]')).toBe('user-1');
  });

  it('goes through the fetch it is given', async () => {
    const seen: string[] = [];
    const client = createPersonaClient({
      apiKey: API_KEY,
      baseUrl: 'http://127.0.0.1:9/api/v1',
      fetch: async (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return Response.json({ data: [], links: { prev: null, next: null } });
      },
    });

    const { data } = await client.GET('/accounts');

    expect(data?.data).toEqual([]);
    expect(seen).toEqual(['GET /api/v1/accounts']);
  });

  it('refuses to start without an API key', () => {
    expect(() => createPersonaClient({ apiKey: '' })).toThrow(TypeError);
    expect(() => createPersonaClient({ apiKey: undefined as unknown as string })).toThrow(/apiKey/);
  });
});
