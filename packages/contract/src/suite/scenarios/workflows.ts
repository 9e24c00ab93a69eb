// A workflow run through its API trigger: Find or Create Account, then Create Case.
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import {
  accountsWithReference,
  IDS_NEEDED,
  listedIds,
  MOCK_STATE_ONLY,
  mockState,
  STATE_NEEDED,
  unknownId,
} from './support.js';

function trigger(ctx: StepContext, value: string) {
  const workflow = ctx.need('signupWorkflow');
  return ctx.api.call('triggerWorkflow', {
    params: { 'workflow-id': workflow.id },
    body: { data: { attributes: { [workflow.triggerKey]: value } } },
    expect: 200,
  });
}

export const workflowRuns = scenario('workflow trigger and runs', { tags: ['workflows'] }, [
  {
    name: 'trigger a workflow that finds or creates an account',
    async run(ctx) {
      const value = `contract-${ctx.runId}-wf`;
      const run = await trigger(ctx, value);
      ctx.state.value = value;
      ctx.state.run = run.body.data.id;
      ctx.assert.ok(/^wfr_/.test(ctx.state.run ?? ''), 'a workflow run');
      ctx.assert.equal(
        run.body.data.relationships?.workflow?.data?.id,
        ctx.need('signupWorkflow').id,
        'the workflow that ran',
      );
    },
  },
  {
    name: 'retrieve the run and find it among recent runs',
    async run(ctx) {
      const got = await ctx.api.call('retrieveWorkflowRun', {
        params: { 'workflow-run-id': ctx.state.run },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, ctx.state.run, 'id');
      await ctx.eventually(async () => {
        // Newest first: the run just started is on the first page. (Persona's spec
        // has no filter by workflow.)
        const runs = await listedIds(ctx, 'listWorkflowRuns', { 'page[size]': 100 });
        ctx.assert.includes(runs, ctx.state.run, 'recent workflow runs');
      });
    },
  },
  {
    name: 'the run found or created the account, and opened a case on it',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const workflow = ctx.need('signupWorkflow');
      const reference = workflow.referenceId.replace('{value}', ctx.state.value);
      ctx.state.reference = reference;
      await ctx.eventually(async () => {
        const accounts = await accountsWithReference(ctx, reference);
        ctx.assert.equal(accounts.length, 1, `accounts with reference id ${reference}`);
        ctx.state.account = accounts[0];
      });
      if (!workflow.createsCase) return;
      await ctx.eventually(async () => {
        const cases = await listedIds(ctx, 'listCases', {
          'filter[account-id]': ctx.state.account,
        });
        ctx.assert.equal(cases.length, 1, 'cases opened on the account');
      });
    },
  },
  {
    name: "the run's steps, trigger payload and objects show on the mock's control plane",
    stateful: `${STATE_NEEDED}; ${MOCK_STATE_ONLY}`,
    async run(ctx) {
      const workflow = ctx.need('signupWorkflow');
      const trace = await mockState(ctx, ctx.state.run);
      ctx.assert.equal(
        trace.triggerPayload,
        { [workflow.triggerKey]: ctx.state.value },
        'the trigger payload',
      );
      const find = trace.steps.find((s: { type: string }) => s.type === 'find-or-create-account');
      ctx.assert.equal(find?.status, 'completed', 'Find or Create Account completed');
      ctx.assert.equal(find?.output?.['account-id'], ctx.state.account, 'the account it found');
      ctx.assert.includes(
        trace.objects.map((o: { id: string }) => o.id),
        ctx.state.account,
        "the run's objects",
      );
    },
  },
  {
    name: 'a second run with the same value finds the same account',
    stateful: STATE_NEEDED,
    async run(ctx) {
      await trigger(ctx, ctx.state.value);
      await ctx.eventually(async () => {
        const accounts = await accountsWithReference(ctx, ctx.state.reference);
        ctx.assert.equal(accounts, [ctx.state.account], 'accounts with the reference id');
      });
    },
  },
  {
    name: 'on the Startup plan, a workflow with Find or Create Account is refused (403)',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const state = await ctx.mockAdmin('GET', 'state');
      await ctx.mockAdmin('PUT', 'plan', { plan: 'startup' });
      try {
        const workflow = ctx.need('signupWorkflow');
        await ctx.api.call('triggerWorkflow', {
          params: { 'workflow-id': workflow.id },
          body: { data: { attributes: { [workflow.triggerKey]: `${ctx.runId}-startup` } } },
          expect: 403,
        });
      } finally {
        await ctx.mockAdmin('PUT', 'plan', { plan: state.plan });
      }
    },
  },
  {
    name: 'trigger an unknown workflow (404)',
    stateful: IDS_NEEDED,
    async run(ctx) {
      await ctx.api.call('triggerWorkflow', {
        params: { 'workflow-id': unknownId('wfl') },
        body: { data: { attributes: { 'user-id': ctx.runId } } },
        expect: 404,
      });
    },
  },
]);
