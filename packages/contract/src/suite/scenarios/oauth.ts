// OAuth: the organization grants read access to one of its inquiries, and the
// code is exchanged for an access token that reads it. The client is the
// organization itself, the one whose id a run can learn (from persona-kit's
// mock); elsewhere the grant steps are skipped.
import type { Scenario } from '../types.js';
import { newInquiry, RULES_NEEDED } from './support.js';

export const oauth: Scenario = {
  name: 'oauth',
  tags: ['oauth', 'auth'],
  steps: [
    {
      name: 'grant read access to an inquiry and exchange the code for a token',
      async run(ctx) {
        const state = await ctx.mockAdmin('GET', 'state');
        const inquiry = await newInquiry(ctx);
        const scope = `inquiry.read:${inquiry}`;
        const code = await ctx.api.call('createAuthorization', {
          fields: { 'client-id': String(state.organization), 'response-type': 'code', scope },
          expect: 201,
        });
        const token = await ctx.api.call('createAccessToken', {
          fields: { code: String(code.body.code), 'grant-type': 'authorization_code' },
          expect: 201,
        });
        ctx.assert.equal(token.body.scope, scope, 'granted scope');
        const read = await ctx.api.call('retrieveInquiry', {
          params: { 'inquiry-id': inquiry },
          auth: false,
          headers: { Authorization: `Bearer ${token.body['access-token']}` },
          expect: 200,
        });
        ctx.assert.equal(read.body.data.id, inquiry, 'inquiry read with the token');
        // A code is exchanged once.
        await ctx.api.call('createAccessToken', {
          fields: { code: String(code.body.code), 'grant-type': 'authorization_code' },
          expect: 400,
        });
      },
    },
    {
      name: 'a grant of another type is refused',
      stateful: RULES_NEEDED,
      async run(ctx) {
        await ctx.api.call('createAccessToken', {
          fields: { code: 'not-a-code', 'grant-type': 'password' },
          expect: 400,
        });
      },
    },
  ],
};
