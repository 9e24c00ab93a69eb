// Accounts found again: filtered by reference id, page by page, and searched.
import type { Step } from '../types.js';
import { accountsWithReference, ids, STATE_NEEDED } from './support.js';

export const searchSteps: Step[] = [
  {
    name: 'list accounts filtered by reference id',
    async run(ctx) {
      const found = await accountsWithReference(ctx, ctx.state.referenceA);
      ctx.assert.equal(found, [ctx.state.a], 'accounts with the reference id');
    },
  },
  {
    name: 'list accounts two a page',
    async run(ctx) {
      const first = await ctx.api.call('listAccounts', {
        query: { 'page[size]': 2 },
        expect: 200,
      });
      ctx.state.firstPage = ids(first.body);
      ctx.state.next = first.body.links?.next;
      ctx.assert.equal(ctx.state.firstPage.length, 2, 'accounts on the first page');
      ctx.assert.ok(typeof ctx.state.next === 'string', 'links.next of the first page');
    },
  },
  {
    name: 'follow the page links forth and back',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const second = await ctx.api.call('listAccounts', { url: ctx.state.next, expect: 200 });
      const page = ids(second.body);
      ctx.assert.ok(page.length > 0, 'the second page has accounts');
      for (const id of page) ctx.assert.excludes(ctx.state.firstPage, id, 'pages overlap');
      ctx.assert.ok(typeof second.body.links.prev === 'string', 'links.prev of the second page');
      const back = await ctx.api.call('listAccounts', {
        url: second.body.links.prev,
        expect: 200,
      });
      ctx.assert.equal(ids(back.body), ctx.state.firstPage, 'the page before the second');
    },
  },
  {
    name: 'search accounts by reference id',
    async run(ctx) {
      await ctx.eventually(async () => {
        const found = await ctx.api.call('searchAccounts', {
          body: {
            query: { attribute: 'reference_id', operator: 'eq', value: ctx.state.referenceA },
            page: { size: 10 },
          },
          expect: 200,
        });
        ctx.assert.equal(ids(found.body), [ctx.state.a], 'accounts found');
      });
    },
  },
];
