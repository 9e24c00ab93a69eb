import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;
let objectState: ReturnType<typeof mockObjects>;

/** A run's steps, trigger payload and objects: mock-only state, on the control plane. */
const traceOf = async (run: { body: { data: { id: string } } }) => {
  const answer = await objectState(run.body.data.id);
  expect(answer.violations).toEqual([]);
  return answer.body.state;
};

const trigger = (workflowId: string, attributes: Record<string, unknown>) =>
  call('POST', `/workflows/${workflowId}/trigger`, { data: { attributes } });

const seed = async (body: unknown) => {
  const response = await getResponse(
    mock.handlers,
    new Request('http://127.0.0.1/__mock/seed', {
      method: 'POST',
      headers: { Authorization: 'Bearer key-test', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  expect(response?.status).toBe(200);
};

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
  objectState = mockObjects(mock);
});

describe('workflows', () => {
  it('finds the account on a second trigger for one user id and opens a case each time', async () => {
    const first = await trigger(seedIds.workflows.signupReview, {
      'user-id': '42',
      priority: 'high',
    });
    const second = await trigger(seedIds.workflows.signupReview, { 'user-id': '42' });
    for (const run of [first, second]) {
      expect(run.status).toBe(200);
      expect(run.violations).toEqual([]);
      expect(run.body.data.attributes.status).toBe('completed');
    }
    const [find1, case1] = (await traceOf(first)).steps;
    const [find2, case2] = (await traceOf(second)).steps;
    expect(find1.output).toMatchObject({ 'account-created': true });
    expect(find2.output).toMatchObject({
      'account-created': false,
      'account-id': find1.output['account-id'],
    });
    expect(case1.output['case-id']).not.toBe(case2.output['case-id']);

    const account = await call('GET', `/accounts/${find1.output['account-id']}`);
    expect(account.body.data.attributes['reference-id']).toBe('user-42');
    const ofAccount = await call('GET', `/cases?filter[account-id]=${find1.output['account-id']}`);
    expect(ofAccount.violations).toEqual([]);
    expect(ofAccount.body.data.map((l: { id: string }) => l.id).sort()).toEqual(
      [case1.output['case-id'], case2.output['case-id']].sort(),
    );
    const opened = await call('GET', `/cases/${case1.output['case-id']}`);
    expect(opened.violations).toEqual([]);
    expect(opened.body.data.relationships.accounts.data).toEqual([
      { type: 'account', id: find1.output['account-id'] },
    ]);
    expect(opened.body.data.attributes.fields.reason).toEqual({
      type: 'string',
      value: 'Signup review for 42',
    });
    expect(opened.body.data.attributes['creator-type']).toBe('workflow-run');

    const runs = await call(
      'GET',
      `/workflow-runs?filter[workflow-id]=${seedIds.workflows.signupReview}`,
    );
    expect(runs.violations).toEqual([]);
    expect(runs.body.data.map((r: { id: string }) => r.id)).toEqual([
      second.body.data.id,
      first.body.data.id,
    ]);
    const one = await call('GET', `/workflow-runs/${first.body.data.id}`);
    expect(one.violations).toEqual([]);
    expect(one.body.data.relationships).not.toHaveProperty('objects');
    const trace = await traceOf(first);
    expect(trace.triggerPayload).toEqual({ 'user-id': '42', priority: 'high' });
    expect(trace.objects).toEqual([
      { type: 'account', id: find1.output['account-id'] },
      { type: 'case', id: case1.output['case-id'] },
    ]);
  });

  it('finds or creates one account for concurrent runs with one identifier', async () => {
    const runs = await Promise.all(
      Array.from({ length: 50 }, () =>
        trigger(seedIds.workflows.tagAccount, { 'reference-id': 'same', tag: 't' }),
      ),
    );
    const traces = await Promise.all(runs.map(traceOf));
    const ids = new Set(traces.map((t) => t.steps[0].output['account-id']));
    expect(ids.size).toBe(1);
    expect((await call('GET', '/accounts?filter[reference-id]=same')).body.data).toHaveLength(1);
  });

  it('fails the run at a failing step and skips the rest, unless the step continues on error', async () => {
    const failed = await trigger(seedIds.workflows.signupReview, { priority: 'low' });
    expect(failed.status).toBe(200);
    expect(failed.violations).toEqual([]);
    expect(failed.body.data.attributes.status).toBe('failed');
    const [find, open] = (await traceOf(failed)).steps;
    expect(find).toMatchObject({ status: 'failed', continuedOnError: false });
    expect(find.error.details).toContain('trigger.user-id');
    expect(open.status).toBe('skipped');

    await seed({
      workflows: [
        {
          id: 'wfl_Lenient000000000000000000',
          name: 'Lenient',
          steps: [
            {
              key: 'find',
              type: 'find-or-create-account',
              accountTypeId: seedIds.accountTypes.user,
              identifierType: 'reference-id',
              identifierValue: '{{trigger.missing}}',
              continueOnError: true,
            },
            { key: 'open', type: 'create-case', caseTemplateId: seedIds.caseTemplates.review },
          ],
        },
      ],
    });
    const lenient = await trigger('wfl_Lenient000000000000000000', {});
    expect(lenient.body.data.attributes.status).toBe('completed');
    const lenientSteps = (await traceOf(lenient)).steps;
    expect(lenientSteps.map((s: { status: string }) => s.status)).toEqual(['failed', 'completed']);
    expect(lenientSteps[0].continuedOnError).toBe(true);
  });

  it('assembles identifier values from literal text and several workflow values', async () => {
    await seed({
      workflows: [
        {
          id: 'wfl_Composite00000000000000000',
          name: 'Composite',
          steps: [
            {
              key: 'find',
              type: 'find-or-create-account',
              accountTypeId: seedIds.accountTypes.business,
              identifierType: 'reference-id',
              identifierValue: 'org-{{trigger.region}}-{{trigger.number}}',
            },
            {
              key: 'activate',
              type: 'run-account-action',
              accountId: '{{steps.find.account-id}}',
              accountActionId: seedIds.accountActions.businessSetStatus,
              parameters: { status: 'activated' },
            },
          ],
        },
      ],
    });
    const run = await trigger('wfl_Composite00000000000000000', { region: 'eu', number: 7 });
    expect(run.body.data.attributes.status).toBe('completed');
    const id = (await traceOf(run)).steps[0].output['account-id'];
    const account = await call('GET', `/accounts/${id}`);
    expect(account.body.data.attributes).toMatchObject({
      'reference-id': 'org-eu-7',
      'account-type-name': 'Business',
    });
    const state = await objectState(id);
    expect(state.violations).toEqual([]);
    expect(state.body.state.status).toBe('activated');
  });

  it('refuses a workflow with Find or Create Account on the Startup plan, and unknown workflows', async () => {
    await seed({ plan: 'startup' });
    const refused = await trigger(seedIds.workflows.signupReview, { 'user-id': '1' });
    expect(refused.status).toBe(403);
    expect(refused.violations).toEqual([]);
    expect(refused.body.errors[0].details).toContain('Find or Create Account');
    expect((await call('GET', '/accounts')).body.data).toEqual([]);
    const unknown = await trigger('wfl_000000000000000000000000', {});
    expect(unknown.status).toBe(404);
  });
});
