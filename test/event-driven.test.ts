// Persona's event-driven half end to end, on both transports: simulate actions
// drive inquiries, the seeded workflow decides them, the clock expires them,
// and signed webhooks reach a receiver on 127.0.0.1.
import { createPersonaClient, type PersonaClient, unwrap } from '@persona-kit/client';
import {
  type ControlPlaneClient,
  createControlPlaneClient,
} from '@persona-kit/client/control-plane';
import { seedIds } from '@persona-kit/mock';
import { type MockServer, setupPersonaMock, startMockServer } from '@persona-kit/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedWith, startReceiver } from './support/receiver.js';

interface Transport {
  name: string;
  start(): Promise<{ origin: string; stop(): Promise<void> }>;
}

const transports: Transport[] = [
  {
    name: 'over HTTP',
    async start() {
      const server: MockServer = await startMockServer({ port: 0 });
      return { origin: server.url, stop: () => server.close() };
    },
  },
  {
    name: 'in-process with msw',
    async start() {
      const { server } = setupPersonaMock();
      // Deliveries to the receiver on 127.0.0.1 are not Persona's: let them through.
      server.listen({ onUnhandledRequest: 'bypass' });
      return { origin: 'https://api.withpersona.com', stop: async () => server.close() };
    },
  },
];

describe.each(transports)('the event-driven half $name', (transport) => {
  let origin: string;
  let stop: () => Promise<void>;
  const cleanups: (() => Promise<void>)[] = [];
  let keys = 0;

  beforeAll(async () => {
    ({ origin, stop } = await transport.start());
  });
  afterAll(() => stop());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A fresh organization: its own key, typed client and control-plane client. */
  function organization() {
    const apiKey = `key-events-${transport.name.length}-${++keys}`;
    const api: PersonaClient = createPersonaClient({
      apiKey,
      baseUrl: `${origin}/api/v1`,
      retry: false,
    });
    const control: ControlPlaneClient = createControlPlaneClient({ apiKey, baseUrl: origin });
    const flush = async () => unwrap(await control.POST('/__mock/webhook-deliveries/flush'));
    const advance = async (by: string) =>
      unwrap(await control.POST('/__mock/clock', { body: { advance: by } }));
    return { api, flush, advance };
  }

  async function receiver(status?: (n: number) => number) {
    const started = await startReceiver(status);
    cleanups.push(started.close);
    return started;
  }

  /** An enabled webhook to `url` for `events`; answers its id and secret. */
  async function webhook(api: PersonaClient, url: string, events: string[] = ['*']) {
    const created = unwrap(
      await api.POST('/webhooks', {
        body: { data: { attributes: { url, 'enabled-events': events } } },
      }),
    ).data;
    const path = { 'webhook-id': created.id };
    unwrap(await api.POST('/webhooks/{webhook-id}/enable', { params: { path } }));
    return { id: created.id, secret: created.attributes.secret as string };
  }

  async function inquiry(api: PersonaClient, reference?: string) {
    return unwrap(
      await api.POST('/inquiries', {
        body: {
          data: {
            attributes: {
              'inquiry-template-id': seedIds.inquiryTemplates.governmentId,
              ...(reference ? { 'reference-id': reference } : {}),
            },
          },
        },
      }),
    ).data.id;
  }

  /** Starts the inquiry, passes or fails a government ID verification, completes it. */
  async function complete(api: PersonaClient, id: string, verification: 'passed' | 'failed') {
    const template = seedIds.verificationTemplates.governmentId;
    return unwrap(
      await api.POST('/inquiries/{inquiry-id}/perform-simulate-actions', {
        params: { path: { 'inquiry-id': id } },
        body: {
          meta: {
            'simulate-actions': [
              { type: 'start_inquiry' },
              {
                type: `create_${verification}_verification`,
                data: { 'verification-template-id': template },
              },
              { type: 'complete_inquiry' },
            ],
          },
        },
      }),
    ).data;
  }

  it('delivers inquiry.completed to a "*" webhook, signed for an independent HMAC check', async () => {
    const { api, flush } = organization();
    const hooks = await receiver();
    const { secret } = await webhook(api, hooks.url);
    const id = await inquiry(api);
    await complete(api, id, 'passed');
    await flush();

    const [completed] = hooks.named('inquiry.completed');
    expect(completed?.json.data.attributes.payload.data.id).toBe(id);
    expect(signedWith(completed!, secret)).toBe(true);
    expect(signedWith(completed!, `${secret}x`)).toBe(false);
  });

  it('sends the same event id again after the receiver answered 500', async () => {
    const { api, flush, advance } = organization();
    const hooks = await receiver((n) => (n === 0 ? 500 : 200));
    await webhook(api, hooks.url, ['account.created']);
    unwrap(
      await api.POST('/accounts', { body: { data: { attributes: { 'reference-id': 'retry' } } } }),
    );
    await flush();
    expect(hooks.received).toHaveLength(1);
    await advance('1h');
    await flush();

    const attempts = hooks.named('account.created');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.json.data.id).toBe(attempts[0]?.json.data.id);
  });

  it('leaves one account for two completed inquiries with one reference id', async () => {
    const { api } = organization();
    const reference = 'one-person';
    const first = await inquiry(api, reference);
    const second = await inquiry(api, reference);
    await complete(api, first, 'passed');
    await complete(api, second, 'passed');

    const accounts = unwrap(
      await api.GET('/accounts', {
        params: { query: { filter: { 'reference-id': reference } } },
      }),
    ).data;
    expect(accounts).toHaveLength(1);
    for (const id of [first, second]) {
      const got = unwrap(
        await api.GET('/inquiries/{inquiry-id}', { params: { path: { 'inquiry-id': id } } }),
      ).data;
      expect(got.relationships.account.data?.id).toBe(accounts[0]?.id);
      expect(got.attributes.status).toBe('approved');
    }
  });

  it('opens a Manual review case holding an inquiry whose verification failed', async () => {
    const { api } = organization();
    const id = await inquiry(api, 'failed-check');
    await complete(api, id, 'failed');

    const cases = unwrap(await api.GET('/cases')).data;
    const holding = cases.filter((c) =>
      c.relationships.inquiries?.data?.some((related) => related.id === id),
    );
    expect(holding).toHaveLength(1);
    expect(holding[0]?.relationships['case-template']?.data?.id).toBe(seedIds.caseTemplates.review);
    const got = unwrap(
      await api.GET('/inquiries/{inquiry-id}', { params: { path: { 'inquiry-id': id } } }),
    ).data;
    expect(got.attributes.status).toBe('completed');
  });

  it('expires an unstarted inquiry when the clock moves 25 h, and delivers inquiry.expired', async () => {
    const { api, flush, advance } = organization();
    const hooks = await receiver();
    await webhook(api, hooks.url, ['inquiry.expired']);
    const id = await inquiry(api);
    await advance('25h');
    await flush();

    const got = unwrap(
      await api.GET('/inquiries/{inquiry-id}', { params: { path: { 'inquiry-id': id } } }),
    ).data;
    expect(got.attributes.status).toBe('expired');
    expect(
      hooks.named('inquiry.expired').map((d) => d.json.data.attributes.payload.data.id),
    ).toEqual([id]);
  });

  it('signs with the new secret after rotate-secret', async () => {
    const { api, flush } = organization();
    const hooks = await receiver();
    const { id, secret: old } = await webhook(api, hooks.url, ['account.created']);
    const rotated = unwrap(
      await api.POST('/webhooks/{webhook-id}/rotate-secret', {
        params: { path: { 'webhook-id': id } },
        body: { meta: { 'expires-in-seconds': 0 } },
      }),
    ).data;
    const fresh = rotated.attributes.secret as string;
    expect(fresh).not.toBe(old);
    unwrap(
      await api.POST('/accounts', {
        body: { data: { attributes: { 'reference-id': 'rotated' } } },
      }),
    );
    await flush();

    const [delivery] = hooks.named('account.created');
    expect(signedWith(delivery!, fresh)).toBe(true);
    expect(signedWith(delivery!, old)).toBe(false);
  });
});
