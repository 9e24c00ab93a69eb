// Events: what happened to an object, listed and retrieved.
import { scenario } from './scenario.js';
import { ids, ref } from './support.js';

export const events = scenario('events', { tags: ['events'] }, [
  {
    name: "list an object's events",
    async run(ctx) {
      const created = await ctx.api.call('createAccount', {
        body: { data: { attributes: { 'reference-id': ref(ctx, 'evented') } } },
        expect: 201,
      });
      const id = created.body.data.id;
      await ctx.eventually(async () => {
        const listed = await ctx.api.call('listEvents', {
          query: { 'filter[object-id]': id },
          expect: 200,
        });
        const names = (listed.body.data ?? []).map(
          (e: { attributes: { name: string } }) => e.attributes.name,
        );
        ctx.assert.includes(names, 'account.created', 'events of the account');
        ctx.state.event = ids(listed.body)[0];
      });
    },
  },
  {
    name: 'list recent events and retrieve one',
    async run(ctx) {
      const listed = await ctx.api.call('listEvents', {
        query: { 'page[size]': 5 },
        expect: 200,
      });
      const event = 'event' in ctx.state ? ctx.state.event : ids(listed.body)[0];
      if (!event) ctx.skip('the organization has no events yet');
      const got = await ctx.api.call('retrieveEvent', {
        params: { 'event-id': event },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, event, 'id');
    },
  },
]);
