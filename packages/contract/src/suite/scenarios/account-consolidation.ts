// Accounts consolidated into one, and the relations that record it.
import type { Step } from '../types.js';
import { account, ids, STATE_NEEDED } from './support.js';

export const consolidationSteps: Step[] = [
  {
    name: 'list relations before consolidation',
    async run(ctx) {
      const relations = await ctx.api.call('listAccountRelations', {
        params: account(ctx.state.a),
        query: { 'filter[key]': 'consolidated-from' },
        expect: 200,
      });
      ctx.assert.equal(ids(relations.body), [], 'relations of a fresh account');
    },
  },
  {
    name: 'consolidate an account into another',
    async run(ctx) {
      const merged = await ctx.api.call('consolidateAccounts', {
        params: account(ctx.state.a),
        body: { meta: { 'source-account-ids': [ctx.state.alan] } },
        expect: 202,
      });
      ctx.assert.equal(merged.body.data.id, ctx.state.a, 'the destination answered');
    },
  },
  {
    name: 'a source account consolidates once (409)',
    stateful: STATE_NEEDED,
    async run(ctx) {
      await ctx.api.call('consolidateAccounts', {
        params: account(ctx.state.a),
        body: { meta: { 'source-account-ids': [ctx.state.alan] } },
        expect: 409,
      });
    },
  },
  {
    name: 'the consolidation is listed as a relation',
    stateful: STATE_NEEDED,
    async run(ctx) {
      await ctx.eventually(async () => {
        const relations = await ctx.api.call('listAccountRelations', {
          params: account(ctx.state.a),
          query: { 'filter[key]': 'consolidated-from' },
          expect: 200,
        });
        const related = (relations.body.data ?? []).map(
          (r: { relationships?: Record<string, { data?: { id: string } }> }) =>
            r.relationships?.['related-account']?.data?.id,
        );
        ctx.assert.includes(related, ctx.state.alan, 'accounts consolidated from');
      });
    },
  },
];
