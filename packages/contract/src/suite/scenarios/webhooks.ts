// Webhooks: registered, read, changed, enabled only for a moment, rotated and
// archived. The address is example.com and the webhook is never enabled while
// this run makes events, so nothing is delivered, whatever the server.
import { scenario } from './scenario.js';
import { listedIds, RULES_NEEDED } from './support.js';

const hook = (id: string) => ({ 'webhook-id': id });

export const webhooks = scenario('webhooks', { tags: ['webhooks'] }, [
  {
    name: 'create a webhook, then retrieve and list it',
    async run(ctx) {
      const created = await ctx.api.call('createWebhook', {
        body: {
          data: {
            attributes: {
              url: `https://example.com/persona-kit-contract/${ctx.runId}`,
              'enabled-events': ['account.redacted'],
            },
          },
        },
        expect: 201,
      });
      const id = created.body.data.id;
      ctx.state.webhook = id;
      ctx.assert.equal(
        created.body.data.attributes.status,
        'disabled',
        'a new webhook is disabled',
      );
      const got = await ctx.api.call('retrieveWebhook', { params: hook(id), expect: 200 });
      ctx.assert.equal(got.body.data.id, id, 'webhook id');
      const webhooks = await listedIds(ctx, 'listWebhooks', { 'page[size]': 100 });
      ctx.assert.includes(webhooks, id, 'listed webhooks');
    },
  },
  {
    name: 'update the webhook and rotate its secret',
    async run(ctx) {
      const id = String(ctx.state.webhook);
      const updated = await ctx.api.call('updateWebhook', {
        params: hook(id),
        body: { data: { attributes: { 'api-key-inflection': 'camel' } } },
        expect: 200,
      });
      ctx.assert.equal(updated.body.data.attributes['api-key-inflection'], 'camel', 'inflection');
      const before = await ctx.api.call('retrieveWebhook', { params: hook(id), expect: 200 });
      const rotated = await ctx.api.call('rotateWebhookSecret', {
        params: hook(id),
        body: { meta: { 'expires-in-seconds': 0 } },
        expect: 200,
      });
      ctx.assert.ok(
        rotated.body.data.attributes.secret !== before.body.data.attributes.secret,
        'a rotation makes a new secret',
      );
    },
  },
  {
    name: 'enable and at once disable the webhook',
    async run(ctx) {
      const id = String(ctx.state.webhook);
      const enabled = await ctx.api.call('enableWebhook', { params: hook(id), expect: 200 });
      ctx.assert.equal(enabled.body.data.attributes.status, 'enabled', 'status');
      const disabled = await ctx.api.call('disableWebhook', { params: hook(id), expect: 200 });
      ctx.assert.equal(disabled.body.data.attributes.status, 'disabled', 'status');
    },
  },
  {
    name: 'archive the webhook; an archived webhook cannot be enabled',
    stateful: RULES_NEEDED,
    async run(ctx) {
      const id = String(ctx.state.webhook);
      const archived = await ctx.api.call('archiveWebhook', { params: hook(id), expect: 200 });
      ctx.assert.equal(archived.body.data.attributes.status, 'archived', 'status');
      await ctx.api.call('enableWebhook', { params: hook(id), expect: 409 });
    },
  },
]);
