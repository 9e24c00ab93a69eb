// Time on the organization's clock: inquiries expire, case SLAs run out, waiting runs finish.
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createPersonaMock, seedIds } from '../index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { startReceiver } from '../test-support/receiver.js';
import { serverClient } from '../test-support/server-client.js';
import { adminCall, mockClient } from '../test-support/test-client.js';

const KEY = 'key-clock';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The body of an answer from the mock served over HTTP. */
async function call(server: MockServer, method: string, path: string, body?: unknown) {
  return (await serverClient(() => server, KEY)(method, path, body)).body;
}

describe('inquiry expiry', () => {
  it('expires an unstarted inquiry when the clock passes 24 h and delivers inquiry.expired', async () => {
    const server = await startMockServer({ port: 0, webhooks: { timeoutMs: 1_000 } });
    cleanups.push(() => server.close());
    const hooks = await startReceiver();
    cleanups.push(() => hooks.close());
    const webhook = await call(server, 'POST', '/webhooks', {
      data: { attributes: { url: hooks.url, 'enabled-events': ['inquiry.expired'] } },
    });
    await call(server, 'POST', `/webhooks/${webhook.data.id}/enable`);
    const inquiry = await call(server, 'POST', '/inquiries', {
      data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
    });
    const id = inquiry.data.id as string;

    await call(server, 'POST', '/__mock/clock', { advance: '23h' });
    expect((await call(server, 'GET', `/inquiries/${id}`)).data.attributes.status).toBe('created');
    await call(server, 'POST', '/__mock/clock', { advance: '2h' });
    await call(server, 'POST', '/__mock/webhook-deliveries/flush');

    const expired = (await call(server, 'GET', `/inquiries/${id}`)).data.attributes;
    expect(expired.status).toBe('expired');
    expect(Date.parse(expired['expired-at']) - Date.parse(expired['created-at'])).toBe(86_400_000);
    expect(hooks.received.map((r) => r.json.data.attributes.name)).toEqual(['inquiry.expired']);
    expect(hooks.received[0]!.json.data.attributes.payload.data.id).toBe(id);
  });

  it('expires on the first request after the clock passed, keeps a template without expiry, and restarts the window on resume', async () => {
    let nowMs = Date.parse('2025-03-01T00:00:00Z');
    const mock = createPersonaMock({
      now: () => new Date(nowMs),
      seed: {
        inquiryTemplates: [
          { id: 'itmpl_Forever000000000000000000', name: 'Forever', expiresInSeconds: null },
          { id: 'itmpl_Hour00000000000000000000', name: 'Hour', expiresInSeconds: 3600 },
        ],
      },
    });
    const api = mockClient(mock, KEY);
    const start = async (template: string) =>
      (
        await api('POST', '/inquiries', {
          data: { attributes: { 'inquiry-template-id': template } },
        })
      ).body.data.id as string;
    const forever = await start('itmpl_Forever000000000000000000');
    const hour = await start('itmpl_Hour00000000000000000000');
    const status = async (id: string) =>
      (await api('GET', `/inquiries/${id}`)).body.data.attributes.status;

    nowMs += 61 * 60_000; // real time passes; nobody moves the clock
    expect(await status(hour)).toBe('expired');
    expect(await status(forever)).toBe('created');

    const resumed = await api('POST', `/inquiries/${hour}/resume`);
    expect(resumed.status).toBe(200);
    nowMs += 59 * 60_000;
    expect(await status(hour)).toBe('pending');
    nowMs += 2 * 60_000;
    expect(await status(hour)).toBe('expired');
    nowMs += 400 * 86_400_000;
    expect(await status(forever)).toBe('created');
  });
});

describe('async mode', () => {
  it("keeps a run in_progress until the organization's clock passes the configured time", async () => {
    const mock = createPersonaMock({ async: '30s' });
    const api = mockClient(mock, KEY);
    const started = await api('POST', `/workflows/${seedIds.workflows.tagAccount}/trigger`, {
      data: { attributes: { 'reference-id': 'later', tag: 'vip' } },
    });
    expect(started.violations).toEqual([]);
    expect(started.body.data.attributes).toMatchObject({
      status: 'in_progress',
      'completed-at': null,
    });
    const runId = started.body.data.id;
    expect((await api('GET', '/accounts?filter[reference-id]=later')).body.data).toEqual([]);

    await adminCall(mock, 'POST', '/__mock/clock', { advance: '29s' }, KEY);
    expect((await api('GET', `/workflow-runs/${runId}`)).body.data.attributes.status).toBe(
      'in_progress',
    );
    await adminCall(mock, 'POST', '/__mock/clock', { advance: '2s' }, KEY);
    const finished = await api('GET', `/workflow-runs/${runId}`);
    expect(finished.violations).toEqual([]);
    expect(finished.body.data.attributes.status).toBe('completed');
    const trace = await mockObjects(mock, KEY)(runId);
    expect(trace.body.state.steps).toHaveLength(2);
    const names = (await api('GET', '/events')).body.data.map(
      (e: { attributes: { name: string } }) => e.attributes.name,
    );
    // Persona announces a run when it is created; its end is read, not announced.
    expect(names.filter((n: string) => n.startsWith('workflow-run.'))).toEqual([
      'workflow-run.created',
    ]);
  });

  it('refuses a duration it cannot read', () => {
    expect(() => createPersonaMock({ async: 'soon' })).toThrow(/30s/);
  });
});
