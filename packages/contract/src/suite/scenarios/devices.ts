// Devices: the browsers and phones that opened an inquiry session. A session
// made through the API has been opened by none yet.
import { scenario } from './scenario.js';
import { listedIds, newInquiry, notFoundStep, RULES_NEEDED } from './support.js';

export const devices = scenario('devices', { tags: ['devices', 'inquiry-sessions'] }, [
  {
    name: 'list the devices of a session no one opened yet',
    async run(ctx) {
      const inquiry = await newInquiry(ctx);
      await ctx.api.call('generateInquiryOneTimeLink', {
        params: { 'inquiry-id': inquiry },
        expect: 200,
      });
      const [session] = await listedIds(ctx, 'listInquirySessions', {
        'filter[inquiry-id]': inquiry,
      });
      if (!session) ctx.skip('the list answered no session');
      ctx.state.session = session;
      await ctx.api.call('listDevices', {
        query: { 'filter[inquiry-session-id]': session },
        expect: 200,
      });
    },
  },
  {
    name: 'a session not yet opened has no device',
    stateful: RULES_NEEDED,
    async run(ctx) {
      const found = await listedIds(ctx, 'listDevices', {
        'filter[inquiry-session-id]': String(ctx.state.session),
      });
      ctx.assert.equal(found, [], 'devices of the session');
    },
  },
  notFoundStep('a device', 'retrieveDevice', 'device-id', 'dev'),
]);
