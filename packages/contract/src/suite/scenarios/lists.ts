// Lists and list items of every kind: lists made through the API (and those
// only Persona's dashboard makes, given as fixtures), an item of each kind
// added, read and archived, CSV imports into each kind that takes them, and
// the lists archived at the end.
import type { DashboardLists } from '../fixtures.js';
import type { StepContext } from '../types.js';
import { scenario } from './scenario.js';
import { listedIds, MOCK_STATE_ONLY, mockState, RULES_NEEDED, STATE_NEEDED } from './support.js';

interface Kind {
  /** Path segment: `/list/names`, `/list-item/names`, `/importer/list-item/names`. */
  plural: string;
  /** The kind in operationIds: `createNameList`, `retrieveNameListItem`. */
  name: string;
  /** A valid item's attributes, unique to the run where the kind allows it. */
  item: (run: string) => Record<string, unknown>;
  /** A CSV file of two new items, for the kinds Persona imports. */
  csv?: (run: string) => string;
  /** Whether Persona's API creates lists of this kind (else its dashboard does). */
  creatable: boolean;
}

/** A run's id as digits, for values that must be numbers (coordinates, phone numbers). */
const digits = (run: string, length: number) =>
  [...run]
    .map((c) => c.charCodeAt(0) % 10)
    .join('')
    .padEnd(length, '7')
    .slice(0, length);

const kinds: Kind[] = [
  {
    plural: 'browser-fingerprints',
    name: 'BrowserFingerprint',
    item: (run) => ({ value: `contract-bf-${run}` }),
    creatable: true,
  },
  { plural: 'countries', name: 'Country', item: () => ({ 'country-code': 'NZ' }), creatable: true },
  {
    plural: 'device-fingerprints',
    name: 'DeviceFingerprint',
    item: (run) => ({ value: `contract-df-${run}` }),
    creatable: false,
  },
  {
    plural: 'email-addresses',
    name: 'EmailAddress',
    item: (run) => ({ value: `contract-${run}@example.com`, 'match-type': 'email_address' }),
    csv: (run) => `value,match_type\ncsv-1-${run}@example.com,email_address\nexample.org,domain\n`,
    creatable: true,
  },
  {
    plural: 'fields',
    name: 'Field',
    item: (run) => ({ 'field-value': `contract-${run}` }),
    creatable: false,
  },
  {
    plural: 'geolocations',
    name: 'Geolocation',
    item: () => ({ latitude: -41.2865, longitude: 174.7762, 'radius-meters': 100 }),
    csv: () => 'latitude,longitude,radius_meters\n-36.8485,174.7633,250\n-43.5321,172.6362,50\n',
    creatable: true,
  },
  {
    plural: 'government-id-numbers',
    name: 'GovernmentIdNumber',
    item: (run) => ({ 'id-number': `C${digits(run, 8)}`, 'id-class': 'pp' }),
    csv: (run) => `id_number,id_class\nD${digits(run, 8)},dl\nE${digits(run, 8)},pp\n`,
    creatable: true,
  },
  {
    plural: 'ip-addresses',
    name: 'IpAddress',
    item: () => ({ value: '203.0.113.0/24' }),
    csv: () => 'value\n198.51.100.7\n2001:db8::/48\n',
    creatable: true,
  },
  {
    plural: 'names',
    name: 'Name',
    item: (run) => ({ 'name-first': 'Contract', 'name-last': `Run${run}` }),
    csv: (run) => `name_first,name_last\nCasimir,Vell${run}\nMaren,Okafor${run}\n`,
    creatable: true,
  },
  {
    plural: 'phone-numbers',
    name: 'PhoneNumber',
    item: (run) => ({ value: `+64955${digits(run, 5)}` }),
    csv: (run) => `value\n+64966${digits(run, 5)}\n+64977${digits(run, 5)}\n`,
    creatable: true,
  },
  {
    plural: 'strings',
    name: 'String',
    item: (run) => ({ value: `contract-${run}` }),
    creatable: false,
  },
];

const lists = () => kinds.filter((k) => k.creatable);
const dashboardKinds = () => kinds.filter((k) => !k.creatable);
const listOf = (ctx: StepContext, kind: Kind) => String(ctx.state[`list:${kind.plural}`]);
const itemOf = (ctx: StepContext, kind: Kind) => String(ctx.state[`item:${kind.plural}`]);

/** Adds one item to the kind's list, reads it back, and keeps its id for the later steps. */
async function addItem(ctx: StepContext, kind: Kind, listId: string): Promise<void> {
  const created = await ctx.api.call(`create${kind.name}ListItem`, {
    body: { data: { attributes: { 'list-id': listId, ...kind.item(ctx.runId) } } },
    expect: 201,
  });
  const id = created.body.data.id;
  ctx.state[`item:${kind.plural}`] = id;
  ctx.assert.equal(created.body.data.type, `list-item/${kebab(kind.name)}`, 'item type');
  const got = await ctx.api.call(`retrieve${kind.name}ListItem`, {
    params: { 'list-item-id': id },
    expect: 200,
  });
  ctx.assert.equal(got.body.data.id, id, `${kind.plural} item id`);
}

/** `GovernmentIdNumber` → `government-id-number`. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);
}

function upload(ctx: StepContext, kind: Kind, listId: string, csv: string, expect: number) {
  const form = new FormData();
  form.append('data[attributes][list-id]', listId);
  form.append(
    'data[attributes][file]',
    new Blob([csv], { type: 'text/csv' }),
    `${kind.plural}.csv`,
  );
  return ctx.api.call(`import${kind.name}ListItems`, { form, expect });
}

export const listsAndItems = scenario('lists and list items', { tags: ['lists'] }, [
  {
    name: 'create a list of each kind the API makes',
    async run(ctx) {
      for (const kind of lists()) {
        const attributes: Record<string, unknown> = {
          name: `contract ${ctx.runId} ${kind.plural}`,
        };
        if (kind.plural === 'names') attributes['allow-fuzzy-name-first'] = true;
        const created = await ctx.api.call(`create${kind.name}List`, {
          body: { data: { attributes } },
          expect: 201,
        });
        ctx.state[`list:${kind.plural}`] = created.body.data.id;
        ctx.assert.equal(
          created.body.data.attributes.status,
          'active',
          `a new ${kind.plural} list`,
        );
      }
    },
  },
  {
    name: 'list and retrieve the lists',
    stateful: STATE_NEEDED,
    async run(ctx) {
      const listed = await listedIds(ctx, 'listLists', { 'page[size]': 100 });
      for (const kind of lists()) {
        ctx.assert.includes(listed, listOf(ctx, kind), 'listed lists');
        const got = await ctx.api.call('retrieveList', {
          params: { 'list-id': listOf(ctx, kind) },
          expect: 200,
        });
        ctx.assert.equal(got.body.data.type, `list/${kebab(kind.name)}`, 'list type');
      }
    },
  },
  {
    name: 'add an item to each list, and retrieve it',
    async run(ctx) {
      for (const kind of lists()) await addItem(ctx, kind, listOf(ctx, kind));
    },
  },
  {
    name: "add an item to each list made in Persona's dashboard, and retrieve it",
    async run(ctx) {
      const given: DashboardLists = ctx.need('dashboardLists');
      for (const kind of dashboardKinds()) {
        const listId = given[kind.plural as keyof DashboardLists];
        if (!listId) return ctx.skip(`needs dashboardLists.${kind.plural}`);
        await addItem(ctx, kind, listId);
      }
    },
  },
  {
    name: 'an item for a list of another kind is refused (422)',
    stateful: RULES_NEEDED,
    async run(ctx) {
      await ctx.api.call('createEmailAddressListItem', {
        body: {
          data: {
            attributes: {
              'list-id': listOf(ctx, kinds.find((k) => k.plural === 'names')!),
              value: 'x@example.com',
            },
          },
        },
        expect: 422,
      });
    },
  },
  {
    name: 'import list items from a CSV file into each kind that takes them',
    async run(ctx) {
      for (const kind of kinds.filter((k) => k.csv)) {
        const imported = await upload(ctx, kind, listOf(ctx, kind), kind.csv!(ctx.runId), 201);
        ctx.state[`importer:${kind.plural}`] = imported.body.data.id;
        ctx.assert.ok(/^mprt_/.test(imported.body.data.id ?? ''), 'an importer');
      }
    },
  },
  {
    name: 'each import adds its two rows once it is done',
    stateful: STATE_NEEDED,
    async run(ctx) {
      for (const kind of kinds.filter((k) => k.csv)) {
        await ctx.eventually(async () => {
          const got = await ctx.api.call('retrieveImporter', {
            params: { 'importer-id': String(ctx.state[`importer:${kind.plural}`]) },
            expect: 200,
          });
          ctx.assert.ok(got.body.data.attributes['completed-at'], 'the import completed');
          ctx.assert.equal(
            got.body.data.attributes['successful-count'],
            2,
            `${kind.plural} rows imported`,
          );
        });
      }
    },
  },
  {
    name: "each import's row outcomes show on the mock's control plane",
    stateful: `${STATE_NEEDED}; ${MOCK_STATE_ONLY}`,
    async run(ctx) {
      const state = await mockState(ctx, String(ctx.state['importer:names']));
      ctx.assert.equal(
        [state.listId, state.rowErrors],
        [listOf(ctx, kinds.find((k) => k.plural === 'names')!), []],
        'the names import: list and row errors',
      );
    },
  },
  {
    name: 'archive each item, then each list',
    async run(ctx) {
      const archives: [string, Record<string, string>, string][] = [
        ...kinds
          .filter((kind) => ctx.state[`item:${kind.plural}`] !== undefined)
          .map((kind): [string, Record<string, string>, string] => [
            `archive${kind.name}ListItem`,
            { 'list-item-id': itemOf(ctx, kind) },
            `${kind.plural} item`,
          ]),
        ...lists().map((kind): [string, Record<string, string>, string] => [
          'archiveList',
          { 'list-id': listOf(ctx, kind) },
          `${kind.plural} list`,
        ]),
      ];
      for (const [operationId, params, what] of archives) {
        const archived = await ctx.api.call(operationId, { params, expect: 200 });
        ctx.assert.equal(archived.body.data.attributes.status, 'archived', `${what} status`);
      }
    },
  },
]);
