import { describe, expect, it } from 'vitest';
import { createControlPlaneClient } from './control-plane.js';

describe('createControlPlaneClient', () => {
  it('sends the key and body to the route under the base URL, and types the answer', async () => {
    const seen: Request[] = [];
    const mock = createControlPlaneClient({
      baseUrl: 'http://127.0.0.1:4010/',
      apiKey: 'key-1',
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ organization: 'org_1', plan: 'startup' });
      },
    });
    const { data } = await mock.PUT('/__mock/plan', { body: { plan: 'startup' } });
    expect(data?.plan).toBe('startup');
    expect(seen[0]!.url).toBe('http://127.0.0.1:4010/__mock/plan');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer key-1');
    expect(await seen[0]!.json()).toEqual({ plan: 'startup' });
  });

  it('fills the object id into the path', async () => {
    const urls: string[] = [];
    const mock = createControlPlaneClient({
      baseUrl: 'http://127.0.0.1:4010',
      apiKey: 'key-1',
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ id: 'act_1', type: 'account', state: { status: null } });
      },
    });
    const { data } = await mock.GET('/__mock/objects/{object-id}', {
      params: { path: { 'object-id': 'act_1' } },
    });
    expect(urls).toEqual(['http://127.0.0.1:4010/__mock/objects/act_1']);
    expect(data?.type).toBe('account');
  });

  it('sends the admin token next to the key when given one', async () => {
    const seen: Request[] = [];
    const options = {
      baseUrl: 'http://127.0.0.1:4010',
      apiKey: 'key-1',
      fetch: async (request: Request) => {
        seen.push(request);
        return Response.json({ organization: 'org_1', plan: 'growth', counts: {} });
      },
    };
    await createControlPlaneClient({ ...options, adminToken: 'tok' }).GET('/__mock/state');
    await createControlPlaneClient(options).GET('/__mock/state');
    expect(seen.map((r) => r.headers.get('persona-mock-admin-token'))).toEqual(['tok', null]);
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer key-1');
  });

  it('refuses an empty key', () => {
    expect(() =>
      createControlPlaneClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: ' ' }),
    ).toThrow(/apiKey/);
  });
});
