import { getResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock } from '../index.js';
import { startReceiver, verifiedSecrets } from '../test-support/receiver.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

async function ok(method: string, path: string, body?: unknown, status = 200): Promise<Answer> {
  const answer = await call(method, path, body);
  expect(answer.violations, `${method} ${path}`).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer;
}

const create = (attributes: Record<string, unknown>) =>
  call('POST', '/webhooks', { data: { attributes } });

describe('webhooks API', () => {
  it('creates a disabled webhook with a secret, then enables, updates, disables and archives it', async () => {
    const created = await ok(
      'POST',
      '/webhooks',
      { data: { attributes: { url: 'https://example.com/hooks', 'enabled-events': ['*'] } } },
      201,
    );
    const { id, attributes } = created.body.data;
    expect(id).toMatch(/^wbh_/);
    expect(attributes.status).toBe('disabled');
    expect(attributes['api-key-inflection']).toBe('kebab');
    expect(attributes.secrets).toEqual([{ value: attributes.secret, 'expires-at': null }]);

    const listed = await ok('GET', '/webhooks');
    expect(listed.body.data.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(listed.body.data[0].attributes.secret).toBeUndefined();
    expect((await ok('GET', `/webhooks/${id}`)).body.data.attributes.secret).toBe(
      attributes.secret,
    );

    expect((await ok('POST', `/webhooks/${id}/enable`)).body.data.attributes.status).toBe(
      'enabled',
    );
    const updated = await ok('PATCH', `/webhooks/${id}`, {
      data: { attributes: { 'api-key-inflection': 'camel', 'enabled-events': ['case.created'] } },
    });
    expect(updated.body.data.attributes['api-key-inflection']).toBe('camel');
    expect(updated.body.data.attributes['enabled-events']).toEqual(['case.created']);
    expect((await ok('POST', `/webhooks/${id}/disable`)).body.data.attributes.status).toBe(
      'disabled',
    );
    expect((await ok('POST', `/webhooks/${id}/archive`)).body.data.attributes.status).toBe(
      'archived',
    );
    for (const action of ['enable', 'disable', 'rotate-secret']) {
      const refused = await call('POST', `/webhooks/${id}/${action}`);
      expect(refused.status, action).toBe(409);
      expect(refused.violations).toEqual([]);
    }
    expect((await call('GET', '/webhooks/wbh_000000000000000000000000')).status).toBe(404);
  });

  it('refuses a URL that is not http(s), and wrong types, with a 422 naming the field', async () => {
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'not a url', '/relative']) {
      const refused = await create({ url, 'enabled-events': ['*'] });
      expect(refused.status, url).toBe(422);
      expect(refused.violations).toEqual([]);
      expect(refused.body.errors[0].details).toContain('url');
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 5, 'enabled-events': ['*'] }, 'url'],
      [{ url: 'https://example.com', 'enabled-events': '*' }, 'enabled-events'],
      [
        { url: 'https://example.com', 'enabled-events': ['*'], 'api-key-inflection': 'upper' },
        'api-key-inflection',
      ],
      [
        { url: 'https://example.com', 'enabled-events': ['*'], 'payload-filter': [] },
        'payload-filter',
      ],
      [{ url: 'https://example.com' }, 'enabled-events'],
    ];
    for (const [attributes, field] of cases) {
      const refused = await create(attributes);
      expect(refused.status, JSON.stringify(attributes)).toBe(422);
      expect(refused.body.errors[0].details).toContain(field);
    }
    const { body } = await create({ url: 'https://example.com', 'enabled-events': ['*'] });
    const patched = await call('PATCH', `/webhooks/${body.data.id}`, {
      data: { attributes: { url: 'mailto:a@example.com' } },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.errors[0].details).toContain('url');
  });
});

describe('deliveries in process', () => {
  const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });

  it('applies the key inflection, the attributes blocklist and the payload filter', async () => {
    const hooks = await startReceiver();
    receivers.push(hooks);
    const made = await create({
      url: hooks.url,
      'enabled-events': ['account.created'],
      'api-key-inflection': 'snake',
      'api-attributes-blocklist': ['reference-*', '/data/attributes/tags'],
      'payload-filter': { data: { attributes: { 'reference-id': 'wanted-1' } } },
    });
    const { id, attributes } = made.body.data;
    await ok('POST', `/webhooks/${id}/enable`);
    await ok('POST', '/accounts', { data: { attributes: { 'reference-id': 'unwanted-1' } } }, 201);
    const account = await ok(
      'POST',
      '/accounts',
      { data: { attributes: { 'reference-id': 'wanted-1' } } },
      201,
    );
    await mock.deliveries.settle();

    expect(hooks.received).toHaveLength(1);
    const [only] = hooks.received;
    const object = only!.json.data.attributes.payload.data;
    expect(object.id).toBe(account.body.data.id);
    expect(only!.json.data.attributes.created_at).toBeDefined();
    expect(object.attributes.reference_id).toBeUndefined();
    expect(object.attributes.tags).toBeUndefined();
    expect(object.attributes).toHaveProperty('account_type_name');
    const header = only!.headers['persona-signature'] as string;
    expect(verifiedSecrets(header, only!.body, [attributes.secret])).toEqual([attributes.secret]);
  });

  it('sends nothing to disabled webhooks, and nothing at all for an organization without webhooks', async () => {
    const hooks = await startReceiver();
    receivers.push(hooks);
    await create({ url: hooks.url, 'enabled-events': ['*'] });
    await ok('POST', '/accounts', { data: { attributes: { 'reference-id': 'quiet-1' } } }, 201);
    await mockClient(mock, 'other-key')('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'quiet-2' } },
    });
    await mock.deliveries.settle();
    expect(hooks.received).toEqual([]);
    expect(mock.deliveries.list(mock.core.orgFor('key-test'))).toEqual([]);
  });
});

describe('clock', () => {
  const admin = async (method: string, body?: unknown) => {
    const answered = await getResponse(
      mock.handlers,
      new Request('https://api.withpersona.com/__mock/clock', {
        method,
        headers: { Authorization: 'Bearer key-test', 'Content-Type': 'application/json' },
        ...(body !== undefined
          ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
          : {}),
      }),
    );
    return { status: answered!.status, body: await answered!.json() };
  };

  it('advances, sets and freezes the organization clock that stamps objects', async () => {
    const frozen = await admin('POST', { freeze: true });
    expect(frozen.body.frozen).toBe(true);
    const advanced = await admin('POST', { advance: '25h' });
    expect(Date.parse(advanced.body.now) - Date.parse(frozen.body.now)).toBe(25 * 3_600_000);
    const set = await admin('POST', { set: '2030-01-02T03:04:05.000Z' });
    expect(set.body).toEqual({ now: '2030-01-02T03:04:05.000Z', frozen: true });
    const account = await ok(
      'POST',
      '/accounts',
      { data: { attributes: { 'reference-id': 'clocked' } } },
      201,
    );
    expect(account.body.data.attributes['created-at']).toBe('2030-01-02T03:04:05.000Z');
    // Another organization keeps real time.
    const other = await mockClient(mock, 'other-key')('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'clocked' } },
    });
    expect(other.body.data.attributes['created-at']).not.toBe('2030-01-02T03:04:05.000Z');
    expect((await admin('POST', { freeze: false })).body.frozen).toBe(false);
  });

  it('keeps Idempotency-Key answers for a day of the organization clock', async () => {
    const headers = { 'Idempotency-Key': 'create-once' };
    const other = { data: { attributes: { 'reference-id': 'twice' } } };
    await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'once' } } }, headers);
    expect((await call('POST', '/accounts', other, headers)).status).toBe(409);
    await admin('POST', { advance: '25h' });
    const later = await call('POST', '/accounts', other, headers);
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body.data.attributes['reference-id']).toBe('twice');
  });

  it('answers 400 or 422 naming the member for bad changes', async () => {
    const cases: [unknown, number, string][] = [
      ['{"advance":', 400, 'JSON'],
      [[], 400, 'object'],
      [{ advance: '25 hours' }, 422, 'advance'],
      [{ advance: 25 }, 422, 'advance'],
      [{ set: 'yesterday' }, 422, 'set'],
      [{ freeze: 'yes' }, 422, 'freeze'],
      [{ rewind: '1h' }, 422, 'rewind'],
      [{ advance: '1h', freeze: true }, 422, 'exactly one'],
    ];
    for (const [body, status, named] of cases) {
      const answer = await admin('POST', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.errors[0].details).toContain(named);
    }
  });
});
