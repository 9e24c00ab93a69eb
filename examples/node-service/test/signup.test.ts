// The service over real HTTP, with Persona mocked in-process: msw intercepts the
// client's requests to api.withpersona.com, so the code under test is unchanged.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPersonaClient, expectData } from '@persona-kit/client';
import { seedIds } from '@persona-kit/mock';
import { setupPersonaMock } from '@persona-kit/mock/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configFromEnv, LOCAL_MOCK_URL, MOCK_SEED_IDS } from '../src/config.js';
import { createSignupServer } from '../src/server.js';
import type { SignupRules } from '../src/signup.js';

const { server: msw, mock } = setupPersonaMock();
const persona = createPersonaClient({ apiKey: 'key-signup-service' });

const rules: SignupRules = {
  inquiryTemplateId: seedIds.inquiryTemplates.governmentId,
  caseTemplateId: seedIds.caseTemplates.review,
  caseQueueId: seedIds.caseQueues.general,
  reviewCountries: ['KP', 'IR'],
};

let service: Server;
let url: string;
const logged: string[] = [];

beforeAll(async () => {
  msw.listen({
    // Requests to the service itself go through; anything else unmocked is a mistake.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
  service = createSignupServer({ persona, rules, logError: (m) => logged.push(m) });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(service.address() as AddressInfo).port}/signup`;
});

beforeEach(async () => {
  logged.length = 0;
  await mock.reset();
});

afterAll(async () => {
  await new Promise((resolve) => service.close(resolve));
  msw.close();
});

async function signup(body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const accountsOf = async (referenceId: string) =>
  (
    await expectData(
      persona.GET('/accounts', { params: { query: { filter: { 'reference-id': referenceId } } } }),
    )
  ).data;

const casesOf = async (accountId: string) =>
  (
    await expectData(
      persona.GET('/cases', { params: { query: { filter: { 'account-id': accountId } } } }),
    )
  ).data;

const inquiriesOf = async (accountId: string) =>
  (
    await expectData(
      persona.GET('/inquiries', { params: { query: { filter: { 'account-id': accountId } } } }),
    )
  ).data;

describe('POST /signup', () => {
  it('creates the account and an inquiry on it, and no case for a country not on the list', async () => {
    const { status, body } = await signup({
      userId: 'u-100',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      country: 'gb',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ accountCreated: true, caseId: null });

    const [account, ...others] = await accountsOf('u-100');
    expect(others).toEqual([]);
    expect(account!.id).toBe(body.accountId);
    expect(account!.attributes['reference-id']).toBe('u-100');
    // Persona answers personal data in the account's typed fields.
    expect(account!.attributes.fields).toMatchObject({
      name: { type: 'hash', value: { first: { value: 'Ada' }, last: { value: 'Lovelace' } } },
      email_address: { type: 'string', value: 'ada@example.com' },
      address: { type: 'hash', value: { country_code: { value: 'GB' } } },
    });

    const inquiry = await expectData(
      persona.GET('/inquiries/{inquiry-id}', {
        params: { path: { 'inquiry-id': body.inquiryId } },
      }),
    );
    expect(inquiry.data.attributes['reference-id']).toBe('u-100');
    expect(inquiry.data.relationships?.account?.data?.id).toBe(body.accountId);
    expect(await casesOf(body.accountId)).toEqual([]);
  });

  it('opens a review case on the account and the inquiry for a country on the list', async () => {
    const { status, body } = await signup({ userId: 'u-200', country: 'IR' });
    expect(status).toBe(201);
    expect(body.caseId).toMatch(/^case_/);

    const opened = await expectData(
      persona.GET('/cases/{case-id}', { params: { path: { 'case-id': body.caseId } } }),
    );
    const { attributes, relationships } = opened.data;
    expect(attributes.status).toBe('open');
    expect(attributes.fields.reason).toMatchObject({
      value: 'Signup from IR, which is on the review list',
    });
    expect(relationships['case-template'].data?.id).toBe(seedIds.caseTemplates.review);
    expect(relationships['case-queue'].data?.id).toBe(seedIds.caseQueues.general);
    expect(relationships.accounts.data.map((l) => l.id)).toEqual([body.accountId]);
    expect(relationships.inquiries.data.map((l) => l.id)).toEqual([body.inquiryId]);
    expect((await casesOf(body.accountId)).map((c) => c.id)).toEqual([body.caseId]);
  });

  it('finds the existing account when the same user signs up again', async () => {
    const first = await signup({ userId: 'u-300', country: 'FR' });
    const again = await signup({ userId: 'u-300', country: 'FR' });
    expect(again.status).toBe(200);
    expect(again.body.accountCreated).toBe(false);
    expect(again.body.accountId).toBe(first.body.accountId);
    expect(again.body.inquiryId).not.toBe(first.body.inquiryId);

    const [account, ...others] = await accountsOf('u-300');
    expect(others).toEqual([]);
    const inquiries = await inquiriesOf(account!.id);
    expect(inquiries.map((i) => i.id).sort()).toEqual(
      [first.body.inquiryId, again.body.inquiryId].sort(),
    );
  });

  it('makes exactly one account when signups of one user arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => signup({ userId: 'u-400', country: 'KP' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.accountId)).size).toBe(1);
    expect(await accountsOf('u-400')).toHaveLength(1);
    expect(await casesOf(answers[0]!.body.accountId)).toHaveLength(5);
  });

  it('answers 400 for a bad body and calls nobody', async () => {
    expect((await signup({ country: 'FR' })).status).toBe(400);
    expect(await signup({ userId: 'u-500', country: 'France' })).toEqual({
      status: 400,
      body: { error: 'country must be a two-letter ISO 3166-1 code' },
    });
    expect(await accountsOf('u-500')).toEqual([]);
  });

  it("answers 502 with Persona's request id when Persona refuses", async () => {
    const broken = createSignupServer({
      persona,
      rules: { ...rules, inquiryTemplateId: 'itmpl_000000000000000000000000' },
      logError: (m) => logged.push(m),
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (broken.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/signup`, {
        method: 'POST',
        body: JSON.stringify({ userId: 'u-600', country: 'FR' }),
      });
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.requestId).toMatch(/^req_/);
      expect(logged.join('\n')).toContain('Persona API 422 on POST');
      expect(logged.join('\n')).toContain(body.requestId);
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});

describe('configuration', () => {
  it("defaults to the mock's seed ids", () => {
    expect(MOCK_SEED_IDS).toEqual({
      inquiryTemplateId: seedIds.inquiryTemplates.governmentId,
      caseTemplateId: seedIds.caseTemplates.review,
      caseQueueId: seedIds.caseQueues.general,
    });
  });

  it('talks to the local mock unless told otherwise, and needs a key for anything else', () => {
    expect(configFromEnv({})).toMatchObject({
      baseUrl: LOCAL_MOCK_URL,
      rules: { reviewCountries: ['KP', 'IR', 'SY', 'CU'] },
    });
    const sandbox = { PERSONA_BASE_URL: 'https://api.withpersona.com/api/v1' };
    expect(() => configFromEnv(sandbox)).toThrow('PERSONA_API_KEY is required');
    const config = configFromEnv({
      ...sandbox,
      PERSONA_API_KEY: 'persona_sandbox_x',
      PERSONA_CASE_TEMPLATE_ID: 'ctmpl_mine',
      REVIEW_COUNTRIES: ' ir, kp ',
    });
    expect(config.rules).toMatchObject({
      caseTemplateId: 'ctmpl_mine',
      reviewCountries: ['IR', 'KP'],
    });
    expect(config.rules.caseQueueId).toBeUndefined();
  });
});
