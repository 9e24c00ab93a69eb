// The receiver against persona-kit's mock over HTTP: the mock signs and posts
// real deliveries; forged and malformed ones are posted by hand.
import { signWebhook } from '@persona-kit/client/webhooks';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookReceiver, type WebhookReceiver } from './index.js';

const API_KEY = 'key-contract-receiver';
let mock: MockServer;
const open: WebhookReceiver[] = [];

beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await mock?.close();
});

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.json();
}

/** A webhook of the mock posting `events` to a new receiver, enabled. */
async function hookedReceiver(events: string[], attributes: Record<string, unknown> = {}) {
  const created = await api('POST', '/api/v1/webhooks', {
    data: { attributes: { url: 'http://127.0.0.1:9/', 'enabled-events': events, ...attributes } },
  });
  const inflection = attributes['api-key-inflection'] as 'camel' | undefined;
  const receiver = await createWebhookReceiver({
    secrets: created.data.attributes.secret,
    ...(inflection ? { keyInflection: inflection } : {}),
  });
  open.push(receiver);
  await api('PATCH', `/api/v1/webhooks/${created.data.id}`, {
    data: { attributes: { url: receiver.url } },
  });
  await api('POST', `/api/v1/webhooks/${created.data.id}/enable`);
  return { receiver, webhookId: created.data.id as string };
}

const flush = () => api('POST', '/__mock/webhook-deliveries/flush');

describe('createWebhookReceiver', () => {
  it('accepts signed deliveries that fit the spec, with no violations', async () => {
    const { receiver } = await hookedReceiver(['account.created']);
    const account = await api('POST', '/api/v1/accounts', {
      data: { attributes: { 'reference-id': 'receiver-1' } },
    });
    await flush();
    const delivery = await receiver.waitFor((d) => d.name === 'account.created');
    expect(delivery).toMatchObject({ signature: 'valid', status: 200, attempt: 1 });
    expect(
      (delivery.body as { data: { attributes: { payload: { data: { id: string } } } } }).data
        .attributes.payload.data.id,
    ).toBe(account.data.id);
    expect(delivery.violations).toEqual([]);
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("reads deliveries in the webhook's key inflection", async () => {
    const { receiver } = await hookedReceiver(['account.created'], {
      'api-key-inflection': 'camel',
    });
    await api('POST', '/api/v1/accounts', {
      data: { attributes: { 'reference-id': 'receiver-camel' } },
    });
    await flush();
    const delivery = await receiver.waitFor((d) => d.name === 'account.created');
    expect(JSON.stringify(delivery.body)).toContain('"createdAt"');
    expect(delivery.violations).toEqual([]);
  });

  it('answers 400 to a forged or unsigned delivery and records why', async () => {
    const receiver = await createWebhookReceiver({ secrets: 'wbhsec_right' });
    open.push(receiver);
    const body = JSON.stringify({
      data: {
        type: 'event',
        id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
        attributes: { name: 'account.created', payload: { data: {} } },
      },
    });
    const forged = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        'Persona-Signature': await signWebhook({ secret: 'wbhsec_wrong', payload: body }),
      },
      body,
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toBe('no_matching_signature');
    await fetch(receiver.url, { method: 'POST', body });
    expect(receiver.deliveries.map((d) => d.signature)).toEqual([
      'no_matching_signature',
      'missing_header',
    ]);
    expect(receiver.deliveries[0]!.violations[0]).toMatchObject({
      location: 'header',
      pointer: '/Persona-Signature',
      severity: 'breaking',
      path: 'webhooks/account.created',
    });
  });

  it('records what a signed body gets wrong, as spec violations', async () => {
    const receiver = await createWebhookReceiver({ secrets: 'wbhsec_right' });
    open.push(receiver);
    const post = async (payload: string) =>
      fetch(receiver.url, {
        method: 'POST',
        headers: { 'Persona-Signature': await signWebhook({ secret: 'wbhsec_right', payload }) },
        body: payload,
      });
    const wrong = JSON.stringify({
      data: {
        type: 'event',
        id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
        attributes: { name: 'account.created', payload: { data: { type: 'account' } } },
      },
    });
    expect((await post(wrong)).status).toBe(200);
    expect((await post('not json')).status).toBe(400);
    const [bad, notJson] = receiver.deliveries;
    expect(bad!.signature).toBe('valid');
    expect(bad!.violations.length).toBeGreaterThan(0);
    expect(bad!.violations.every((v) => v.path === 'webhooks/account.created')).toBe(true);
    expect(bad!.violations.map((v) => v.pointer)).toContain('/data/attributes/created-at');
    expect(notJson!.violations).toEqual([
      expect.objectContaining({
        location: 'content-type',
        message: 'the delivery body is not JSON',
      }),
    ]);
    expect(receiver.violations).toEqual([...bad!.violations, ...notJson!.violations]);
  });

  it('times out when no delivery matches', async () => {
    const receiver = await createWebhookReceiver({ secrets: 'wbhsec_right' });
    open.push(receiver);
    await expect(receiver.waitFor(() => true, 50)).rejects.toThrow('no matching webhook delivery');
  });
});
