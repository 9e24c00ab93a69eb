import { createPersonaClient, type PersonaClient, unwrap } from '@persona-kit/client';
import { seedIds } from '@persona-kit/mock';
import { type MockServer, setupPersonaMock, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The mock's core scenario, through the typed client, on both transports:
 * an account with a reference id, an inquiry that auto-creates (finds) it,
 * then an account action on it.
 */
async function scenario(client: PersonaClient) {
  const reference = `user-${Math.random().toString(36).slice(2)}`;
  const account = unwrap(
    await client.POST('/accounts', {
      body: { data: { attributes: { 'reference-id': reference } } },
    }),
  ).data;
  expect(account.attributes['reference-id']).toBe(reference);

  const inquiry = unwrap(
    await client.POST('/inquiries', {
      body: {
        data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
        meta: { 'auto-create-account-reference-id': reference },
      },
    }),
  ).data;
  expect(inquiry.relationships.account.data?.id).toBe(account.id);

  const acted = unwrap(
    await client.POST('/accounts/{account-id}/run-action', {
      params: { path: { 'account-id': account.id } },
      body: {
        data: {
          'account-action-id': seedIds.accountActions.setStatus,
          parameters: { status: 'suspended' },
        },
      },
    }),
  );
  expect(acted.data.attributes['account-status']).toBe('suspended');
  expect(acted.meta['workflow-run-id']).toMatch(/^wfr_/);

  const found = unwrap(
    await client.GET('/accounts', { params: { query: { filter: { 'reference-id': reference } } } }),
  );
  expect(found.data.map((a) => a.id)).toEqual([account.id]);
  const withInquiries = unwrap(
    await client.GET('/accounts/{account-id}', { params: { path: { 'account-id': account.id } } }),
  );
  expect(withInquiries.data.relationships?.inquiries?.data.map((l) => l.id)).toEqual([inquiry.id]);
}

describe('the mock over HTTP', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('listens on loopback under /api/v1', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
  });

  it('runs the account, auto-create inquiry and account action scenario', async () => {
    await scenario(
      createPersonaClient({ apiKey: 'http-key', baseUrl: server.baseUrl, retry: false }),
    );
  });

  it('answers unknown paths and admin routes', async () => {
    const unknown = await fetch(`${server.url}/api/v1/nowhere`, {
      headers: { Authorization: 'Bearer k' },
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].title).toBe('Not Found');
    const state = await fetch(`${server.url}/__mock/state`, {
      headers: { Authorization: 'Bearer http-key' },
    });
    expect(state.status).toBe(200);
    expect((await state.json()).counts.accounts).toBeGreaterThan(0);
  });
});

describe('the mock in-process with msw', () => {
  const { server } = setupPersonaMock();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('runs the same scenario against the default Persona base URL', async () => {
    await scenario(createPersonaClient({ apiKey: 'msw-key', retry: false }));
  });
});
