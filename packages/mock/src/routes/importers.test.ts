import { validateResponse } from '@persona-kit/spec';
import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { mockObjects } from '../test-support/mock-objects.js';
import { personalOf } from '../test-support/personal.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;
let objectState: ReturnType<typeof mockObjects>;

beforeEach(() => {
  mock = createPersonaMock({ now: () => new Date('2025-03-01T10:00:00.000Z') });
  call = mockClient(mock);
  objectState = mockObjects(mock);
});

/** An import's file name, mode, counts and row outcomes: mock-only state, on the control plane. */
async function importState(id: string) {
  const answer = await objectState(id);
  expect(answer.violations).toEqual([]);
  expect(answer.status).toBe(200);
  return answer.body.state;
}

/** Uploads a file to the account importer as a browser form would, and checks the answer against the spec. */
async function upload(file: string | Blob, mode?: string, apiKey = 'key-test'): Promise<Answer> {
  const form = new FormData();
  form.set(
    'data[attributes][file]',
    typeof file === 'string' ? new File([file], 'accounts.csv', { type: 'text/csv' }) : file,
  );
  if (mode !== undefined) form.set('data[attributes][mode]', mode);
  const response = await getResponse(
    mock.handlers,
    new Request('https://api.withpersona.com/api/v1/importer/accounts', {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}` },
      body: form,
    }),
  );
  const body = await response!.json();
  const violations = validateResponse({
    method: 'POST',
    path: '/api/v1/importer/accounts',
    status: response!.status,
    headers: response!.headers,
    body,
  }).map((v) => v.message);
  return { status: response!.status, headers: response!.headers, body, violations };
}

async function ok(method: string, path: string, body?: unknown, status = 200): Promise<Answer> {
  const answer = await call(method, path, body);
  expect(answer.violations, `${method} ${path}`).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer;
}

async function imported(file: string, mode?: string) {
  const answer = await upload(file, mode);
  expect(answer.violations).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.data;
}

async function accountByReference(referenceId: string) {
  const list = await ok('GET', `/accounts?filter[reference-id]=${encodeURIComponent(referenceId)}`);
  return list.body.data[0];
}

async function accountCount(): Promise<number> {
  let count = 0;
  let path: string | null = '/accounts?page[size]=100';
  while (path) {
    const page: Answer = await ok('GET', path);
    count += page.body.data.length;
    path = page.body.links.next?.replace('/api/v1', '') ?? null;
  }
  return count;
}

/** Two existing accounts: `old-1` (Ada) and `old-2` (Grace). */
async function existing() {
  for (const [ref, first] of [
    ['old-1', 'Ada'],
    ['old-2', 'Grace'],
  ]) {
    await ok(
      'POST',
      '/accounts',
      { data: { attributes: { 'reference-id': ref, 'name-first': first, tags: ['crm'] } } },
      201,
    );
  }
}

const header =
  'reference_id,name_first,name_middle,name_last,birthdate,social_security_number,tags';
/** New rows, rows naming existing accounts, a repeat and broken rows, numbered as data rows from 1. */
const mixed = [
  header,
  'new-1,Alan,M,Turing,1912-06-23,123-45-6789,vip;early', // 1: new
  'old-1,Ada,,Lovelace,1815-12-10,,', // 2: existing
  ',No,,Reference,1990-01-01,,', // 3: no reference id
  'new-2,Bad,,Date,1990-02-30,,', // 4: impossible date
  'new-3,Extra,,Cells,1990-01-01,,,surplus', // 5: a value in no column
  'new-1,Alan,,Again,,,', // 6: repeat of row 1
  'new-4,Short,,Ssn,,12345,', // 7: bad social security number
  'old-2,Grace,B,Hopper,1906-12-09,,navy|admiral', // 8: existing
].join('\n');

const errorsOf = async (importer: { id: string }) =>
  ((await importState(importer.id)).rowErrors as RowError[]).map((e) => [
    e.row,
    e.referenceId,
    e.errors.join('; '),
  ]);

type RowError = { row: number; referenceId: string | null; errors: string[] };

const brokenRows = [
  [3, null, 'reference_id is missing'],
  [4, 'new-2', 'birthdate 1990-02-30 is not a date (YYYY-MM-DD)'],
  [5, 'new-3', 'has 8 values but the header names 7 columns'],
  [7, 'new-4', 'social_security_number must be 9 digits (123-45-6789 or 123456789)'],
];

describe('the account importer', () => {
  it('create mode adds new accounts, skips existing ones as duplicates and reports broken rows', async () => {
    await existing();
    const importer = await imported(mixed, 'create');
    expect(importer.id).toMatch(/^mprt_/);
    expect(importer.type).toBe('importer/account');
    expect(importer.attributes).toMatchObject({
      status: 'ready',
      'completed-at': '2025-03-01T10:00:00.000Z',
      'successful-count': 1,
      'duplicate-count': 3,
      'error-count': 4,
    });
    expect(await importState(importer.id)).toMatchObject({
      mode: 'create',
      fileName: 'accounts.csv',
      createdCount: 1,
      updatedCount: 0,
    });
    expect(await errorsOf(importer)).toEqual(brokenRows);

    const alan = await accountByReference('new-1');
    expect(alan.attributes).toMatchObject({
      'social-security-number': '123-45-6789',
      tags: ['vip', 'early'],
      'account-type-name': 'User',
    });
    expect(personalOf(alan.attributes)).toEqual({
      'name-first': 'Alan',
      'name-middle': 'M',
      'name-last': 'Turing',
      birthdate: '1912-06-23',
    });
    // Existing accounts are left as they were, and broken rows write nothing.
    expect(personalOf((await accountByReference('old-1')).attributes)).toEqual({
      'name-first': 'Ada',
    });
    for (const ref of ['new-2', 'new-3', 'new-4'])
      expect(await accountByReference(ref)).toBeUndefined();
    expect(await accountCount()).toBe(3);
  });

  it('update mode changes existing accounts and fails rows naming none', async () => {
    await existing();
    const importer = await imported(mixed, 'update');
    expect(importer.attributes).toMatchObject({
      'successful-count': 2,
      'duplicate-count': 1,
      'error-count': 5,
    });
    expect(await importState(importer.id)).toMatchObject({
      mode: 'update',
      createdCount: 0,
      updatedCount: 2,
    });
    expect(await errorsOf(importer)).toEqual([
      [1, 'new-1', 'no account has reference id new-1'],
      ...brokenRows,
    ]);

    const ada = await accountByReference('old-1');
    expect(ada.attributes).toMatchObject({ tags: ['crm'] });
    expect(personalOf(ada.attributes)).toEqual({
      'name-first': 'Ada',
      'name-last': 'Lovelace',
      birthdate: '1815-12-10',
    });
    expect(ada.attributes.fields.name).toEqual({
      type: 'hash',
      value: {
        first: { type: 'string', value: 'Ada' },
        last: { type: 'string', value: 'Lovelace' },
      },
    });
    const grace = await accountByReference('old-2');
    expect(grace.attributes).toMatchObject({ tags: ['navy', 'admiral'] });
    expect(personalOf(grace.attributes)).toMatchObject({
      'name-middle': 'B',
      'name-last': 'Hopper',
    });
    expect(await accountCount()).toBe(2);
  });

  it('upsert mode does both', async () => {
    await existing();
    const importer = await imported(mixed, 'upsert');
    expect(importer.attributes).toMatchObject({
      'successful-count': 3,
      'duplicate-count': 1,
      'error-count': 4,
    });
    expect(await importState(importer.id)).toMatchObject({
      mode: 'upsert',
      createdCount: 1,
      updatedCount: 2,
    });
    expect(await errorsOf(importer)).toEqual(brokenRows);
    expect(await accountCount()).toBe(3);
    expect(personalOf((await accountByReference('old-1')).attributes)['name-last']).toBe(
      'Lovelace',
    );
  });

  it('defaults to create, takes kebab-case headers, a BOM, quoted cells and blank lines', async () => {
    const file =
      '\uFEFFReference-ID,name-first,Tags\r\n"x-1","Smith, Jo",a | b\r\n\r\n x-2 ,Kim,\r\n';
    const importer = await imported(file);
    expect(importer.attributes).toMatchObject({ 'error-count': 0 });
    expect(await importState(importer.id)).toMatchObject({ mode: 'create', createdCount: 2 });
    const x1 = (await accountByReference('x-1')).attributes;
    expect(x1).toMatchObject({ tags: ['a', 'b'] });
    expect(personalOf(x1)).toEqual({ 'name-first': 'Smith, Jo' });
    expect(personalOf((await accountByReference('x-2')).attributes)).toEqual({
      'name-first': 'Kim',
    });
  });

  it('makes the same accounts and events as the account API does', async () => {
    await imported(
      'reference_id,name_first,name_middle,name_last,birthdate,social_security_number,tags\nimp,Ada,M,Lovelace,1815-12-10,123456789,a;b\n',
    );
    await ok(
      'POST',
      '/accounts',
      {
        data: {
          attributes: {
            'reference-id': 'api',
            'name-first': 'Ada',
            'name-middle': 'M',
            'name-last': 'Lovelace',
            birthdate: '1815-12-10',
            'social-security-number': '123456789',
            tags: ['a', 'b'],
          },
        },
      },
      201,
    );
    const fromImport = await accountByReference('imp');
    const fromApi = await accountByReference('api');
    const same = (a: { id: string; attributes: Record<string, unknown> }) => ({
      ...a,
      id: 'x',
      attributes: { ...a.attributes, 'reference-id': 'x' },
    });
    expect(same(fromImport)).toEqual(same(fromApi));

    const created = await ok('GET', '/events?filter[name]=account.created');
    const [api, imp] = created.body.data;
    expect(same(imp.attributes.payload.data)).toEqual(same(api.attributes.payload.data));
  });

  it("records the accounts' events, none for the import itself or for edits alone", async () => {
    await existing();
    const importer = await imported(mixed, 'upsert');
    const all = await ok('GET', `/events?page[size]=100`);
    const objects = all.body.data.map(
      (e: { attributes: { name: string; payload: { data: { id: string } } } }) =>
        `${e.attributes.name} ${e.attributes.payload.data.id}`,
    );
    expect(objects.filter((o: string) => o.endsWith(importer.id))).toEqual([]);
    const created = await ok('GET', '/events?filter[name]=account.created&page[size]=100');
    expect(created.body.data).toHaveLength(3); // two made by `existing()`, one by the import
    // An edited account records only the change of its tags: old-2's crm became navy and admiral.
    const old2 = (await accountByReference('old-2')).id;
    expect(objects.slice(0, 3)).toEqual([
      `account.tag-removed ${old2}`,
      `account.tag-added ${old2}`,
      `account.tag-added ${old2}`,
    ]);
    expect(objects).toHaveLength(6);
  });

  it('keeps each event as the account was, whatever happens to the account later', async () => {
    await imported(`${header}\nimp,Ada,,Lovelace,1815-12-10,,a`);
    await imported(`${header}\nimp,,,Byron,,,b;c`, 'update');
    const account = await accountByReference('imp');
    await ok('POST', `/accounts/${account.id}/add-tag`, { meta: { 'tag-name': 'later' } });
    await ok('PATCH', `/accounts/${account.id}`, {
      data: { attributes: { 'name-first': 'Augusta' } },
    });
    const cases = await ok(
      'POST',
      '/cases',
      {
        data: { attributes: { 'case-template-id': seedIds.caseTemplates.review } },
        meta: { 'object-ids': [account.id] },
      },
      201,
    );

    // The oldest event of each name: the import's own.
    const payload = async (name: string) =>
      (
        await ok('GET', `/events?filter[name]=${name}&filter[object-id]=${account.id}`)
      ).body.data.at(-1).attributes.payload.data;
    const created = await payload('account.created');
    expect(created.attributes).toMatchObject({ tags: ['a'] });
    expect(personalOf(created.attributes)).toEqual({
      'name-first': 'Ada',
      'name-last': 'Lovelace',
      birthdate: '1815-12-10',
    });
    // The second import's edit shows in the events of its tag changes.
    const updated = await payload('account.tag-removed');
    expect(updated.attributes).toMatchObject({ tags: ['b', 'c'] });
    expect(updated.attributes.fields.name.value).toEqual({
      first: { type: 'string', value: 'Ada' },
      last: { type: 'string', value: 'Byron' },
    });
    const now = await accountByReference('imp');
    const ofAccount = await ok('GET', `/cases?filter[account-id]=${account.id}`);
    expect(ofAccount.body.data.map((c: { id: string }) => c.id)).toEqual([cases.body.data.id]);
    expect(personalOf(now.attributes)['name-first']).toBe('Augusta');

    // Redaction is the one change that reaches back: personal data leaves the events too.
    await ok('DELETE', `/accounts/${account.id}`);
    expect((await payload('account.created')).attributes.fields).toEqual({});
  });

  it('lists and retrieves importers, per API key', async () => {
    const first = await imported(`${header}\na,,,,,,`);
    const second = await imported(`${header}\na,,,,,,`, 'upsert');
    const list = await ok('GET', '/importers');
    expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    const ready = await ok('GET', '/importers?filter[status]=ready&page[size]=1');
    expect(ready.body.data.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect(ready.body.links.next).not.toBeNull();
    expect((await ok('GET', '/importers?filter[status]=errored')).body.data).toEqual([]);
    const one = await ok('GET', `/importers/${first.id}`);
    expect(one.body.data).toEqual(first);
    const missing = await call('GET', '/importers/mprt_000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.violations).toEqual([]);

    const other = mockClient(mock, 'other-key');
    const theirs = await other('GET', '/importers');
    expect(theirs.body.data).toEqual([]);
    expect((await other('GET', `/importers/${first.id}`)).status).toBe(404);
    const otherImport = await upload(`${header}\nb,,,,,,`, 'create', 'other-key');
    expect(otherImport.status).toBe(201);
    expect(await accountCount()).toBe(1);
  });
});

describe('a malformed file', () => {
  const refusals: [string, string | Blob, string][] = [
    ['an empty file', '', 'is empty'],
    [
      'a file without a header row',
      'cust-1,Ada,Lovelace\ncust-2,Grace,Hopper\n',
      'has no header row',
    ],
    [
      'unknown columns',
      'reference_id,name_first,favourite_colour\nc-1,Ada,blue\n',
      'favourite_colour',
    ],
    ['no reference_id column', 'name_first,name_last\nAda,Lovelace\n', 'reference_id'],
    ['a column named twice', 'reference_id,name_first,Name-First\nc-1,A,B\n', 'twice'],
    ['an unclosed quote', 'reference_id,name_first\nc-1,"Ada\n', 'not valid CSV'],
    [
      'binary data',
      new File(
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
        'photo.png',
        { type: 'image/png' },
      ),
      'not a CSV text file',
    ],
  ];
  for (const [what, file, mentions] of refusals) {
    it(`is refused as a whole (422) when it has ${what}, and nothing is written`, async () => {
      const answer = await upload(file, 'upsert');
      expect(answer.violations).toEqual([]);
      expect(answer.status).toBe(422);
      expect(answer.body.errors[0].details).toContain('data[attributes][file]');
      expect(answer.body.errors[0].details).toContain(mentions);
      expect(await accountCount()).toBe(0);
      expect((await ok('GET', '/importers')).body.data).toEqual([]);
      expect((await ok('GET', '/events')).body.data).toEqual([]);
    });
  }

  it('refuses an unknown mode and a missing file', async () => {
    const mode = await upload(`${header}\na,,,,,,`, 'merge');
    expect(mode.status).toBe(422);
    expect(mode.violations).toEqual([]);
    const form = new FormData();
    form.set('data[attributes][mode]', 'create');
    const response = await getResponse(
      mock.handlers,
      new Request('https://api.withpersona.com/api/v1/importer/accounts', {
        method: 'POST',
        headers: { Authorization: 'Bearer key-test' },
        body: form,
      }),
    );
    expect(response!.status).toBe(422);
    expect(await accountCount()).toBe(0);
  });

  it('answers a header-only file with an importer that applied nothing', async () => {
    const importer = await imported(`${header}\n`);
    expect(importer.attributes).toMatchObject({
      status: 'ready',
      'successful-count': 0,
      'error-count': 0,
      'duplicate-count': 0,
    });
  });
});
