import { validateResponse } from '@persona-kit/spec';
import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock({ now: () => new Date('2025-03-01T10:00:00.000Z') });
  call = mockClient(mock);
});

/** Calls the mock; the answer must match the spec and have the status given. */
async function answered(status: number, method: string, path: string, body?: unknown) {
  const { violations, ...answer } = await call(method, path, body);
  const seen = { status: answer.status, violations };
  expect(seen, JSON.stringify(answer.body)).toEqual({ status, violations: [] });
  return answer;
}

const ok = (method: string, path: string, body?: unknown, status = 200) =>
  answered(status, method, path, body);

/** The details of a refusal with that status. */
const refused = async (method: string, path: string, body: unknown, status: number) =>
  (await answered(status, method, path, body)).body.errors[0].details as string;

/** A list's item ids, as the mock's control plane tells them (Persona's list does not). */
async function itemIdsOf(listId: string): Promise<string[]> {
  const answer = await mockObjects(mock)(listId);
  expect(answer.violations).toEqual([]);
  return answer.body.state.itemIds;
}

/** Adds an item to a list; the answer must be 201 and match the spec. */
const addItem = (plural: string, listId: string, attributes: Record<string, unknown>) =>
  ok(
    'POST',
    `/list-item/${plural}`,
    { data: { attributes: { 'list-id': listId, ...attributes } } },
    201,
  );

const newList = async (plural: string, name = `Blocked ${plural}`) =>
  (await ok('POST', `/list/${plural}`, { data: { attributes: { name } } }, 201)).body.data;

/** A valid item of each kind, and the list it goes in (created, or from the seed). */
const kinds: Record<string, { item: Record<string, unknown>; seeded?: string }> = {
  'browser-fingerprints': { item: { value: '9f2c41e07ab35d6c' } },
  countries: { item: { 'country-code': 'nz' } },
  'device-fingerprints': {
    item: { value: 'd41c7e2b90fa' },
    seeded: seedIds.lists.deviceFingerprints,
  },
  'email-addresses': { item: { value: 'Chargebacks@Fraud-Ring.test' } },
  fields: { item: { 'field-value': 'promo-WELCOME50' }, seeded: seedIds.lists.fields },
  geolocations: { item: { latitude: -41.2865, longitude: 174.7762 } },
  'government-id-numbers': { item: { 'id-number': 'LM204871', 'id-class': 'pp' } },
  'ip-addresses': { item: { value: '2001:db8::/32' } },
  names: { item: { 'name-last': 'Vell' } },
  'phone-numbers': { item: { value: '+64 9 555 0148' } },
  strings: { item: { value: 'ACME-REFUND-7731' }, seeded: seedIds.lists.strings },
};

describe('lists', () => {
  it('creates a list of each kind the API makes, empty and active', async () => {
    const names = await ok(
      'POST',
      '/list/names',
      { data: { attributes: { name: 'Watch', 'allow-fuzzy-name-first': true } } },
      201,
    );
    expect(names.body.data).toMatchObject({
      type: 'list/name',
      attributes: { name: 'Watch', status: 'active', 'allow-fuzzy-name-first': true },
      relationships: { 'list-items': { data: [] } },
    });
    const countries = await newList('countries');
    expect(countries.type).toBe('list/country');
    expect(countries.attributes).not.toHaveProperty('allow-fuzzy-name-first');
  });

  it('archives a list: still readable, filtered by status, and closed to new items', async () => {
    const list = await newList('phone-numbers');
    const archived = await ok('DELETE', `/lists/${list.id}`);
    expect(archived.body.data.attributes).toMatchObject({
      status: 'archived',
      'archived-at': '2025-03-01T10:00:00.000Z',
    });
    expect((await ok('DELETE', `/lists/${list.id}`)).body.data.attributes.status).toBe('archived');
    expect((await ok('GET', `/lists/${list.id}`)).body.data.attributes.status).toBe('archived');
    const active = await ok('GET', '/lists?filter[status]=active&page[size]=100');
    expect(active.body.data.map((l: { id: string }) => l.id)).not.toContain(list.id);
    const archivedLists = await ok('GET', '/lists?filter[status]=archived');
    expect(archivedLists.body.data.map((l: { id: string }) => l.id)).toEqual([list.id]);
    const details = await refused(
      'POST',
      '/list-item/phone-numbers',
      { data: { attributes: { 'list-id': list.id, value: '+6495550148' } } },
      422,
    );
    expect(details).toContain('archived');
  });

  it('answers 404 for a list that does not exist', async () => {
    await refused('GET', `/lists/lst_${'0'.repeat(24)}`, undefined, 404);
  });
});

describe('list items', () => {
  for (const [plural, { item, seeded }] of Object.entries(kinds)) {
    it(`adds, retrieves and archives ${plural} items`, async () => {
      const listId = seeded ?? (await newList(plural)).id;
      const created = await addItem(plural, listId, item);
      const { id, attributes } = created.body.data;
      expect(attributes).toMatchObject({
        status: 'pending',
        'archived-at': null,
        'match-count': 0,
      });
      expect(created.body.data.relationships).toEqual({ creator: { data: null } });
      const got = await ok('GET', `/list-item/${plural}/${id}`);
      expect(got.body.data.attributes.status).toBe('active');
      const list = await ok('GET', `/lists/${listId}`);
      expect(list.body.data.relationships).toEqual({ 'list-items': { data: [] } });
      expect(await itemIdsOf(listId)).toContain(id);
      const archived = await ok('DELETE', `/list-item/${plural}/${id}`);
      expect(archived.body.data.attributes).toMatchObject({
        status: 'archived',
        'archived-at': '2025-03-01T10:00:00.000Z',
      });
    });
  }

  it('stores values in their usual form', async () => {
    const countries = await newList('countries');
    const country = await addItem('countries', countries.id, { 'country-code': 'nz' });
    expect(country.body.data.attributes['country-code']).toBe('NZ');
    const emails = await newList('email-addresses');
    const email = await addItem('email-addresses', emails.id, { value: 'A@B.test' });
    expect(email.body.data.attributes).toMatchObject({
      value: 'a@b.test',
      'match-type': 'email_address',
    });
  });

  it('refuses a list of another kind with a 422 naming list-id', async () => {
    const names = await newList('names');
    const details = await refused(
      'POST',
      '/list-item/email-addresses',
      { data: { attributes: { 'list-id': names.id, value: 'a@b.test' } } },
      422,
    );
    expect(details).toBe(
      `data.attributes.list-id ${names.id} is a list of names, not of email addresses`,
    );
  });

  it('answers 404 for an unknown list, and for an item asked for under another kind', async () => {
    await refused(
      'POST',
      '/list-item/strings',
      { data: { attributes: { 'list-id': `lst_${'0'.repeat(24)}`, value: 'x' } } },
      404,
    );
    const item = await addItem('strings', seedIds.lists.strings, { value: 'x' });
    await refused('GET', `/list-item/names/${item.body.data.id}`, undefined, 404);
    expect((await ok('GET', `/list-item/strings/${item.body.data.id}`)).body.data.type).toBe(
      'list-item/string',
    );
  });

  it.each([
    ['ip-addresses', { value: '300.1.2.3' }, 'data.attributes.value must be an IPv4'],
    ['ip-addresses', { value: '10.0.0.0/33' }, 'data.attributes.value must be an IPv4'],
    ['phone-numbers', { value: '12-34' }, 'data.attributes.value must be a phone number'],
    ['email-addresses', { value: 'no-at-sign' }, 'data.attributes.value must be an email'],
    [
      'email-addresses',
      { value: 'a@b.test', 'match-type': 'domain' },
      'data.attributes.value must be a domain',
    ],
    ['geolocations', { latitude: 91, longitude: 0 }, 'data.attributes.latitude'],
    ['countries', { 'country-code': 'NZL' }, 'country-code'],
    ['names', {}, 'data.attributes needs a first name, a last name or both'],
  ])('refuses a bad %s value with a 4xx naming the attribute', async (plural, item, named) => {
    const list = await newList(plural);
    const answer = await call('POST', `/list-item/${plural}`, {
      data: { attributes: { 'list-id': list.id, ...item } },
    });
    expect(answer.violations).toEqual([]);
    expect([400, 422]).toContain(answer.status);
    expect(JSON.stringify(answer.body.errors)).toContain(named);
  });
});

/** Uploads a CSV file to a list-item importer as a browser form would; checks the answer against the spec. */
async function upload(plural: string, listId: string, csv: string): Promise<Answer> {
  const form = new FormData();
  form.set('data[attributes][list-id]', listId);
  form.set('data[attributes][file]', new File([csv], 'items.csv', { type: 'text/csv' }));
  const path = `/api/v1/importer/list-item/${plural}`;
  const response = await getResponse(
    mock.handlers,
    new Request(`https://api.withpersona.com${path}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer key-test' },
      body: form,
    }),
  );
  const body = await response!.json();
  const violations = validateResponse({
    method: 'POST',
    path,
    status: response!.status,
    headers: response!.headers,
    body,
  }).map((v) => v.message);
  return { status: response!.status, headers: response!.headers, body, violations };
}

describe('list-item importers', () => {
  it('adds good rows, skips duplicates and counts bad rows', async () => {
    const list = await newList('ip-addresses');
    await addItem('ip-addresses', list.id, { value: '192.0.2.7' });
    const csv = ['value', '203.0.113.0/24', '192.0.2.7', '203.0.113.0/24', 'not-an-ip', '::1'];
    const imported = await upload('ip-addresses', list.id, `${csv.join('\n')}\n`);
    expect(imported.violations).toEqual([]);
    expect(imported.status).toBe(201);
    expect(imported.body.data).toMatchObject({
      type: 'importer/list-item/ip-address',
      attributes: {
        status: 'ready',
        'successful-count': 2,
        'duplicate-count': 2,
        'error-count': 1,
      },
    });
    const importerId = imported.body.data.id;
    const state = await mockObjects(mock)(importerId);
    expect(state.violations).toEqual([]);
    expect(state.body.state.rowErrors).toEqual([
      { row: 5, errors: ['value must be an IPv4 or IPv6 address, or a CIDR range'] },
    ]);
    const itemIds = await itemIdsOf(list.id);
    expect(itemIds).toHaveLength(3);
    const item = await ok('GET', `/list-item/ip-addresses/${itemIds.at(-1)}`);
    expect(item.body.data.attributes).toMatchObject({ value: '::1', status: 'active' });
    expect(item.body.data.relationships.creator.data).toEqual({
      type: 'importer/ip-address',
      id: importerId,
    });
    expect((await ok('GET', `/importers/${importerId}`)).body.data.id).toBe(importerId);
  });

  it('reads each kind by its own columns', async () => {
    const list = await newList('geolocations');
    const imported = await upload(
      'geolocations',
      list.id,
      'latitude,longitude,radius_meters\n-41.28,174.77,250\n-36.85,174.76,\n91,0,1\n',
    );
    expect(imported.body.data.attributes).toMatchObject({
      'successful-count': 2,
      'error-count': 1,
    });
  });

  it('refuses a file with columns its kind does not take, naming them', async () => {
    const list = await newList('names');
    const answer = await upload('names', list.id, 'name_first,birthdate\nAda,1990-01-01\n');
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain('birthdate');
  });

  it('refuses a list of another kind, naming the form field', async () => {
    const list = await newList('names');
    const answer = await upload('phone-numbers', list.id, 'value\n+6495550148\n');
    expect(answer.violations).toEqual([]);
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain('data[attributes][list-id]');
  });
});
