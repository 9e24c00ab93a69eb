import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock } from '../index.js';
import { fileStorage } from '../node/index.js';
import { adminCall, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-api-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

async function ok(
  client: ReturnType<typeof mockClient>,
  method: string,
  path: string,
  body?: unknown,
  status = 200,
) {
  const answer = await client(method, path, body);
  expect(answer.violations, `${method} ${path}`).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer;
}

const newKey = (client: ReturnType<typeof mockClient>, attributes: Record<string, unknown> = {}) =>
  ok(client, 'POST', '/api-keys', { data: { attributes: { name: 'CI', ...attributes } } }, 201);

describe('API keys', () => {
  it('answers the secret once, and the new key acts for the same organization', async () => {
    const created = await newKey(call, { permissions: ['account.read'] });
    const { id, attributes } = created.body.data;
    expect(id).toMatch(/^api_/);
    expect(attributes.value).toMatch(/^persona_sandbox_/);
    expect(attributes).toMatchObject({
      name: 'CI',
      permissions: ['account.read'],
      'expires-at': null,
    });

    const retrieved = await ok(call, 'GET', `/api-keys/${id}`);
    expect(retrieved.body.data.attributes.value).toBeUndefined();
    const listed = await ok(call, 'GET', '/api-keys');
    expect(listed.body.data.map((k: { id: string }) => k.id)).toEqual([id]);
    expect(listed.body.data[0].attributes.value).toBeUndefined();

    const account = await ok(
      call,
      'POST',
      '/accounts',
      { data: { attributes: { 'reference-id': 'k-1' } } },
      201,
    );
    const viaNewKey = mockClient(mock, attributes.value);
    expect((await ok(viaNewKey, 'GET', `/accounts/${account.body.data.id}`)).body.data.id).toBe(
      account.body.data.id,
    );
    expect(
      (await ok(call, 'GET', `/api-keys/${id}`)).body.data.attributes['last-used-at'],
    ).not.toBeNull();
    // Another key's organization does not see it.
    expect((await mockClient(mock, 'someone-else')('GET', `/api-keys/${id}`)).status).toBe(404);
  });

  it('updates what is sent and keeps the rest', async () => {
    const { id } = (await newKey(call, { note: 'first' })).body.data;
    const updated = await ok(call, 'PATCH', `/api-keys/${id}`, {
      data: { attributes: { name: 'Renamed', 'api-key-inflection': 'camel' } },
    });
    expect(updated.body.data.attributes).toMatchObject({
      name: 'Renamed',
      note: 'first',
      'api-key-inflection': 'camel',
    });
    expect((await ok(call, 'GET', '/api-keys?filter[name]=Renamed')).body.data).toHaveLength(1);
    expect((await ok(call, 'GET', '/api-keys?filter[name]=CI')).body.data).toHaveLength(0);
  });

  it('stops accepting a key at once when expired now, and after the clock passes its end', async () => {
    const now = await newKey(call);
    const later = await newKey(call);
    const nowKey = mockClient(mock, now.body.data.attributes.value);
    const laterKey = mockClient(mock, later.body.data.attributes.value);
    await ok(call, 'POST', `/api-keys/${now.body.data.id}/expire`, {
      meta: { 'expires-in-seconds': 0 },
    });
    const refused = await nowKey('GET', '/accounts');
    expect(refused.status).toBe(401);
    expect(refused.violations).toEqual([]);
    expect(refused.body.errors[0].title).toBe('Token is invalid');
    expect(
      (
        await call('POST', `/api-keys/${now.body.data.id}/expire`, {
          meta: { 'expires-in-seconds': 5 },
        })
      ).status,
    ).toBe(409);

    const expiring = await ok(call, 'POST', `/api-keys/${later.body.data.id}/expire`, {
      meta: { 'expires-in-seconds': 3600 },
    });
    expect(expiring.body.data.attributes['expires-at']).not.toBeNull();
    await ok(laterKey, 'GET', '/accounts');
    expect((await adminCall(mock, 'POST', '/__mock/clock', { advance: '2h' })).status).toBe(200);
    expect((await laterKey('GET', '/accounts')).status).toBe(401);
    // The key that made them still works.
    await ok(call, 'GET', '/accounts');
  });

  it('refuses a body that breaks the spec, naming the member', async () => {
    const answer = await call('POST', '/api-keys', { data: { attributes: { colour: 'red' } } });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain('colour');
    const expire = await call('POST', '/api-keys/api_000000000000000000000000/expire', {
      meta: {},
    });
    expect(expire.status).toBe(422);
    expect(expire.body.errors[0].details).toContain('expires-in-seconds');
  });

  it('keeps issued keys across a restart with a data file', async () => {
    const file = join(dir, 'keys.json');
    const first = createPersonaMock({ storage: fileStorage(file) });
    await first.ready;
    const made = await newKey(mockClient(first, 'owner'));
    const expired = await newKey(mockClient(first, 'owner'));
    await ok(mockClient(first, 'owner'), 'POST', `/api-keys/${expired.body.data.id}/expire`, {
      meta: { 'expires-in-seconds': 0 },
    });
    await first.core.store.close();

    const second = createPersonaMock({ storage: fileStorage(file) });
    await second.ready;
    const listed = await ok(
      mockClient(second, made.body.data.attributes.value),
      'GET',
      '/api-keys',
    );
    expect(listed.body.data.map((k: { id: string }) => k.id).sort()).toEqual(
      [made.body.data.id, expired.body.data.id].sort(),
    );
    expect(
      (await mockClient(second, expired.body.data.attributes.value)('GET', '/accounts')).status,
    ).toBe(401);
    await second.core.store.close();
  });
});
