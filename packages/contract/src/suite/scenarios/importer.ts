// The account importer: a multipart CSV upload, in create and upsert modes.
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import {
  accountsWithReference,
  fieldValue,
  ids,
  listedIds,
  MOCK_STATE_ONLY,
  mockState,
  RULES_NEEDED,
  ref,
  STATE_NEEDED,
} from './support.js';

function upload(ctx: StepContext, csv: string, mode: string, expect: number) {
  const form = new FormData();
  form.append('data[attributes][file]', new Blob([csv], { type: 'text/csv' }), 'accounts.csv');
  form.append('data[attributes][mode]', mode);
  return ctx.api.call('importAccounts', { form, expect });
}

function csvOf(ctx: StepContext, lastName: string): string {
  return [
    'reference_id,name_first,name_last,birthdate,tags',
    `${ref(ctx, 'import-1')},Maren,${lastName},1988-03-14,vip`,
    `${ref(ctx, 'import-2')},Tobias,${lastName},1992-11-02,`,
    '',
  ].join('\n');
}

export const importer = scenario('account importer', { tags: ['importer'] }, [
  {
    name: 'import accounts from a CSV file',
    async run(ctx) {
      const imported = await upload(ctx, csvOf(ctx, 'Okafor'), 'create', 201);
      ctx.state.importer = imported.body.data.id;
      ctx.assert.ok(/^mprt_/.test(ctx.state.importer ?? ''), 'an importer');
    },
  },
  {
    name: 'list and retrieve importers',
    async run(ctx) {
      const importers = await listedIds(ctx, 'listImporters');
      ctx.assert.includes(importers, ctx.state.importer, 'importers');
      const got = await ctx.api.call('retrieveImporter', {
        params: { 'importer-id': ctx.state.importer },
        expect: 200,
      });
      ctx.assert.equal(got.body.data.id, ctx.state.importer, 'id');
    },
  },
  {
    name: 'the imported accounts exist once the import is done',
    stateful: STATE_NEEDED,
    async run(ctx) {
      await ctx.eventually(async () => {
        const got = await ctx.api.call('retrieveImporter', {
          params: { 'importer-id': ctx.state.importer },
          expect: 200,
        });
        const attributes = got.body.data.attributes;
        ctx.assert.ok(attributes['completed-at'], 'the import completed');
        ctx.assert.equal(attributes['successful-count'], 2, 'rows imported');
      });
      for (const label of ['import-1', 'import-2']) {
        const accounts = await accountsWithReference(ctx, ref(ctx, label));
        ctx.assert.equal(accounts.length, 1, `accounts with reference id ${ref(ctx, label)}`);
      }
    },
  },
  {
    name: 'upsert updates the accounts that exist',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const again = await upload(ctx, csvOf(ctx, 'Lindqvist'), 'upsert', 201);
      await ctx.eventually(async () => {
        const got = await ctx.api.call('retrieveImporter', {
          params: { 'importer-id': again.body.data.id },
          expect: 200,
        });
        ctx.assert.equal(got.body.data.attributes['successful-count'], 2, 'rows applied');
      });
      const accounts = await ctx.api.call('listAccounts', {
        query: { 'filter[reference-id]': ref(ctx, 'import-1') },
        expect: 200,
      });
      ctx.assert.equal(ids(accounts.body).length, 1, 'still one account for the reference id');
      ctx.assert.equal(
        fieldValue(accounts.body.data[0]?.attributes, 'name', 'last'),
        'Lindqvist',
        'fields.name.last',
      );
      ctx.state.upsert = again.body.data.id;
    },
  },
  {
    name: "each import's rows show on the mock's control plane",
    stateful: `${STATE_NEEDED}; ${MOCK_STATE_ONLY}`,
    async run(ctx) {
      const created = await mockState(ctx, ctx.state.importer);
      ctx.assert.equal(
        [created.mode, created.createdCount, created.updatedCount, created.rowErrors],
        ['create', 2, 0, []],
        'the create import: mode, created, updated, row errors',
      );
      const upserted = await mockState(ctx, ctx.state.upsert);
      ctx.assert.equal(
        [upserted.mode, upserted.createdCount, upserted.updatedCount, upserted.rowErrors],
        ['upsert', 0, 2, []],
        'the upsert import: mode, created, updated, row errors',
      );
    },
  },
  {
    name: 'a CSV file without a reference_id column is refused (422)',
    stateful: RULES_NEEDED,
    async run(ctx) {
      await upload(ctx, 'name_first,name_last\nMaren,Okafor\n', 'create', 422);
    },
  },
]);
