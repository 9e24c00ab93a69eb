// An account's whole life: create and find-or-create, read, list, search,
// update, tags, account actions, relations, consolidation and redaction; and
// the account types an organization has. Each part of the life has its file.

import { actionSteps } from './account-actions.js';
import { consolidationSteps } from './account-consolidation.js';
import { creationSteps, redactionSteps, updateSteps } from './account-records.js';
import { searchSteps } from './account-search.js';
import { scenario } from './scenario.js';
import { account, ids, tagStep } from './support.js';

export const accountLifecycle = scenario('account lifecycle', { tags: ['accounts'] }, [
  ...creationSteps,
  ...searchSteps,
  ...updateSteps,
  tagStep('Account', (ctx) => account(ctx.state.a), ['vip', 'gold'], { addTwice: true }),
  ...actionSteps,
  ...consolidationSteps,
  ...redactionSteps,
]);

export const accountTypes = scenario('account types', { tags: ['accounts', 'account-types'] }, [
  {
    name: 'list account types',
    async run(ctx) {
      const listed = await ctx.api.call('listAccountTypes', { expect: 200 });
      ctx.state.types = ids(listed.body);
      ctx.assert.ok(ctx.state.types.length > 0, 'an organization has an account type');
      const names = listed.body.data.map(
        (t: { attributes: { name: string } }) => t.attributes.name,
      );
      ctx.assert.includes(names, 'User', 'the default account type');
    },
  },
  {
    name: 'retrieve each account type',
    async run(ctx) {
      for (const id of ctx.state.types as string[]) {
        const got = await ctx.api.call('retrieveAccountType', {
          params: { 'account-type-id': id },
          expect: 200,
        });
        ctx.assert.equal(got.body.data.id, id, 'account type id');
      }
    },
  },
]);
