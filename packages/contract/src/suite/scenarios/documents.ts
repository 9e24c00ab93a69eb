// Documents: a generic document and a government ID, each started in an
// inquiry, given files, submitted once and read back, whatever their kind.
import { scenario } from './scenario.js';
import { newInquiry, notFoundStep, RULES_NEEDED } from './support.js';

/** A 1×1 PNG: content of the right kind, not a real ID. */
const PNG = {
  filename: 'contract.png',
  data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
};
const doc = (id: unknown) => ({ 'document-id': String(id) });

export const documents = scenario('documents', { tags: ['documents', 'inquiries'] }, [
  {
    name: 'start a generic document in an inquiry, add a file and submit it',
    async run(ctx) {
      const inquiry = await newInquiry(ctx);
      const created = await ctx.api.call('createGenericDocument', {
        body: { data: { attributes: { kind: 'proof_of_address', 'inquiry-id': inquiry } } },
        expect: 201,
      });
      const id = created.body.data.id;
      ctx.state.generic = id;
      ctx.assert.equal(created.body.data.attributes.status, 'initiated', 'a new document');
      const updated = await ctx.api.call('updateGenericDocument', {
        params: doc(id),
        body: { data: { attributes: { files: [PNG] } } },
        expect: 200,
      });
      ctx.assert.equal(updated.body.data.attributes.files?.length, 1, 'files after the update');
      const submitted = await ctx.api.call('submitGenericDocument', {
        params: doc(id),
        expect: 200,
      });
      ctx.assert.ok(
        submitted.body.data.attributes.status !== 'initiated',
        'a submitted document is no longer initiated',
      );
      const got = await ctx.api.call('retrieveGenericDocument', { params: doc(id), expect: 200 });
      ctx.assert.equal(got.body.data.id, id, 'document id');
    },
  },
  {
    name: 'a submitted document cannot be submitted again',
    stateful: RULES_NEEDED,
    async run(ctx) {
      await ctx.api.call('submitGenericDocument', {
        params: doc(ctx.state.generic),
        expect: 409,
      });
    },
  },
  {
    name: 'start a government ID document, add its front and submit it',
    async run(ctx) {
      const inquiry = await newInquiry(ctx);
      const created = await ctx.api.call('createGovernmentIdDocument', {
        body: {
          data: {
            attributes: {
              'inquiry-id': inquiry,
              'country-code': 'US',
              'selected-id-class': 'dl',
            },
          },
        },
        expect: 201,
      });
      const id = created.body.data.id;
      ctx.state.governmentId = id;
      await ctx.api.call('updateGovernmentIdDocument', {
        params: doc(id),
        body: { data: { attributes: { 'front-photo': { data: [PNG] } } } },
        expect: 200,
      });
      await ctx.api.call('submitGovernmentIdDocument', { params: doc(id), expect: 200 });
      const got = await ctx.api.call('retrieveGovernmentIdDocument', {
        params: doc(id),
        expect: 200,
      });
      ctx.assert.equal(got.body.data.type, 'document/government-id', 'document type');
    },
  },
  {
    name: 'retrieve either document as a document of any kind',
    async run(ctx) {
      for (const [id, type] of [
        [ctx.state.generic, 'document/generic'],
        [ctx.state.governmentId, 'document/government-id'],
      ] as const) {
        const got = await ctx.api.call('retrieveDocument', { params: doc(id), expect: 200 });
        ctx.assert.equal(got.body.data.type, type, `type of ${String(id)}`);
      }
    },
  },
  notFoundStep('a document', 'retrieveDocument', 'document-id', 'doc'),
]);
