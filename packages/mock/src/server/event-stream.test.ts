// The live event stream over real HTTP: events arrive as they are recorded,
// only the key's own, and the subscription ends when the client hangs up.
import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './http-server.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Reads a stream's text until `done` says enough. */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

const createAccount = (key: string, referenceId: string) =>
  fetch(`${server!.baseUrl}/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { attributes: { 'reference-id': referenceId } } }),
  });

describe('GET /__mock/events/stream', () => {
  it("sends the organization's events as Server-Sent Events and only its own", async () => {
    server = await startMockServer({ port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/__mock/events/stream`, {
      headers: { Authorization: 'Bearer key-stream' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const opened = await readUntil(response.body!, (text) => text.includes('connected'));
    opened.reader.releaseLock();

    expect((await createAccount('key-other', 'someone-else')).status).toBe(201);
    const created = await createAccount('key-stream', 'stream-1');
    expect(created.status).toBe(201);
    const accountId = (await created.json()).data.id;

    const { text } = await readUntil(response.body!, (t) =>
      t.includes('\n\n', t.indexOf('event: account.created')),
    );
    const message = text.slice(text.indexOf('id: evt_')).split('\n\n')[0]!;
    const lines = Object.fromEntries(
      message
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
    );
    expect(lines.event).toBe('account.created');
    const event = JSON.parse(lines.data!).data;
    expect(event.id).toBe(lines.id);
    expect(event.attributes.payload.data.id).toBe(accountId);
    expect(text).not.toContain('someone-else');
    controller.abort();
  });

  it('stops listening to the event bus when the client goes away', async () => {
    server = await startMockServer({ port: 0 });
    const bus = server.mock.core.events;
    const before = bus.subscriberCount;
    const controller = new AbortController();
    const response = await fetch(`${server.url}/__mock/events/stream`, {
      headers: { Authorization: 'Bearer key-stream' },
      signal: controller.signal,
    });
    await readUntil(response.body!, (text) => text.includes('connected')).then((r) =>
      r.reader.releaseLock(),
    );
    expect(bus.subscriberCount).toBe(before + 1);
    controller.abort();
    await expect.poll(() => bus.subscriberCount, { timeout: 5_000 }).toBe(before);
  });

  it('answers 401 without a key', async () => {
    server = await startMockServer({ port: 0 });
    const response = await fetch(`${server.url}/__mock/events/stream`);
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].details).toMatch(/Bearer/);
  });
});
