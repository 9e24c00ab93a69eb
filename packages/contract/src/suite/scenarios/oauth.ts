// OAuth: the organization grants read access to one of its inquiries, and the
// code is exchanged for an access token that reads it. The client is the
// organization itself: persona-kit's mock tells a run its id; a schema-driven
// server takes any id of the right shape; on a sandbox the step is skipped.
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import { newInquiry, RULES_NEEDED, unknownId } from './support.js';

/** The id of an organization a run may authorize. */
async function clientId(ctx: StepContext): Promise<string> {
  if (ctx.fixtures.personaKitMock)
    return String((await ctx.mockAdmin('GET', 'state')).organization);
  if (ctx.mode === 'schema-only') return unknownId('org');
  return ctx.skip(
    'needs the id of an organization to authorize, which only persona-kit mock tells',
  );
}

export const oauth = scenario('oauth', { tags: ['oauth', 'auth'] }, [
  {
    name: 'grant read access to an inquiry and exchange the code for a token',
    async run(ctx) {
      const client = await clientId(ctx);
      const inquiry = await newInquiry(ctx);
      const scope = `inquiry.read:${inquiry}`;
      const code = await ctx.api.call('createAuthorization', {
        fields: { 'client-id': client, 'response-type': 'code', scope },
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
      // A code is exchanged once (a schema-driven server keeps no codes).
      if (ctx.mode === 'stateful') {
        await ctx.api.call('createAccessToken', {
          fields: { code: String(code.body.code), 'grant-type': 'authorization_code' },
          expect: 400,
        });
      }
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
]);
