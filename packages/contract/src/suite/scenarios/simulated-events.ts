// What follows a sandbox drive of an inquiry: the events recorded for the
// inquiry and its verification, on any server; and, on persona-kit's mock
// only, a signed delivery of them to a receiver this run starts on 127.0.0.1
// (Persona cannot reach a local address).
import { formatViolation } from '../../format.js';
import { createWebhookReceiver } from '../../receiver.js';
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import { drivenInquiry, ref } from './support.js';

const LOCAL_DELIVERY =
  'a receiver on 127.0.0.1 is reachable from persona-kit mock only, not from Persona';

/** Creates an inquiry for `label` and drives it through a passed government ID verification. */
async function passedInquiry(ctx: StepContext, label: string) {
  const { id, driven } = await drivenInquiry(ctx, { 'reference-id': ref(ctx, label) });
  const verifications: { id: string }[] = driven.body.data.relationships?.verifications?.data ?? [];
  return { id, verification: verifications[0]?.id };
}

async function eventNames(ctx: StepContext, objectId: string): Promise<string[]> {
  const listed = await ctx.api.call('listEvents', {
    query: { 'filter[object-id]': objectId },
    expect: 200,
  });
  return (listed.body.data ?? []).map((e: { attributes: { name: string } }) => e.attributes.name);
}

export const simulatedEvents = scenario(
  'events after a simulated inquiry, and their webhook delivery',
  { tags: ['events', 'webhooks', 'verifications'], independent: true },
  [
    {
      name: 'a simulated inquiry records its completion and its passed verification',
      stateful: 'events follow from the simulated inquiry, which a stateless server does not keep',
      async run(ctx) {
        const inquiry = await passedInquiry(ctx, 'simulated-events');
        ctx.assert.ok(inquiry.verification, 'the inquiry relates its verification');
        await ctx.eventually(async () => {
          const names = await eventNames(ctx, inquiry.id);
          ctx.assert.includes(names, 'inquiry.completed', 'events of the inquiry');
          if (inquiry.verification) {
            const ofVerification = await eventNames(ctx, inquiry.verification);
            ctx.assert.includes(
              ofVerification,
              'verification.passed',
              'events of the verification',
            );
          }
        });
      },
    },
    {
      name: 'a webhook delivers them signed, in the shape the spec describes',
      stateful: 'a delivery follows from recorded events, which a stateless server does not keep',
      async run(ctx) {
        if (!ctx.fixtures.personaKitMock) ctx.skip(`needs personaKitMock: ${LOCAL_DELIVERY}`);
        const created = await ctx.api.call('createWebhook', {
          body: {
            data: {
              attributes: {
                url: 'http://127.0.0.1:9/persona-kit-contract',
                'enabled-events': ['inquiry.completed', 'verification.passed'],
              },
            },
          },
          expect: 201,
        });
        const webhook = { 'webhook-id': created.body.data.id as string };
        const receiver = await createWebhookReceiver({
          secrets: created.body.data.attributes.secret,
        });
        try {
          await ctx.api.call('updateWebhook', {
            params: webhook,
            body: { data: { attributes: { url: receiver.url } } },
            expect: 200,
          });
          await ctx.api.call('enableWebhook', { params: webhook, expect: 200 });
          const inquiry = await passedInquiry(ctx, 'delivered-events');
          await ctx.mockAdmin('POST', 'webhook-deliveries/flush');
          const aboutInquiry = (d: { body: unknown }) =>
            JSON.stringify(d.body).includes(`"id":"${inquiry.id}"`);
          const completed = await receiver.waitFor(
            (d) => d.name === 'inquiry.completed' && aboutInquiry(d),
            5_000,
          );
          ctx.assert.equal(completed.signature, 'valid', 'signature of the delivery');
          await receiver.waitFor((d) => d.name === 'verification.passed' && aboutInquiry(d), 5_000);
          const violations = receiver.violations;
          if (violations.length > 0) {
            throw new Error(
              `deliveries break the spec:\n${violations.map(formatViolation).join('\n')}`,
            );
          }
        } finally {
          await receiver.close();
          await ctx.api.call('archiveWebhook', { params: webhook, expect: 200 });
        }
      },
    },
  ],
);
