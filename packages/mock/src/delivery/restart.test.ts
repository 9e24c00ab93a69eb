// The delivery log, its retry schedule and the organization's clock are kept
// with `--db`: a mock restarted from its files goes on where it stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStorage, type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../test-support/receiver.js';
import { serverClient } from '../test-support/server-client.js';

const KEY = 'key-delivery-restart';
const dir = mkdtempSync(join(tmpdir(), 'persona-mock-delivery-restart-'));
const cleanups: (() => Promise<void>)[] = [];
let server: MockServer;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const call = serverClient(() => server, KEY);

/** Starts the mock over `file`; `compact` writes a snapshot before the mock is stopped. */
async function start(file: string) {
  const storage = fileStorage(file, { sync: 'none' });
  server = await startMockServer({
    port: 0,
    storage,
    webhooks: { timeoutMs: 1_000, backoffMs: 60_000 },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  cleanups.push(stop);
  return { storage, stop };
}

const log = async () => (await call('GET', '/__mock/webhook-deliveries')).body.data;
const flush = () => call('POST', '/__mock/webhook-deliveries/flush');

describe.each([
  ['the journal', false],
  ['a snapshot', true],
])('a mock restarted from %s', (_from, compact) => {
  it('keeps its clock and delivery log, and a retry falls due on the restored clock', async () => {
    // The first attempt fails; every later one succeeds.
    const receiver = await startReceiver((n) => (n === 0 ? 500 : 200));
    cleanups.push(receiver.close);
    const file = join(dir, `restart-${compact ? 'snapshot' : 'journal'}.json`);
    const first = await start(file);

    // A frozen clock a day ahead: only moving it makes the retry due.
    await call('POST', '/__mock/clock', { freeze: true });
    const clock = (await call('POST', '/__mock/clock', { advance: '1d' })).body;
    const webhook = await call('POST', '/webhooks', {
      data: { attributes: { url: receiver.url, 'enabled-events': ['account.created'] } },
    });
    await call('POST', `/webhooks/${webhook.body.data.id}/enable`);
    const account = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'restart-1' } },
    });
    expect(account.status).toBe(201);
    await flush();
    const [before] = await log();
    expect(before.state).toBe('pending');
    expect(before.attempts.map((a: { status: number }) => a.status)).toEqual([500]);
    expect(Date.parse(before.nextAttemptAt) - Date.parse(clock.now)).toBe(60_000);

    if (compact) await first.storage.compact();
    await first.stop();
    await start(file);

    expect((await call('GET', '/__mock/clock')).body).toEqual(clock);
    expect(await log()).toEqual([before]);
    // Not due yet on the restored clock: nothing goes out.
    expect((await flush()).body).toEqual({ pending: 1, nextAttemptAt: before.nextAttemptAt });
    expect(receiver.received).toHaveLength(1);

    await call('POST', '/__mock/clock', { advance: '60s' });
    await flush();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.json.data.id).toBe(before.eventId);
    expect(receiver.received[1]!.headers['persona-webhook-attempts-made']).toBe('2');
    const [after] = await log();
    expect(after.id).toBe(before.id);
    expect(after.state).toBe('delivered');
    expect(after.attempts).toHaveLength(2);
  });
});

describe('a mock stopped before its first attempts were answered', () => {
  it('makes them after the restart, in event order', async () => {
    // The receiver keeps the first mock's attempts waiting, and answers the second mock's.
    let restarted = false;
    const receiver = await startReceiver(() => (restarted ? 200 : 'hang'));
    cleanups.push(receiver.close);
    const file = join(dir, 'first-attempt.json');
    const first = await start(file);
    const webhook = await call('POST', '/webhooks', {
      data: { attributes: { url: receiver.url, 'enabled-events': ['account.created'] } },
    });
    await call('POST', `/webhooks/${webhook.body.data.id}/enable`);
    for (const reference of ['order-1', 'order-2']) {
      await call('POST', '/accounts', { data: { attributes: { 'reference-id': reference } } });
    }
    const made = (await log()).map((d: { eventId: string }) => d.eventId).reverse();
    expect(made).toHaveLength(2);
    await first.stop();

    restarted = true;
    const sentBefore = receiver.received.length;
    await start(file);
    await flush();
    const sentAfter = receiver.received.slice(sentBefore).map((r) => r.json.data.id);
    expect(sentAfter).toEqual(made);
    expect((await log()).map((d: { state: string }) => d.state)).toEqual([
      'delivered',
      'delivered',
    ]);
  });
});
