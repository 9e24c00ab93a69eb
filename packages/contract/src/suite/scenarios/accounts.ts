// An account's whole life: create and find-or-create, read, list, search,
// update, tags, account actions, relations, consolidation and redaction.
import type { Scenario } from '../types.js';
import {
  fieldValue,
  IDS_NEEDED,
  ids,
  MOCK_STATE_ONLY,
  mockState,
  RULES_NEEDED,
  ref,
  STATE_NEEDED,
  unknownId,
} from './support.js';

const account = (id: string) => ({ 'account-id': id });

export const accountLifecycle: Scenario = {
  name: 'account lifecycle',
  tags: ['accounts'],
  steps: [
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
        ctx.assert.equal(
          fieldValue(data.attributes, 'birthdate'),
          '1990-12-10',
          'fields.birthdate',
        );
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
        const got = await ctx.api.call('retrieveAccount', {
          params: account(ctx.state.a),
          query: { include: 'account-type' },
          expect: 200,
        });
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
        const got = await ctx.api.call('retrieveAccount', {
          params: account(ctx.state.a),
          query: { 'fields[account]': 'reference-id,tags' },
          expect: 200,
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
        const got = await ctx.api.call('retrieveAccount', {
          params: account(ctx.state.a),
          headers: { 'Key-Inflection': 'camel' },
          expect: 200,
        });
        ctx.assert.equal(got.body.data.attributes.referenceId, ctx.state.referenceA, 'referenceId');
      },
    },
    {
      name: 'list accounts filtered by reference id',
      async run(ctx) {
        const listed = await ctx.api.call('listAccounts', {
          query: { 'filter[reference-id]': ctx.state.referenceA },
          expect: 200,
        });
        ctx.assert.equal(ids(listed.body), [ctx.state.a], 'accounts with the reference id');
      },
    },
    {
      name: 'list accounts two a page',
      async run(ctx) {
        const first = await ctx.api.call('listAccounts', {
          query: { 'page[size]': 2 },
          expect: 200,
        });
        ctx.state.firstPage = ids(first.body);
        ctx.state.next = first.body.links?.next;
        ctx.assert.equal(ctx.state.firstPage.length, 2, 'accounts on the first page');
        ctx.assert.ok(typeof ctx.state.next === 'string', 'links.next of the first page');
      },
    },
    {
      name: 'follow the page links forth and back',
      stateful: STATE_NEEDED,
      async run(ctx) {
        const second = await ctx.api.call('listAccounts', { url: ctx.state.next, expect: 200 });
        const page = ids(second.body);
        ctx.assert.ok(page.length > 0, 'the second page has accounts');
        for (const id of page) ctx.assert.excludes(ctx.state.firstPage, id, 'pages overlap');
        ctx.assert.ok(typeof second.body.links.prev === 'string', 'links.prev of the second page');
        const back = await ctx.api.call('listAccounts', {
          url: second.body.links.prev,
          expect: 200,
        });
        ctx.assert.equal(ids(back.body), ctx.state.firstPage, 'the page before the second');
      },
    },
    {
      name: 'search accounts by reference id',
      async run(ctx) {
        await ctx.eventually(async () => {
          const found = await ctx.api.call('searchAccounts', {
            body: {
              query: { attribute: 'reference_id', operator: 'eq', value: ctx.state.referenceA },
              page: { size: 10 },
            },
            expect: 200,
          });
          ctx.assert.equal(ids(found.body), [ctx.state.a], 'accounts found');
        });
      },
    },
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
        ctx.assert.equal(
          fieldValue(attributes, 'address', 'city'),
          'London',
          'fields.address.city',
        );
        ctx.assert.equal(
          fieldValue(attributes, 'name', 'first'),
          'Ada',
          'fields.name.first is kept',
        );
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
    {
      name: 'add, set and remove tags',
      async run(ctx) {
        const params = account(ctx.state.a);
        await ctx.api.call('addAccountTag', {
          params,
          body: { meta: { 'tag-name': 'vip' } },
          expect: 200,
        });
        const twice = await ctx.api.call('addAccountTag', {
          params,
          body: { meta: { 'tag-name': 'vip' } },
          expect: 200,
        });
        const tags: string[] = twice.body.data.attributes.tags;
        ctx.assert.equal(
          tags.filter((t) => t === 'vip').length,
          1,
          'a tag added twice is there once',
        );
        const set = await ctx.api.call('setAccountTags', {
          params,
          body: { meta: { 'tag-name': ['gold', 'beta'] } },
          expect: 200,
        });
        ctx.assert.equal([...set.body.data.attributes.tags].sort(), ['beta', 'gold'], 'tags set');
        const removed = await ctx.api.call('removeAccountTag', {
          params,
          body: { meta: { 'tag-name': 'gold' } },
          expect: 200,
        });
        ctx.assert.equal(removed.body.data.attributes.tags, ['beta'], 'tags after removing gold');
      },
    },
    {
      name: 'run an account action; it runs as a workflow',
      async run(ctx) {
        const action = ctx.need('accountAction');
        const ran = await ctx.api.call('runAccountAction', {
          params: account(ctx.state.a),
          body: {
            data: {
              'account-action-id': action.id,
              parameters: { [action.parameter]: action.value },
            },
          },
          expect: 200,
        });
        ctx.assert.equal(ran.body.data.id, ctx.state.a, 'the account answered');
        const runId = ran.body.meta?.['workflow-run-id'];
        ctx.assert.ok(/^wfr_/.test(runId ?? ''), 'meta.workflow-run-id names a workflow run');
        const run = await ctx.api.call('retrieveWorkflowRun', {
          params: { 'workflow-run-id': runId },
          expect: 200,
        });
        ctx.assert.equal(run.body.data.id, runId, 'the workflow run');
        ctx.state.actionRun = runId;
      },
    },
    {
      name: "the action's status and step trace show on the mock's control plane",
      stateful: `${STATE_NEEDED}; ${MOCK_STATE_ONLY}`,
      async run(ctx) {
        const action = ctx.need('accountAction');
        const state = await mockState(ctx, ctx.state.a);
        if (action.parameter === 'status')
          ctx.assert.equal(state.status, action.value, 'the account status the action set');
        const trace = await mockState(ctx, ctx.state.actionRun);
        ctx.assert.ok(trace.steps.length > 0, 'the run lists its steps');
        ctx.assert.equal(
          trace.steps.filter((s: { status: string }) => s.status !== 'completed').length,
          0,
          'every step of the run completed',
        );
      },
    },
    {
      name: 'run-action with an unknown action (404)',
      stateful: IDS_NEEDED,
      async run(ctx) {
        await ctx.api.call('runAccountAction', {
          params: account(ctx.state.a),
          body: { data: { 'account-action-id': unknownId('accac'), parameters: {} } },
          expect: 404,
        });
      },
    },
    {
      name: "run-action with another account type's action (409)",
      stateful: RULES_NEEDED,
      async run(ctx) {
        const foreign = ctx.need('foreignAccountActionId');
        const action = ctx.fixtures.accountAction;
        await ctx.api.call('runAccountAction', {
          params: account(ctx.state.a),
          body: {
            data: {
              'account-action-id': foreign,
              parameters: action ? { [action.parameter]: action.value } : {},
            },
          },
          expect: 409,
        });
      },
    },
    {
      name: 'run-action without a required parameter (422)',
      stateful: RULES_NEEDED,
      async run(ctx) {
        const action = ctx.need('accountAction');
        await ctx.api.call('runAccountAction', {
          params: account(ctx.state.a),
          body: { data: { 'account-action-id': action.id, parameters: {} } },
          expect: 422,
        });
      },
    },
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
        const got = await ctx.api.call('retrieveAccount', {
          params: account(ctx.state.grace),
          expect: 200,
        });
        ctx.assert.equal(got.body.data.attributes.fields ?? {}, {}, 'fields');
      },
    },
  ],
};

export const accountTypes: Scenario = {
  name: 'account types',
  tags: ['accounts', 'account-types'],
  steps: [
    {
      name: 'list account types',
      async run(ctx) {
        const listed = await ctx.api.call('listAccountTypes', { expect: 200 });
        ctx.state.types = ids(listed.body);
        ctx.assert.ok(ctx.state.types.length > 0, 'an organization has an account type');
        const names = listed.body.data.map(
          (t: { attributes: { name: string } }) => t.attributes.name,
        );
        ctx.assert.includes(names, 'User', 'the default account type');
      },
    },
    {
      name: 'retrieve each account type',
      async run(ctx) {
        for (const id of ctx.state.types as string[]) {
          const got = await ctx.api.call('retrieveAccountType', {
            params: { 'account-type-id': id },
            expect: 200,
          });
          ctx.assert.equal(got.body.data.id, id, 'account type id');
        }
      },
    },
  ],
};
