// The whole journey over real HTTP: persona-kit's mock on a free port, the
// service on another. The service registers a webhook to itself, users sign up
// and are driven through Persona's sandbox simulate actions, and the mock's
// default workflow approves the inquiry or opens a case: the service hears of
// it only through signed deliveries.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPersonaClient, expectData } from '@persona-kit/client';
import { signWebhook } from '@persona-kit/client/webhooks';
import { seedIds } from '@persona-kit/mock';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config.js';
import { createSignupServer } from '../src/server.js';
import type { SignupRules } from '../src/signup.js';
import { createUserStore, type User } from '../src/users.js';
import { type RegisteredWebhook, registerWebhook } from '../src/webhook-registration.js';

const API_KEY = 'key-webhook-journey';
const rules: SignupRules = {
  inquiryTemplateId: seedIds.inquiryTemplates.governmentId,
  caseTemplateId: seedIds.caseTemplates.review,
  caseQueueId: seedIds.caseQueues.general,
  reviewCountries: [],
};

let mock: MockServer;
let service: Server;
let origin: string;
let webhook: RegisteredWebhook;
const users = createUserStore();
const logged: string[] = [];
const persona = () => createPersonaClient({ apiKey: API_KEY, baseUrl: mock.baseUrl });

beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  service = createSignupServer({
    persona: persona(),
    rules,
    users,
    webhookSecrets: () => (webhook ? [webhook.secret] : []),
    logError: (m) => logged.push(m),
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  webhook = await registerWebhook(persona(), `${origin}/webhooks/persona`);
});

afterAll(async () => {
  await new Promise((resolve) => service?.close(resolve));
  await mock?.close();
});

async function signup(userId: string) {
  const response = await fetch(`${origin}/signup`, {
    method: 'POST',
    body: JSON.stringify({ userId, country: 'FR', firstName: 'Ada' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { accountId: string; inquiryId: string };
}

/** Plays the person's part in the hosted flow, as a Persona sandbox allows. */
async function drive(inquiryId: string, verification: 'passed' | 'failed') {
  const driven = await expectData(
    persona().POST('/inquiries/{inquiry-id}/perform-simulate-actions', {
      params: { path: { 'inquiry-id': inquiryId } },
      body: {
        meta: {
          'simulate-actions': [
            { type: 'start_inquiry' },
            {
              type: `create_${verification}_verification`,
              data: { 'verification-template-id': seedIds.verificationTemplates.governmentId },
            },
            { type: 'complete_inquiry' },
          ],
        },
      },
    }),
  );
  return driven.data;
}

/** Every due delivery made and answered; then the service's own work after its answer. */
async function settle(until: (user: User | undefined) => boolean, userId: string) {
  const flushed = await fetch(`${mock.url}/__mock/webhook-deliveries/flush`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}` },
  });
  expect(flushed.status).toBe(200);
  await expect.poll(() => until(users.get(userId)), { timeout: 5_000 }).toBe(true);
  const response = await fetch(`${origin}/users/${userId}`);
  expect(response.status).toBe(200);
  return (await response.json()) as User;
}

async function deliveries(): Promise<Array<{ state: string; eventId: string }>> {
  const response = await fetch(
    `${mock.url}/__mock/webhook-deliveries?webhookId=${encodeURIComponent(webhook.id)}`,
    { headers: { Authorization: `Bearer ${API_KEY}` } },
  );
  return ((await response.json()) as { data: Array<{ state: string; eventId: string }> }).data;
}

describe('Persona webhooks', () => {
  it('registers an enabled webhook to the service for the events it handles', async () => {
    const got = await expectData(
      persona().GET('/webhooks/{webhook-id}', { params: { path: { 'webhook-id': webhook.id } } }),
    );
    expect(got.data.attributes).toMatchObject({
      status: 'enabled',
      url: `${origin}/webhooks/persona`,
      'enabled-events': ['inquiry.approved', 'case.created'],
    });
  });

  it('marks a user verified once the workflow approves their passed inquiry', async () => {
    const { inquiryId } = await signup('u-passes');
    expect(users.get('u-passes')).toMatchObject({ verifiedAt: null, openCaseIds: [] });
    expect((await drive(inquiryId, 'passed')).attributes.status).toBe('completed');

    const user = await settle((u) => u?.verifiedAt != null, 'u-passes');
    expect(user).toMatchObject({ userId: 'u-passes', inquiryIds: [inquiryId], openCaseIds: [] });
    const inquiry = await expectData(
      persona().GET('/inquiries/{inquiry-id}', { params: { path: { 'inquiry-id': inquiryId } } }),
    );
    expect(inquiry.data.attributes.status).toBe('approved');
    expect(user.verifiedAt).toBe(inquiry.data.attributes['decisioned-at']);
    expect((await deliveries()).map((d) => d.state)).toEqual(['delivered']);
    expect(logged).toEqual([]);
  });

  it('notes the review case the workflow opens for a failed verification', async () => {
    const { accountId, inquiryId } = await signup('u-fails');
    await drive(inquiryId, 'failed');

    const user = await settle((u) => (u?.openCaseIds.length ?? 0) > 0, 'u-fails');
    const cases = await expectData(
      persona().GET('/cases', { params: { query: { filter: { 'account-id': accountId } } } }),
    );
    expect(cases.data.map((c) => c.id)).toEqual(user.openCaseIds);
    expect(user.verifiedAt).toBeNull();
    expect(logged).toEqual([]);
  });

  it('answers 400 to a delivery whose signature does not hold, and changes nothing', async () => {
    const { inquiryId } = await signup('u-forged');
    const body = JSON.stringify({
      data: {
        type: 'event',
        id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
        attributes: {
          name: 'inquiry.approved',
          'created-at': new Date().toISOString(),
          payload: {
            data: { type: 'inquiry', id: inquiryId, attributes: { 'reference-id': 'u-forged' } },
          },
        },
      },
    });
    const post = (headers: Record<string, string>) =>
      fetch(`${origin}/webhooks/persona`, { method: 'POST', headers, body });
    const forged = await post({
      'Persona-Signature': await signWebhook({ secret: 'wbhsec_not-the-secret', payload: body }),
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toBe('no_matching_signature');
    const unsigned = await post({});
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toBe('missing_header');
    const stale = await post({
      'Persona-Signature': await signWebhook({
        secret: webhook.secret,
        payload: body,
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      }),
    });
    expect(await stale.text()).toBe('timestamp_outside_tolerance');
    expect(users.get('u-forged')?.verifiedAt).toBeNull();
  });
});

describe('webhook configuration', () => {
  it('registers its own webhook only against the local mock and without a secret', () => {
    expect(configFromEnv({})).toMatchObject({ webhookSecrets: [], registerWebhook: true });
    expect(configFromEnv({ PERSONA_WEBHOOK_SECRET: ' wbhsec_new, wbhsec_old ' })).toMatchObject({
      webhookSecrets: ['wbhsec_new', 'wbhsec_old'],
      registerWebhook: false,
    });
    const sandbox = configFromEnv({
      PERSONA_BASE_URL: 'https://api.withpersona.com/api/v1',
      PERSONA_API_KEY: 'persona_sandbox_x',
    });
    expect(sandbox).toMatchObject({ webhookSecrets: [], registerWebhook: false });
  });
});
