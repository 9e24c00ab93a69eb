// API keys: one is made, read, listed, changed, used and expired. The key made
// here is expired before the scenario ends, on any server.
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import { ids, RULES_NEEDED, STATE_NEEDED, unknownId } from './support.js';

const key = (id: string) => ({ 'api-key-id': id });

/** Lists API keys with another Bearer key than the run's. */
const listWith = (ctx: StepContext, bearer: string, expect: number) =>
  ctx.api.call('listApiKeys', {
    auth: false,
    headers: { Authorization: `Bearer ${bearer}` },
    query: { 'page[size]': 100 },
    expect,
  });

export const apiKeys = scenario('api keys', { tags: ['api-keys', 'auth'] }, [
  {
    name: 'create an API key, then retrieve, list and update it',
    async run(ctx) {
      const created = await ctx.api.call('createApiKey', {
        body: { data: { attributes: { name: `contract-${ctx.runId}`, note: 'made by a run' } } },
        expect: 201,
      });
      const id = created.body.data.id;
      ctx.state.apiKey = id;
      ctx.state.apiKeyValue = created.body.data.attributes.value ?? null;
      ctx.assert.ok(
        typeof created.body.data.attributes.value === 'string',
        'the create answers the secret value',
      );
      const got = await ctx.api.call('retrieveApiKey', { params: key(id), expect: 200 });
      ctx.assert.equal(got.body.data.id, id, 'api key id');
      const listed = await ctx.api.call('listApiKeys', {
        query: { 'page[size]': 100 },
        expect: 200,
      });
      ctx.assert.includes(ids(listed.body), id, 'listed api keys');
      const updated = await ctx.api.call('updateApiKey', {
        params: key(id),
        body: { data: { attributes: { note: 'changed by a run' } } },
        expect: 200,
      });
      ctx.assert.equal(updated.body.data.attributes.note, 'changed by a run', 'note');
    },
  },
  {
    name: 'the new key acts for the same organization',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const value = ctx.state.apiKeyValue;
      if (typeof value !== 'string') return ctx.skip('the create answered no secret value');
      const listed = await listWith(ctx, value, 200);
      ctx.assert.includes(ids(listed.body), String(ctx.state.apiKey), 'keys seen by the new key');
    },
  },
  {
    name: 'expire the key; it is refused from then on',
    async run(ctx) {
      const id = String(ctx.state.apiKey);
      const expired = await ctx.api.call('expireApiKey', {
        params: key(id),
        body: { meta: { 'expires-in-seconds': 0 } },
        expect: 200,
      });
      ctx.assert.ok(expired.body.data.attributes['expires-at'] !== null, 'expires-at is set');
      const value = ctx.state.apiKeyValue;
      if (typeof value === 'string' && ctx.mode === 'stateful') await listWith(ctx, value, 401);
    },
  },
  {
    name: 'an unknown key cannot be expired',
    stateful: RULES_NEEDED,
    async run(ctx) {
      await ctx.api.call('expireApiKey', {
        params: key(unknownId('api')),
        body: { meta: { 'expires-in-seconds': 0 } },
        expect: 404,
      });
    },
  },
]);
