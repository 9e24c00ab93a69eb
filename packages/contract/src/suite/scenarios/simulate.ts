// Persona's sandbox drive of an inquiry: simulate actions stand in for the
// person in the hosted flow (start, a verification, completion) and for the
// reviewer (approval). The verification it creates can then be retrieved.
import { scenario } from './scenario.js';
import { drivenInquiry, RULES_NEEDED, STATE_NEEDED, simulateActions } from './support.js';

export const sandboxSimulation = scenario(
  'sandbox inquiries driven by simulate actions',
  { tags: ['inquiries', 'verifications'] },
  [
    {
      name: 'start, pass a government ID verification, complete and approve an inquiry',
      async run(ctx) {
        const { id, driven } = await drivenInquiry(ctx, {}, [{ type: 'approve_inquiry' }]);
        ctx.state.inquiry = id;
        const data = driven.body.data;
        ctx.assert.equal(data.id, ctx.state.inquiry, 'the inquiry answered');
        ctx.assert.equal(data.attributes.status, 'approved', 'status after the actions');
        const verifications: { type: string; id: string }[] =
          data.relationships?.verifications?.data ?? [];
        ctx.assert.equal(verifications.length, 1, 'verifications of the inquiry');
        ctx.state.verification = verifications[0]?.id;
      },
    },
    {
      name: 'retrieve the passed verification',
      stateful: STATE_NEEDED,
      async run(ctx) {
        if (!ctx.state.verification) ctx.skip('the inquiry related no verification');
        const got = await ctx.api.call('retrieveVerification', {
          params: { 'verification-id': ctx.state.verification },
          expect: 200,
        });
        ctx.assert.equal(got.body.data.type, 'verification/government-id', 'type');
        ctx.assert.equal(got.body.data.attributes.status, 'passed', 'status');
        ctx.assert.equal(
          got.body.data.relationships?.inquiry?.data?.id,
          ctx.state.inquiry,
          'the inquiry it belongs to',
        );
      },
    },
    {
      name: 'an approved inquiry cannot be started again (4xx)',
      stateful: RULES_NEEDED,
      async run(ctx) {
        const refused = await simulateActions(
          ctx,
          ctx.state.inquiry,
          [{ type: 'start_inquiry' }],
          [400, 409, 422],
        );
        ctx.assert.ok(refused.body.errors?.length, 'an error document');
        const after = await ctx.api.call('retrieveInquiry', {
          params: { 'inquiry-id': ctx.state.inquiry },
          expect: 200,
        });
        ctx.assert.equal(after.body.data.attributes.status, 'approved', 'status unchanged');
      },
    },
  ],
);
