// The mock's webhook deliveries, checked by the client's own verifier, through
// the typed client and the control-plane client, over real HTTP.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPersonaClient, unwrap, verifyWebhook } from '@persona-kit/client';
import { createControlPlaneClient } from '@persona-kit/client/control-plane';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const apiKey = 'key-webhooks-e2e';
let server: MockServer;
const received: { body: string; signature: string }[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({
      body: Buffer.concat(chunks).toString('utf8'),
      signature: String(req.headers['persona-signature']),
    });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  server = await startMockServer({ port: 0 });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhook deliveries and the client', () => {
  it('verify with verifyWebhook, with the old secret and the new while a rotation overlaps', async () => {
    const client = createPersonaClient({ apiKey, baseUrl: server.baseUrl });
    const control = createControlPlaneClient({ apiKey, baseUrl: server.url });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/persona`;
    const created = unwrap(
      await client.POST('/webhooks', {
        body: { data: { attributes: { url, 'enabled-events': ['account.created'] } } },
      }),
    ).data;
    const id = created.id;
    const old = created.attributes.secret;
    unwrap(
      await client.POST('/webhooks/{webhook-id}/enable', {
        params: { path: { 'webhook-id': id } },
      }),
    );
    const rotated = unwrap(
      await client.POST('/webhooks/{webhook-id}/rotate-secret', {
        params: { path: { 'webhook-id': id } },
        body: { meta: { 'expires-in-seconds': 600 } },
      }),
    ).data;
    const fresh = rotated.attributes.secret;

    const account = unwrap(
      await client.POST('/accounts', {
        body: { data: { attributes: { 'reference-id': 'hooked-1' } } },
      }),
    ).data;
    await control.POST('/__mock/webhook-deliveries/flush');

    expect(received).toHaveLength(1);
    const [delivery] = received;
    for (const secrets of [[fresh], [old]]) {
      const event = await verifyWebhook({
        payload: delivery!.body,
        header: delivery!.signature,
        secrets,
      });
      expect(event.data.attributes.payload.data.id).toBe(account.id);
    }
    await expect(
      verifyWebhook({
        payload: delivery!.body,
        header: delivery!.signature,
        secrets: ['wbhsec_other'],
      }),
    ).rejects.toThrow();
    const { data: log } = await control.GET('/__mock/webhook-deliveries');
    expect(log?.data.map((d) => [d.eventName, d.state])).toEqual([
      ['account.created', 'delivered'],
    ]);
  });
});
