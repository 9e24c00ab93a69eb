// An account created (or found by its reference id), read back whole, with
// a sparse fieldset or camelCase keys, updated, and redacted.
import type { CallOptions } from '../api.js';
import type { Step, StepContext } from '../types.js';
import { account, fieldValue, ref, STATE_NEEDED } from './support.js';

/** Retrieves an account, with a query or headers that shape the answer. */
const readAccount = (ctx: StepContext, id: string, options: CallOptions = {}) =>
  ctx.api.call('retrieveAccount', { ...options, params: account(id), expect: 200 });

export const creationSteps: Step[] = [
  {
    name: 'create an account',
    async run(ctx) {
      const reference = ref(ctx, 'ada');
      const created = await ctx.api.call('createAccount', {
        body: {
          data: {
            attributes: {
              'reference-id': reference,
              'name-first': 'Ada',
              'name-last': 'Lovelace',
              birthdate: '1990-12-10',
              'email-address': 'ada@example.com',
              tags: ['contract'],
            },
          },
        },
        expect: 201,
      });
      const data = created.body.data;
      ctx.state.a = data.id;
      ctx.state.referenceA = reference;
      ctx.assert.equal(data.attributes['reference-id'], reference, 'reference-id');
      // Persona answers personal data in the account's typed fields.
      ctx.assert.equal(fieldValue(data.attributes, 'name', 'first'), 'Ada', 'fields.name.first');
      ctx.assert.equal(fieldValue(data.attributes, 'birthdate'), '1990-12-10', 'fields.birthdate');
      ctx.assert.equal(
        fieldValue(data.attributes, 'email_address'),
        'ada@example.com',
        'fields.email_address',
      );
      ctx.assert.includes(data.attributes.tags, 'contract', 'tags');
      if (ctx.fixtures.accountTypeId) {
        ctx.assert.equal(
          data.relationships?.['account-type']?.data?.id,
          ctx.fixtures.accountTypeId,
          'a new account gets the default account type',
        );
      }
    },
  },
  {
    name: 'creating with a known reference id answers the same account',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const again = await ctx.api.call('createAccount', {
        body: { data: { attributes: { 'reference-id': ctx.state.referenceA } } },
        expect: 200,
      });
      ctx.assert.equal(again.body.data.id, ctx.state.a, 'the account found');
    },
  },
  {
    name: 'create two more accounts',
    async run(ctx) {
      for (const label of ['grace', 'alan']) {
        const created = await ctx.api.call('createAccount', {
          body: {
            data: { attributes: { 'reference-id': ref(ctx, label), 'name-first': label } },
          },
          expect: 201,
        });
        ctx.state[label] = created.body.data.id;
      }
      ctx.state.referenceGrace = ref(ctx, 'grace');
    },
  },
  {
    name: 'retrieve an account with its account type included',
    async run(ctx) {
      const got = await readAccount(ctx, ctx.state.a, { query: { include: 'account-type' } });
      ctx.assert.equal(got.body.data.id, ctx.state.a, 'id');
      ctx.assert.includes(
        (got.body.included ?? []).map((o: { type: string }) => o.type),
        'account-type',
        'included types',
      );
    },
  },
  {
    name: 'retrieve an account with a sparse fieldset',
    async run(ctx) {
      const got = await readAccount(ctx, ctx.state.a, {
        query: { 'fields[account]': 'reference-id,tags' },
      });
      ctx.assert.equal(
        Object.keys(got.body.data.attributes).sort(),
        ['reference-id', 'tags'],
        'attributes of a sparse fieldset',
      );
    },
  },
  {
    name: 'retrieve an account with camelCase keys',
    stateful: 'a schema-driven server does not re-case keys for Key-Inflection',
    async run(ctx) {
      const got = await readAccount(ctx, ctx.state.a, { headers: { 'Key-Inflection': 'camel' } });
      ctx.assert.equal(got.body.data.attributes.referenceId, ctx.state.referenceA, 'referenceId');
    },
  },
];

export const updateSteps: Step[] = [
  {
    name: 'update an account',
    async run(ctx) {
      const updated = await ctx.api.call('updateAccount', {
        params: account(ctx.state.a),
        body: { data: { attributes: { 'name-last': 'Byron', 'address-city': 'London' } } },
        expect: 200,
      });
      const attributes = updated.body.data.attributes;
      ctx.assert.equal(fieldValue(attributes, 'name', 'last'), 'Byron', 'fields.name.last');
      ctx.assert.equal(fieldValue(attributes, 'address', 'city'), 'London', 'fields.address.city');
      ctx.assert.equal(fieldValue(attributes, 'name', 'first'), 'Ada', 'fields.name.first is kept');
    },
  },
  {
    name: 'update refuses a reference id another account of the type has (409)',
    stateful: STATE_NEEDED,
    async run(ctx) {
      await ctx.api.call('updateAccount', {
        params: account(ctx.state.a),
        body: { data: { attributes: { 'reference-id': ctx.state.referenceGrace } } },
        expect: 409,
      });
    },
  },
  {
    name: 'update refuses a birthdate that is not a date (422)',
    async run(ctx) {
      await ctx.api.call('updateAccount', {
        params: account(ctx.state.a),
        body: { data: { attributes: { birthdate: 'yesterday' } } },
        expect: 422,
      });
    },
  },
];

export const redactionSteps: Step[] = [
  {
    name: 'redact an account',
    async run(ctx) {
      const redacted = await ctx.api.call('redactAccount', {
        params: account(ctx.state.grace),
        expect: 200,
      });
      const attributes = redacted.body.data.attributes;
      ctx.assert.equal(attributes.fields ?? {}, {}, 'fields after redaction');
      ctx.assert.ok(attributes['redacted-at'], 'redacted-at is set');
    },
  },
  {
    name: 'a redacted account keeps no personal data',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const got = await readAccount(ctx, ctx.state.grace);
      ctx.assert.equal(got.body.data.attributes.fields ?? {}, {}, 'fields');
    },
  },
];
