// The screen's Persona calls, against the same mock in Node (the browser test covers the page).
import { createPersonaClient } from '@persona-kit/client';
import { createControlPlaneClient } from '@persona-kit/client/control-plane';
import { seedIds } from '@persona-kit/mock';
import { setupPersonaMock } from '@persona-kit/mock/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockStatusChoices } from '../src/mock-statuses.js';
import { accountName, personaApi } from '../src/persona.js';
import { verificationState } from '../src/verification.js';

const { server, mock } = setupPersonaMock();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => mock.reset());
afterAll(() => server.close());

const api = personaApi(
  createPersonaClient({ apiKey: 'key-frontend', baseUrl: 'http://localhost:5173/api/v1' }),
  {
    setStatusActionId: seedIds.accountActions.setStatus,
    reviewCaseTemplateId: seedIds.caseTemplates.review,
    verifyInquiryTemplateId: seedIds.inquiryTemplates.governmentId,
    verificationTemplateId: seedIds.verificationTemplates.governmentId,
  },
);
// The account's status is the mock's own state: Persona's account does not carry it.
// `fetch` is looked up per call, so msw (listening from beforeAll) answers it.
const controlPlane = createControlPlaneClient({
  baseUrl: 'http://localhost:5173',
  apiKey: 'key-frontend',
  fetch: (request) => fetch(request),
});

describe('the accounts and cases screen', () => {
  it('creates an account once per reference id and finds it by reference id', async () => {
    const first = await api.createAccount({ referenceId: 'user-1', nameFirst: 'Ada' });
    const again = await api.createAccount({ referenceId: 'user-1' });
    await api.createAccount({ referenceId: 'user-2' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, account: { id: first.account.id } });
    expect(accountName(first.account)).toBe('Ada');
    expect(accountName(again.account)).toBe('Ada');
    expect(await api.listAccounts()).toHaveLength(2);
    const found = await api.listAccounts('user-1');
    expect(found.map((a) => a.id)).toEqual([first.account.id]);
    expect(await api.listAccounts('nobody')).toEqual([]);
  });

  it("offers the Set status action's statuses and runs it", async () => {
    expect(await mockStatusChoices(controlPlane, seedIds.accountActions.setStatus)).toEqual([
      'active',
      'activated',
      'suspended',
      'closed',
    ]);
    const { account } = await api.createAccount({ referenceId: 'user-3' });
    const run = await api.setStatus(account.id, 'suspended');
    expect(run.account.id).toBe(account.id);
    expect(run.workflowRunId).toMatch(/^wfr_/);
    const { data: state } = await controlPlane.GET('/__mock/objects/{object-id}', {
      params: { path: { 'object-id': account.id } },
    });
    expect(state).toEqual({ id: account.id, type: 'account', state: { status: 'suspended' } });
  });

  it('opens a review case on the account and lists it as one of its cases', async () => {
    const { account } = await api.createAccount({ referenceId: 'user-4' });
    const opened = await api.openReviewCase(account.id, 'Address mismatch');
    expect(opened.attributes.status).toBe('open');
    expect(opened.relationships.accounts.data).toEqual([{ type: 'account', id: account.id }]);
    const cases = await api.casesOf(account.id);
    expect(cases.map((c) => c.id)).toEqual([opened.id]);
    expect(cases[0]!.attributes.fields.reason).toMatchObject({ value: 'Address mismatch' });
  });

  it('verifies an account: a passed check is approved by the workflow, a failed one opens a case', async () => {
    const { account } = await api.createAccount({ referenceId: 'user-5' });
    expect(verificationState(await api.inquiriesOf(account.id)).label).toBe('Not verified');

    const inquiry = await api.startVerification(account, 'http://localhost:5173/#back');
    expect(verificationState(await api.inquiriesOf(account.id)).label).toBe('Not started');
    expect(await api.oneTimeLink(inquiry.id)).toMatch(/^http:\/\/localhost:5173\/__mock\/flow\//);
    await api.simulateVerification(inquiry.id, 'passed');
    // The default seed's workflow decides the inquiry once it completes.
    const passed = verificationState(await api.inquiriesOf(account.id));
    expect(passed).toMatchObject({ label: 'Verified', settled: true });
    expect(passed.inquiry?.id).toBe(inquiry.id);

    const again = await api.startVerification(account);
    await api.simulateVerification(again.id, 'failed');
    const [inquiries, cases] = [await api.inquiriesOf(account.id), await api.casesOf(account.id)];
    // The Manual review case the workflow opens names the inquiry in its reason.
    expect(cases).toHaveLength(1);
    expect(JSON.stringify(cases[0]!.attributes.fields.reason)).toContain(again.id);
    expect(verificationState(inquiries, cases)).toMatchObject({
      label: 'In review: a case was opened',
      settled: true,
    });
    expect(verificationState(inquiries, cases).inquiry?.id).toBe(again.id);
  });

  it('answers Persona errors as PersonaApiError', async () => {
    await expect(api.getAccount('act_000000000000000000000000')).rejects.toMatchObject({
      name: 'PersonaApiError',
      status: 404,
    });
  });
});
