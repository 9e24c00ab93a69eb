import { createPersonaClient, type PersonaClient, unwrap } from '@persona-kit/client';
import {
  type ControlPlaneClient,
  createControlPlaneClient,
} from '@persona-kit/client/control-plane';
import { seedIds } from '@persona-kit/mock';
import { type MockServer, setupPersonaMock, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The mock's core scenario, through the typed client, on both transports:
 * an account with a reference id, an inquiry that auto-creates (finds) it,
 * then an account action on it.
 */
async function scenario(client: PersonaClient, mock: ControlPlaneClient) {
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
  expect(acted.data.id).toBe(account.id);
  expect(acted.meta['workflow-run-id']).toMatch(/^wfr_/);
  // The status is the mock's own state, read on its control plane.
  const state = unwrap(
    await mock.GET('/__mock/objects/{object-id}', {
      params: { path: { 'object-id': account.id } },
    }),
  );
  expect(state).toEqual({ id: account.id, type: 'account', state: { status: 'suspended' } });

  const found = unwrap(
    await client.GET('/accounts', { params: { query: { filter: { 'reference-id': reference } } } }),
  );
  expect(found.data.map((a) => a.id)).toEqual([account.id]);
  const ofAccount = unwrap(
    await client.GET('/inquiries', { params: { query: { filter: { 'account-id': account.id } } } }),
  );
  expect(ofAccount.data.map((i) => i.id)).toEqual([inquiry.id]);
}

/** The seeded Signup review workflow twice for one user: one account, a case each time. */
async function workflowTwice(client: PersonaClient, mock: ControlPlaneClient) {
  const user = Math.random().toString(36).slice(2);
  const trigger = () =>
    client.POST('/workflows/{workflow-id}/trigger', {
      params: { path: { 'workflow-id': seedIds.workflows.signupReview } },
      body: { data: { attributes: { 'user-id': user } } },
    });
  const first = unwrap(await trigger()).data;
  const second = unwrap(await trigger()).data;
  const stepsOf = async (runId: string) => {
    const trace = unwrap(
      await mock.GET('/__mock/objects/{object-id}', { params: { path: { 'object-id': runId } } }),
    );
    if (trace.type !== 'workflow-run') throw new Error(`${runId} is a ${trace.type}`);
    return trace.state.steps;
  };
  const [find1, case1] = await stepsOf(first.id);
  const [find2, case2] = await stepsOf(second.id);
  expect(find1?.output?.['account-created']).toBe(true);
  expect(find2?.output?.['account-created']).toBe(false);
  const accountId = find1?.output?.['account-id'] as string;
  expect(find2?.output?.['account-id']).toBe(accountId);
  for (const caseId of [case1?.output?.['case-id'], case2?.output?.['case-id']]) {
    const opened = unwrap(
      await client.GET('/cases/{case-id}', { params: { path: { 'case-id': caseId as string } } }),
    );
    expect(opened.data.relationships.accounts.data).toEqual([{ type: 'account', id: accountId }]);
  }
}

/** A CSV with a new row, a row for an existing account and a broken row, in upsert mode. */
async function importRows(baseUrl: string, apiKey: string) {
  const headers = { Authorization: `Bearer ${apiKey}` };
  await fetch(`${baseUrl}/accounts`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { attributes: { 'reference-id': 'csv-existing' } } }),
  });
  const csv = [
    'reference_id,name_first,name_last,birthdate,tags',
    'csv-new,Grace,Hopper,1906-12-09,navy',
    'csv-existing,Alan,Turing,1912-06-23,',
    'csv-broken,Bad,Date,1990-02-31,',
  ].join('\n');
  const form = new FormData();
  form.set('data[attributes][file]', new Blob([csv], { type: 'text/csv' }), 'accounts.csv');
  form.set('data[attributes][mode]', 'upsert');
  const response = await fetch(`${baseUrl}/importer/accounts`, {
    method: 'POST',
    headers,
    body: form,
  });
  expect(response.status).toBe(201);
  const importer = (await response.json()).data;
  expect(importer.attributes).toMatchObject({ 'error-count': 1 });
  // Per-row outcomes are the mock's own state, read on its control plane.
  const origin = baseUrl.replace(/\/api\/v1$/, '');
  const state = await (await fetch(`${origin}/__mock/objects/${importer.id}`, { headers })).json();
  expect(state.state).toMatchObject({ createdCount: 1, updatedCount: 1 });
  expect(state.state.rowErrors).toEqual([
    expect.objectContaining({ row: 3, referenceId: 'csv-broken' }),
  ]);
  const again = await fetch(`${baseUrl}/importers/${importer.id}`, { headers });
  expect((await again.json()).data.attributes['successful-count']).toBe(2);
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
      createControlPlaneClient({ apiKey: 'http-key', baseUrl: server.url }),
    );
  });

  it('finds one account when the seeded workflow runs twice for a user, with a case each time', async () => {
    await workflowTwice(
      createPersonaClient({ apiKey: 'http-key', baseUrl: server.baseUrl, retry: false }),
      createControlPlaneClient({ apiKey: 'http-key', baseUrl: server.url }),
    );
  });

  it('imports a CSV upload and reports each row', async () => {
    await importRows(server.baseUrl, 'http-import');
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
    await scenario(
      createPersonaClient({ apiKey: 'msw-key', retry: false }),
      createControlPlaneClient({ apiKey: 'msw-key', baseUrl: 'https://api.withpersona.com' }),
    );
  });

  it('runs the workflow twice and imports the same CSV', async () => {
    await workflowTwice(
      createPersonaClient({ apiKey: 'msw-key', retry: false }),
      createControlPlaneClient({ apiKey: 'msw-key', baseUrl: 'https://api.withpersona.com' }),
    );
    await importRows('https://api.withpersona.com/api/v1', 'msw-import');
  });
});
