// Verifications by kind: each kind's own retrieve answers only its kind, a
// verification and its inquiry print as PDF, and redaction erases what a
// verification read.
import { operations } from '@persona-kit/spec';
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import {
  drivenInquiry,
  FILE_NEEDED,
  IDS_NEEDED,
  printsPdf,
  RULES_NEEDED,
  STATE_NEEDED,
  unknownId,
} from './support.js';

/** The retrieve of each kind, by the path segment Persona gives it: `selfies` → its operationId. */
const typedRetrieves = new Map(
  operations
    .filter((o) => o.method === 'GET' && o.path.startsWith('/verification/'))
    .map((o) => [o.path.split('/')[2]!, o.operationId]),
);

const params = (ctx: StepContext) => ({ 'verification-id': ctx.state.verification as string });

export const verificationKinds = scenario(
  'verifications by kind, printed and redacted',
  { tags: ['verifications', 'inquiries'] },
  [
    {
      name: 'an inquiry passes a government ID verification',
      async run(ctx) {
        const { id } = await drivenInquiry(ctx);
        ctx.state.inquiry = id;
        const got = await ctx.api.call('retrieveInquiry', {
          params: { 'inquiry-id': id },
          expect: 200,
        });
        const links = got.body.data.relationships?.verifications?.data ?? [];
        const link = links.find((l: { type: string }) => l.type === 'verification/government-id');
        if (!link) ctx.skip('the inquiry lists no government ID verification');
        ctx.state.verification = link.id;
      },
    },
    {
      name: 'the government ID retrieve answers it',
      async run(ctx) {
        const got = await ctx.api.call('retrieveGovernmentIdVerification', {
          params: params(ctx),
          expect: 200,
        });
        ctx.assert.equal(got.body.data.type, 'verification/government-id', 'its kind');
      },
    },
    {
      name: "another kind's retrieve does not find it",
      stateful: RULES_NEEDED,
      async run(ctx) {
        for (const kind of ['selfies', 'databases']) {
          await ctx.api.call(typedRetrieves.get(kind)!, { params: params(ctx), expect: 404 });
        }
      },
    },
    {
      name: "every kind's retrieve answers 404 for an id that names nothing",
      stateful: IDS_NEEDED,
      async run(ctx) {
        for (const operationId of typedRetrieves.values()) {
          await ctx.api.call(operationId, {
            params: { 'verification-id': unknownId('ver') },
            expect: 404,
          });
        }
      },
    },
    {
      name: 'the verification and its inquiry print as PDF',
      stateful: FILE_NEEDED,
      async run(ctx) {
        await printsPdf(ctx, 'printVerification', params(ctx));
        await printsPdf(ctx, 'printInquiry', { 'inquiry-id': ctx.state.inquiry as string });
      },
    },
    {
      name: 'redacting the verification erases what it read',
      async run(ctx) {
        const redacted = await ctx.api.call('redactVerification', {
          params: params(ctx),
          expect: 200,
        });
        ctx.assert.equal(redacted.body.data.id, ctx.state.verification, 'the verification');
      },
    },
    {
      name: 'the redacted verification keeps no personal data',
      stateful: STATE_NEEDED,
      async run(ctx) {
        const got = await ctx.api.call('retrieveVerification', {
          params: params(ctx),
          expect: 200,
        });
        const attributes = got.body.data.attributes;
        ctx.assert.equal(attributes['name-first'] ?? null, null, 'name-first after redaction');
        ctx.assert.equal(attributes['front-photo-url'] ?? null, null, 'photo after redaction');
        ctx.assert.equal(attributes.checks ?? [], [], 'checks after redaction');
      },
    },
  ],
);
