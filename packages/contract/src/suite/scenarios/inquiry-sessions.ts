// One-time links and the inquiry sessions behind them: a link opens a new
// session of the inquiry, which can be listed, retrieved and ended.
import { scenario } from './scenario.js';
import { IDS_NEEDED, listedIds, newInquiry, STATE_NEEDED, unknownId } from './support.js';

export const inquirySessions = scenario(
  'one-time links and inquiry sessions',
  { tags: ['inquiries', 'inquiry-sessions'] },
  [
    {
      name: 'generate a one-time link for a new inquiry',
      async run(ctx) {
        ctx.state.inquiry = await newInquiry(ctx);
        const linked = await ctx.api.call('generateInquiryOneTimeLink', {
          params: { 'inquiry-id': ctx.state.inquiry },
          body: { meta: { 'expires-in-seconds': 3600 } },
          expect: 200,
        });
        ctx.assert.equal(linked.body.data.id, ctx.state.inquiry, 'the inquiry answered');
        ctx.assert.ok(
          /^https?:\/\//.test(String(linked.body.meta?.['one-time-link'])),
          'an absolute link',
        );
      },
    },
    {
      name: "list the inquiry's sessions",
      async run(ctx) {
        const found = await listedIds(ctx, 'listInquirySessions', {
          'filter[inquiry-id]': ctx.state.inquiry,
        });
        ctx.assert.equal(found.length, 1, 'sessions of the inquiry');
        ctx.state.session = found[0] ?? null;
      },
    },
    {
      name: 'retrieve the session, then expire it',
      async run(ctx) {
        if (!ctx.state.session) ctx.skip('the list answered no session');
        const params = { 'inquiry-session-id': ctx.state.session };
        const got = await ctx.api.call('retrieveInquirySession', { params, expect: 200 });
        ctx.assert.equal(got.body.data.attributes.status, 'new', 'status before it is opened');
        ctx.assert.equal(
          got.body.data.relationships?.inquiry?.data?.id,
          ctx.state.inquiry,
          'the inquiry it belongs to',
        );
        const expired = await ctx.api.call('expireInquirySession', { params, expect: 200 });
        ctx.assert.equal(expired.body.data.attributes.status, 'expired', 'status after expiry');
      },
    },
    {
      name: 'an expired session stays expired when listed',
      stateful: STATE_NEEDED,
      async run(ctx) {
        const listed = await ctx.api.call('listInquirySessions', {
          query: { 'filter[inquiry-id]': ctx.state.inquiry },
          expect: 200,
        });
        ctx.assert.equal(listed.body.data?.[0]?.attributes?.status, 'expired', 'listed status');
      },
    },
    {
      name: 'create a session, give it a one-time link, then expire every session of the inquiry',
      async run(ctx) {
        const inquiry = await newInquiry(ctx);
        const created = await ctx.api.call('createInquirySession', {
          body: { data: { attributes: { 'inquiry-id': inquiry } } },
          expect: 201,
        });
        const session = created.body.data.id as string;
        ctx.assert.equal(created.body.data.attributes.status, 'new', 'a new session');
        const linked = await ctx.api.call('generateInquirySessionOneTimeLink', {
          params: { 'inquiry-session-id': session },
          expect: 200,
        });
        ctx.assert.equal(linked.body.data.id, session, 'the session answered');
        ctx.assert.ok(
          /^https?:\/\//.test(String(linked.body.meta?.['one-time-link'])),
          'an absolute link',
        );
        const ended = await ctx.api.call('expireAllInquirySessions', {
          body: { meta: { 'inquiry-ids': [inquiry] } },
          expect: 200,
        });
        ctx.assert.equal(
          (ended.body.data ?? []).map((s: { id: string }) => s.id),
          [session],
          'the sessions ended',
        );
        ctx.state.expiredSession = session;
      },
    },
    {
      name: 'an expired session takes no link',
      stateful: STATE_NEEDED,
      async run(ctx) {
        await ctx.api.call('generateInquirySessionOneTimeLink', {
          params: { 'inquiry-session-id': ctx.state.expiredSession as string },
          expect: 409,
        });
      },
    },
    {
      name: 'a session that does not exist is 404',
      stateful: IDS_NEEDED,
      async run(ctx) {
        await ctx.api.call('retrieveInquirySession', {
          params: { 'inquiry-session-id': unknownId('iqse') },
          expect: 404,
        });
      },
    },
  ],
);
