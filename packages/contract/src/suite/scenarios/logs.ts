// API logs and user audit logs: the organization's requests and the changes
// people made, listed and read one at a time.
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import { ids, RULES_NEEDED, unknownId } from './support.js';

/** Reads one log entry by the id a list gave, and checks the id answered. */
async function readEntry(ctx: StepContext, operationId: string, param: string, id: string) {
  const got = await ctx.api.call(operationId, { params: { [param]: id }, expect: 200 });
  ctx.assert.equal(got.body.data.id, id, `${param} answered`);
}

export const logs = scenario(
  'api logs and user audit logs',
  { tags: ['logs', 'auth'], independent: true },
  [
    {
      name: 'the API logs list a request just made, and read it',
      async run(ctx) {
        const made = await ctx.api.call('listApiKeys', { expect: 200 });
        const requestId = made.headers.get('request-id');
        const listed = await ctx.eventually(async () => {
          const page = await ctx.api.call('listApiLogs', {
            query: { 'page[size]': 100 },
            expect: 200,
          });
          if (requestId) ctx.assert.includes(ids(page.body), requestId, 'logged requests');
          return page;
        });
        const first = ids(listed.body)[0];
        if (!first) return ctx.skip('the organization has no API logs yet');
        await readEntry(ctx, 'retrieveApiLog', 'api-log-id', first);
      },
    },
    {
      name: 'the user audit logs list a change made outside the API, and read it',
      async run(ctx) {
        const before = await ctx.api.call('listUserAuditLogs', { expect: 200 });
        let first = ids(before.body)[0];
        if (!first) {
          // On persona-kit's mock: a change through its control plane (the plan it already has).
          const state = await ctx.mockAdmin('GET', 'state');
          await ctx.mockAdmin('PUT', 'plan', { plan: state.plan });
          const after = await ctx.api.call('listUserAuditLogs', { expect: 200 });
          first = ids(after.body)[0];
          ctx.assert.ok(first !== undefined, 'the change was logged');
        }
        if (!first) return;
        await readEntry(ctx, 'retrieveUserAuditLog', 'user-audit-log-id', first);
      },
    },
    {
      name: 'an unknown log is not found',
      stateful: RULES_NEEDED,
      async run(ctx) {
        const unknown = [
          ['retrieveApiLog', 'api-log-id', 'req'],
          ['retrieveUserAuditLog', 'user-audit-log-id', 'ual'],
        ] as const;
        for (const [operationId, param, prefix] of unknown) {
          await ctx.api.call(operationId, { params: { [param]: unknownId(prefix) }, expect: 404 });
        }
      },
    },
  ],
);
