import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { addVerification, completeInquiry } from '../test-support/inquiry-steps.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { adminCall, mockClient } from '../test-support/test-client.js';
import { MAX_WORKFLOW_DEPTH } from './workflow-engine.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;
const org = () => mock.core.orgFor('key-test');
const now = () => mock.core.now(org());

const seed = (body: unknown) => adminCall(mock, 'POST', '/__mock/seed', body);

async function newInquiry(attributes: Record<string, unknown> = {}): Promise<string> {
  const created = await call('POST', '/inquiries', {
    data: {
      attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId, ...attributes },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.id;
}

/** The inquiry completes with verifications of these statuses; the next request runs the workflows. */
async function complete(inquiryId: string, statuses: string[]) {
  for (const status of statuses) addVerification(org(), now(), inquiryId, status);
  completeInquiry(org(), now(), inquiryId);
  mock.core.catchUp(org());
}

interface StepTrace {
  key: string;
  status: string;
  output?: Record<string, unknown>;
  error?: { details?: string };
}

/** A run's step trace and trigger payload: mock-only state, read on the control plane. */
async function traceOf(runId: string) {
  const answer = await mockObjects(mock)(runId);
  expect(answer.violations).toEqual([]);
  return answer.body.state as { steps: StepTrace[]; triggerPayload: Record<string, unknown> };
}

async function runsOf(workflowId: string) {
  const runs = await call('GET', `/workflow-runs?filter[workflow-id]=${workflowId}`);
  expect(runs.violations).toEqual([]);
  return runs.body.data;
}

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

describe('the default "Inquiry completed" workflow', () => {
  it('approves an inquiry whose verifications all passed, on the account of its reference id', async () => {
    const inquiryId = await newInquiry({ 'reference-id': 'user-7' });
    await complete(inquiryId, ['passed', 'passed']);

    const [run] = await runsOf(seedIds.workflows.inquiryCompleted);
    expect(run.attributes.status).toBe('completed');
    const trace = await traceOf(run.id);
    expect(trace.triggerPayload).toMatchObject({
      'event-name': 'inquiry.completed',
      'object-id': inquiryId,
    });
    expect(trace.steps.map((s) => [s.key, s.status])).toEqual([
      ['find_account', 'completed'],
      ['attach_inquiry', 'completed'],
      ['verifications_passed', 'completed'],
      ['approve', 'completed'],
    ]);
    const inquiry = await call('GET', `/inquiries/${inquiryId}`);
    expect(inquiry.body.data.attributes.status).toBe('approved');
    const accountId = inquiry.body.data.relationships.account.data.id;
    const account = await call('GET', `/accounts/${accountId}`);
    expect(account.body.data.attributes['reference-id']).toBe('user-7');
    const onAccount = await call('GET', `/inquiries?filter[account-id]=${accountId}`);
    expect(onAccount.body.data.map((i: { id: string }) => i.id)).toEqual([inquiryId]);
    const cases = await call('GET', '/cases');
    expect(cases.body.data).toEqual([]);
  });

  it('opens a Manual review case holding the inquiry and the account when one verification failed', async () => {
    const inquiryId = await newInquiry({ 'reference-id': 'user-8' });
    await complete(inquiryId, ['passed', 'failed']);

    const [run] = await runsOf(seedIds.workflows.inquiryCompleted);
    const trace = await traceOf(run.id);
    expect(trace.steps.map((s) => s.key)).toEqual([
      'find_account',
      'attach_inquiry',
      'verifications_passed',
      'review',
    ]);
    const inquiry = await call('GET', `/inquiries/${inquiryId}`);
    expect(inquiry.body.data.attributes.status).toBe('completed');
    const caseId = trace.steps[3]?.output?.['case-id'];
    const opened = await call('GET', `/cases/${caseId}`);
    expect(opened.violations).toEqual([]);
    expect(opened.body.data.relationships['case-template'].data.id).toBe(
      seedIds.caseTemplates.review,
    );
    expect(opened.body.data.relationships.inquiries.data).toEqual([
      { type: 'inquiry', id: inquiryId },
    ]);
    expect(opened.body.data.relationships.accounts.data).toEqual([
      { type: 'account', id: inquiry.body.data.relationships.account.data.id },
    ]);
  });

  it('sends an inquiry with no verifications to review rather than approve it', async () => {
    const inquiryId = await newInquiry({ 'reference-id': 'user-9' });
    await complete(inquiryId, []);
    const inquiry = await call('GET', `/inquiries/${inquiryId}`);
    expect(inquiry.body.data.attributes.status).toBe('completed');
    expect((await call('GET', '/cases')).body.data).toHaveLength(1);
  });

  it('moves an inquiry from the account it had to the account of its reference id', async () => {
    const other = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'someone-else' } },
    });
    const inquiryId = await newInquiry({
      'account-id': other.body.data.id,
      'reference-id': 'user-10',
    });
    await complete(inquiryId, ['passed']);
    const before = await call('GET', `/accounts/${other.body.data.id}`);
    expect(before.body.data.relationships.inquiries.data).toEqual([]);
    const inquiry = await call('GET', `/inquiries/${inquiryId}`);
    const account = await call(
      'GET',
      `/accounts/${inquiry.body.data.relationships.account.data.id}`,
    );
    expect(account.body.data.attributes['reference-id']).toBe('user-10');
  });

  it('runs when an inquiry completes during a request, before the request is answered', async () => {
    const inquiryId = await newInquiry({ 'reference-id': 'user-11' });
    addVerification(org(), now(), inquiryId, 'passed');
    completeInquiry(org(), now(), inquiryId);
    // No explicit catch-up: the next request runs what the event started before it reads.
    const inquiry = await call('GET', `/inquiries/${inquiryId}`);
    expect(inquiry.body.data.attributes.status).toBe('approved');
  });
});

describe('workflows started by events', () => {
  it('start only for events whose object matches the filter, and read the object in templates', async () => {
    const tagOnSelfie = {
      id: 'wfl_TagSelfie000000000000000000',
      name: 'Tag selfie inquiries',
      trigger: {
        event: 'inquiry.created',
        filter: { 'inquiry-template': seedIds.inquiryTemplates.selfie },
      },
      steps: [
        {
          key: 'tag',
          type: 'tag-object',
          objectId: '{{trigger.inquiry.id}}',
          tag: 'selfie-{{trigger.inquiry.reference-id}}',
        },
      ],
    };
    expect((await seed({ workflows: [tagOnSelfie] })).status).toBe(200);
    await newInquiry({ 'reference-id': 'a' });
    const selfie = await newInquiry({
      'reference-id': 'b',
      'inquiry-template-id': seedIds.inquiryTemplates.selfie,
    });
    const runs = await runsOf(tagOnSelfie.id);
    expect(runs).toHaveLength(1);
    const inquiry = await call('GET', `/inquiries/${selfie}`);
    expect(inquiry.body.data.attributes.tags).toEqual(['selfie-b']);
  });

  it('refuses to start an event workflow through the API', async () => {
    const answer = await call('POST', `/workflows/${seedIds.workflows.inquiryCompleted}/trigger`, {
      data: { attributes: {} },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.errors[0].details).toContain('inquiry.completed');
  });

  it('bounds a chain of workflows that start each other', async () => {
    const echo = {
      id: 'wfl_Echo0000000000000000000000',
      name: 'Echo',
      trigger: { event: 'workflow-run.created' },
      steps: [
        {
          key: 'find',
          type: 'find-or-create-account',
          accountTypeId: seedIds.accountTypes.user,
          identifierType: 'reference-id',
          identifierValue: 'echo',
        },
      ],
    };
    expect((await seed({ workflows: [echo] })).status).toBe(200);
    const first = await call('POST', `/workflows/${seedIds.workflows.tagAccount}/trigger`, {
      data: { attributes: { 'reference-id': 'start', tag: 'x' } },
    });
    expect(first.body.data.attributes.status).toBe('completed');
    // The API run is depth 1; each echo is one deeper, up to the bound.
    expect(await runsOf(echo.id)).toHaveLength(MAX_WORKFLOW_DEPTH - 1);
    // Nothing is left to run later.
    await call('GET', '/accounts');
    expect(await runsOf(echo.id)).toHaveLength(MAX_WORKFLOW_DEPTH - 1);
  });

  it('branches on equals, in and exists, and fails a step whose decision the status rules refuse', async () => {
    const decide = {
      id: 'wfl_Decide00000000000000000000',
      name: 'Decide',
      steps: [
        {
          key: 'pick',
          type: 'branch',
          if: { value: '{{trigger.decision}}', in: ['approved', 'declined'] },
          do: [
            {
              key: 'known',
              type: 'branch',
              if: { value: '{{trigger.decision}}', equals: 'approved' },
              do: [
                {
                  key: 'approve',
                  type: 'decide-inquiry',
                  inquiryId: '{{trigger.inquiry-id}}',
                  decision: 'approved',
                },
              ],
              else: [
                {
                  key: 'decline',
                  type: 'decide-inquiry',
                  inquiryId: '{{trigger.inquiry-id}}',
                  decision: 'declined',
                  comment: 'by {{trigger.who}}',
                },
              ],
            },
          ],
          else: [
            {
              key: 'note',
              type: 'branch',
              if: { value: '{{trigger.who}}', exists: true },
              do: [
                { key: 'tag', type: 'tag-object', objectId: '{{trigger.inquiry-id}}', tag: 'odd' },
              ],
            },
          ],
        },
      ],
    };
    expect((await seed({ workflows: [decide] })).status).toBe(200);
    const run = (attributes: Record<string, unknown>) =>
      call('POST', `/workflows/${decide.id}/trigger`, { data: { attributes } });

    const declined = await newInquiry();
    const first = await run({ 'inquiry-id': declined, decision: 'declined', who: 'ana' });
    expect(first.violations).toEqual([]);
    const keys = async (answer: { body: { data: { id: string } } }) =>
      (await traceOf(answer.body.data.id)).steps.map((s) => s.key);
    expect(await keys(first)).toEqual(['pick', 'known', 'decline']);
    const inquiry = await call('GET', `/inquiries/${declined}`);
    expect(inquiry.body.data.attributes).toMatchObject({
      status: 'declined',
      'reviewer-comment': 'by ana',
    });

    const again = await run({ 'inquiry-id': declined, decision: 'approved' });
    expect(again.body.data.attributes.status).toBe('failed');
    expect((await traceOf(again.body.data.id)).steps[2]?.error?.details).toContain(
      'already declined',
    );

    const odd = await newInquiry();
    const third = await run({ 'inquiry-id': odd, decision: 'maybe' });
    expect(await keys(third)).toEqual(['pick', 'note']);
    const fourth = await run({ 'inquiry-id': odd, decision: 'maybe', who: 'bo' });
    expect(await keys(fourth)).toEqual(['pick', 'note', 'tag']);
  });
});

describe('the seed schema for triggers and branches', () => {
  const bad = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
    workflows: [{ id: 'wfl_Bad000000000000000000000', name: 'x', ...extra, steps }],
  });
  const tag = { key: 'a', type: 'tag-object', objectId: 'x', tag: 'y' };
  const branch = (condition: unknown, inner: unknown) => ({
    key: 'b',
    type: 'branch',
    if: condition,
    do: [inner],
  });
  it.each([
    [bad([tag], { trigger: { event: 'Inquiry Completed' } }), 'trigger.event'],
    [bad([tag], { trigger: { event: 'inquiry.updated' } }), 'trigger.event'],
    [bad([branch({ value: 'x', equals: 1, in: [1] }, tag)]), 'steps[0]'],
    [
      bad([branch({ value: 'x', equals: 1 }, { ...tag, type: 'decide-inquiry', decision: 'no' })]),
      'steps[0]',
    ],
    [
      {
        inquiryTemplates: [
          { id: 'itmpl_Quick0000000000000000000', name: 'Q', expiresInSeconds: 5 },
        ],
      },
      'expiresInSeconds',
    ],
  ])('refuses %j', async (body, where) => {
    const answer = await seed(body);
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain(where);
  });

  it('exports triggers and expiries as seeded', async () => {
    const response = await getResponse(
      mock.handlers,
      new Request('http://127.0.0.1/__mock/seed', {
        headers: { Authorization: 'Bearer key-test' },
      }),
    );
    const exported = await response!.json();
    const workflow = exported.workflows.find(
      (w: { id: string }) => w.id === seedIds.workflows.inquiryCompleted,
    );
    expect(workflow.trigger).toEqual({ event: 'inquiry.completed' });
    expect(exported.inquiryTemplates[0].expiresInSeconds).toBe(86_400);
  });
});
