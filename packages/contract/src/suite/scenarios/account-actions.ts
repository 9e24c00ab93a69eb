// Account actions: one run as a workflow, and the ones refused.
import type { Step } from '../types.js';
import {
  account,
  IDS_NEEDED,
  MOCK_STATE_ONLY,
  mockState,
  RULES_NEEDED,
  STATE_NEEDED,
  unknownId,
} from './support.js';

export const actionSteps: Step[] = [
  {
    name: 'run an account action; it runs as a workflow',
    async run(ctx) {
      const action = ctx.need('accountAction');
      const ran = await ctx.api.call('runAccountAction', {
        params: account(ctx.state.a),
        body: {
          data: {
            'account-action-id': action.id,
            parameters: { [action.parameter]: action.value },
          },
        },
        expect: 200,
      });
      ctx.assert.equal(ran.body.data.id, ctx.state.a, 'the account answered');
      const runId = ran.body.meta?.['workflow-run-id'];
      ctx.assert.ok(/^wfr_/.test(runId ?? ''), 'meta.workflow-run-id names a workflow run');
      const run = await ctx.api.call('retrieveWorkflowRun', {
        params: { 'workflow-run-id': runId },
        expect: 200,
      });
      ctx.assert.equal(run.body.data.id, runId, 'the workflow run');
      ctx.state.actionRun = runId;
    },
  },
  {
    name: "the action's status and step trace show on the mock's control plane",
    stateful: `${STATE_NEEDED}; ${MOCK_STATE_ONLY}`,
    async run(ctx) {
      const action = ctx.need('accountAction');
      const state = await mockState(ctx, ctx.state.a);
      if (action.parameter === 'status')
        ctx.assert.equal(state.status, action.value, 'the account status the action set');
      const trace = await mockState(ctx, ctx.state.actionRun);
      ctx.assert.ok(trace.steps.length > 0, 'the run lists its steps');
      ctx.assert.equal(
        trace.steps.filter((s: { status: string }) => s.status !== 'completed').length,
        0,
        'every step of the run completed',
      );
    },
  },
  {
    name: 'run-action with an unknown action (404)',
    stateful: IDS_NEEDED,
    async run(ctx) {
      await ctx.api.call('runAccountAction', {
        params: account(ctx.state.a),
        body: { data: { 'account-action-id': unknownId('accac'), parameters: {} } },
        expect: 404,
      });
    },
  },
  {
    name: "run-action with another account type's action (409)",
    stateful: RULES_NEEDED,
    async run(ctx) {
      const foreign = ctx.need('foreignAccountActionId');
      const action = ctx.fixtures.accountAction;
      await ctx.api.call('runAccountAction', {
        params: account(ctx.state.a),
        body: {
          data: {
            'account-action-id': foreign,
            parameters: action ? { [action.parameter]: action.value } : {},
          },
        },
        expect: 409,
      });
    },
  },
  {
    name: 'run-action without a required parameter (422)',
    stateful: RULES_NEEDED,
    async run(ctx) {
      const action = ctx.need('accountAction');
      await ctx.api.call('runAccountAction', {
        params: account(ctx.state.a),
        body: { data: { 'account-action-id': action.id, parameters: {} } },
        expect: 422,
      });
    },
  },
];
