// Webhook deliveries over real HTTP: the mock served by node:http, receivers on 127.0.0.1.
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, verifiedSecrets } from '../test-support/receiver.js';

const KEY = 'key-webhooks';
let server: MockServer;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(webhooks = {}) {
  server = await startMockServer({ port: 0, webhooks: { timeoutMs: 1_000, ...webhooks } });
  cleanups.push(() => server.close());
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const started = await startReceiver(...args);
  cleanups.push(() => started.close());
  return started;
}

// biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
type Json = any;

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const url = path.startsWith('/__mock') ? `${server.url}${path}` : `${server.baseUrl}${path}`;
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** An enabled webhook for every event; answers its secret. */
async function webhookTo(url: string, attributes: Record<string, unknown> = {}) {
  const created = await call('POST', '/webhooks', {
    data: { attributes: { url, 'enabled-events': ['*'], ...attributes } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.data.id as string;
  expect((await call('POST', `/webhooks/${id}/enable`)).body.data.attributes.status).toBe(
    'enabled',
  );
  return { id, secret: created.body.data.attributes.secret as string };
}

async function createAccount(reference: string): Promise<string> {
  const created = await call('POST', '/accounts', {
    data: { attributes: { 'reference-id': reference } },
  });
  expect(created.status).toBe(201);
  return created.body.data.id;
}

const flush = () => call('POST', '/__mock/webhook-deliveries/flush');

describe('webhook deliveries', () => {
  it('posts account.created, signed so that an independent HMAC-SHA256 check passes', async () => {
    await start();
    const hooks = await receiver();
    const { secret } = await webhookTo(hooks.url);
    const accountId = await createAccount('signed-1');
    await flush();

    const created = hooks.received.find((r) => r.json.data.attributes.name === 'account.created');
    expect(created).toBeDefined();
    expect(created!.json.data.type).toBe('event');
    expect(created!.json.data.attributes.payload.data.id).toBe(accountId);
    const event = await call('GET', `/events/${created!.json.data.id}`);
    expect(created!.json).toEqual(event.body);
    const header = created!.headers['persona-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifiedSecrets(header, created!.body, [secret])).toEqual([secret]);
    expect(verifiedSecrets(header, `${created!.body} `, [secret])).toEqual([]);
  });

  it('sends the same event again after a 500, once the retry falls due on the clock', async () => {
    await start({ backoffMs: 60_000 });
    const hooks = await receiver((n) => (n === 0 ? 500 : 200));
    const { id: webhookId } = await webhookTo(hooks.url, { 'enabled-events': ['account.created'] });
    await createAccount('retried-1');
    const first = await flush();
    expect(hooks.received).toHaveLength(1);
    expect(first.body.pending).toBe(1);

    // Not due yet: nothing more goes out until the clock passes the backoff.
    await call('POST', '/__mock/clock', { advance: '30s' });
    await flush();
    expect(hooks.received).toHaveLength(1);

    await call('POST', '/__mock/clock', { advance: '31s' });
    await flush();
    expect(hooks.received).toHaveLength(2);
    expect(hooks.received[1]!.json.data.id).toBe(hooks.received[0]!.json.data.id);
    expect(hooks.received[1]!.headers['persona-webhook-attempts-made']).toBe('2');

    const log = await call('GET', `/__mock/webhook-deliveries?webhookId=${webhookId}`);
    expect(log.body.data).toHaveLength(1);
    const [delivery] = log.body.data;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a: { status: number }) => a.status)).toEqual([500, 200]);
    expect(delivery.nextAttemptAt).toBeNull();
  });

  it('marks a delivery failed after the last attempt, and redelivers it on request', async () => {
    await start({ backoffMs: 1_000, maxAttempts: 2 });
    let answer = 503;
    const hooks = await receiver(() => answer);
    await webhookTo(hooks.url, { 'enabled-events': ['account.created'] });
    await createAccount('failing-1');
    await flush();
    await call('POST', '/__mock/clock', { advance: '1s' });
    await flush();
    const [failed] = (await call('GET', '/__mock/webhook-deliveries?state=failed')).body.data;
    expect(failed.attempts).toHaveLength(2);
    expect(failed.nextAttemptAt).toBeNull();

    answer = 200;
    const redelivered = await call('POST', `/__mock/webhook-deliveries/${failed.id}/redeliver`);
    expect(redelivered.status).toBe(200);
    await flush();
    const [after] = (await call('GET', `/__mock/webhook-deliveries?eventId=${failed.eventId}`)).body
      .data;
    expect(after.state).toBe('delivered');
    expect(hooks.received).toHaveLength(3);
    expect((await call('POST', '/__mock/webhook-deliveries/whd_nothing/redeliver')).status).toBe(
      404,
    );
  });

  it('signs with the new secret after a rotation, and with the old one while it is live', async () => {
    await start();
    const hooks = await receiver();
    const { id, secret: old } = await webhookTo(hooks.url, {
      'enabled-events': ['account.created'],
    });
    const rotated = await call('POST', `/webhooks/${id}/rotate-secret`, {
      meta: { 'expires-in-seconds': 3_600 },
    });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.attributes.secret as string;
    expect(fresh).not.toBe(old);
    expect(rotated.body.data.attributes.secrets.map((s: { value: string }) => s.value)).toEqual([
      fresh,
      old,
    ]);

    await createAccount('rotated-1');
    await flush();
    const during = hooks.received[0]!;
    const header = during.headers['persona-signature'] as string;
    expect(header.split(' ')).toHaveLength(2);
    expect(verifiedSecrets(header, during.body, [fresh, old])).toEqual([fresh, old]);

    await call('POST', '/__mock/clock', { advance: '2h' });
    await createAccount('rotated-2');
    await flush();
    const after = hooks.received[1]!;
    const later = after.headers['persona-signature'] as string;
    expect(later.split(' ')).toHaveLength(1);
    expect(verifiedSecrets(later, after.body, [fresh, old])).toEqual([fresh]);
  });

  it('answers API requests at once while a receiver hangs, and times the attempt out', async () => {
    await start({ timeoutMs: 1_000 });
    const hooks = await receiver(() => 'hang');
    await webhookTo(hooks.url);
    const started = performance.now();
    for (let i = 0; i < 3; i++) await createAccount(`hanging-${i}`);
    expect((await call('GET', '/accounts')).status).toBe(200);
    // Waiting on the receiver would take at least a timeout per account.
    expect(performance.now() - started).toBeLessThan(1_500);

    await flush();
    const log = (await call('GET', '/__mock/webhook-deliveries')).body.data;
    const attempted = log.filter((d: { attempts: unknown[] }) => d.attempts.length > 0);
    expect(attempted.length).toBeGreaterThan(0);
    expect(attempted[0].attempts[0].error).toMatch(/no answer within 1000 ms/);
    expect(attempted[0].state).toBe('pending');
  });

  it('posts first attempts in event order, and only the events a webhook asks for', async () => {
    await start();
    const hooks = await receiver();
    await webhookTo(hooks.url, { 'enabled-events': ['account.created', 'account.tag-added'] });
    const id = await createAccount('ordered-1');
    await call('POST', `/accounts/${id}/add-tag`, { meta: { 'tag-name': 'vip' } });
    await createAccount('ordered-2');
    await flush();
    expect(hooks.received.map((r) => r.json.data.attributes.name)).toEqual([
      'account.created',
      'account.tag-added',
      'account.created',
    ]);
    // The same order as the event log (which lists newest first).
    const wanted = new Set(['account.created', 'account.tag-added']);
    const logged = (await call('GET', '/events?page[size]=20')).body.data
      .filter((e: { attributes: { name: string } }) => wanted.has(e.attributes.name))
      .map((e: { id: string }) => e.id)
      .reverse();
    expect(hooks.received.map((r) => r.json.data.id)).toEqual(logged);
  });
});
