import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let clock: number;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  clock = Date.parse('2025-03-01T10:00:00.000Z');
  mock = createPersonaMock({ now: () => new Date(clock) });
  call = mockClient(mock);
});

async function ok(method: string, path: string, body?: unknown, status = 200): Promise<Answer> {
  const answer = await call(method, path, body);
  expect(answer.violations, `${method} ${path}`).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer;
}

type Event = { id: string; attributes: { name: string; payload: { data: { id: string } } } };
const names = (answer: Answer) => answer.body.data.map((e: Event) => e.attributes.name);

/**
 * One account created, tagged, edited and untagged, then a case on it: six
 * events a second apart (an edit alone records none, as in Persona).
 */
async function history() {
  const tick = () => {
    clock += 1_000;
  };
  tick();
  const account = (
    await ok('POST', '/accounts', { data: { attributes: { 'reference-id': 'ada' } } }, 201)
  ).body.data.id;
  tick();
  await ok('POST', `/accounts/${account}/add-tag`, { meta: { 'tag-name': 'vip' } });
  tick();
  await ok('PATCH', `/accounts/${account}`, { data: { attributes: { 'name-first': 'Ada' } } });
  await ok('POST', `/accounts/${account}/remove-tag`, { meta: { 'tag-name': 'vip' } });
  tick();
  const kase = (
    await ok(
      'POST',
      '/cases',
      {
        data: { attributes: { 'case-template-id': seedIds.caseTemplates.review } },
        meta: { 'object-ids': [account] },
      },
      201,
    )
  ).body.data.id;
  tick();
  await ok('POST', `/cases/${kase}/add-tag`, { meta: { 'tag-name': 'urgent' } });
  tick();
  const other = (
    await ok('POST', '/accounts', { data: { attributes: { 'reference-id': 'bob' } } }, 201)
  ).body.data.id;
  return { account, kase, other };
}

describe('events', () => {
  it('lists every change newest first, with the object as it was', async () => {
    const { account } = await history();
    const all = await ok('GET', '/events');
    expect(names(all)).toEqual([
      'account.created',
      'case.updated',
      'case.created',
      'account.tag-removed',
      'account.tag-added',
      'account.created',
    ]);
    // The first event still shows the account without its tag and name.
    const first = all.body.data.at(-1);
    expect(first.attributes.payload.data).toMatchObject({
      type: 'account',
      id: account,
      attributes: { tags: [], fields: {} },
    });
    // The untagging's event shows the name the edit before it gave, in the account's fields.
    const untagged = all.body.data.find((e: Event) => e.attributes.name === 'account.tag-removed');
    expect(untagged.attributes.payload.data.attributes.tags).toEqual([]);
    expect(untagged.attributes.payload.data.attributes.fields.name).toEqual({
      type: 'hash',
      value: { first: { type: 'string', value: 'Ada' } },
    });
    expect(first.attributes['created-at']).toBe('2025-03-01T10:00:01.000Z');
    const read = await ok('GET', `/events/${first.id}`);
    expect(read.body.data).toEqual(first);
  });

  it('filters by names, objects, ids and creation time', async () => {
    const { account, kase, other } = await history();
    const all = (await ok('GET', '/events')).body.data as Event[];
    const get = async (query: string) => ok('GET', `/events?${query}`);

    expect(names(await get('filter[name]=account.created'))).toEqual([
      'account.created',
      'account.created',
    ]);
    expect(names(await get('filter[name]=case.created, account.tag-added'))).toEqual([
      'case.created',
      'account.tag-added',
    ]);
    expect(names(await get('filter[name]=report/watchlist.ready'))).toEqual([]);

    expect(names(await get(`filter[object-id]=${account}`))).toEqual([
      'account.tag-removed',
      'account.tag-added',
      'account.created',
    ]);
    expect(names(await get(`filter[object-id]=${kase},${other}`))).toEqual([
      'account.created',
      'case.updated',
      'case.created',
    ]);
    expect(names(await get(`filter[object-id]=${account}&filter[name]=account.created`))).toEqual([
      'account.created',
    ]);

    const picked = [all[1]!.id, all[4]!.id];
    expect((await get(`filter[id]=${picked.join(',')}`)).body.data.map((e: Event) => e.id)).toEqual(
      picked,
    );

    const window = await get(
      'filter[created-at-start]=2025-03-01T10:00:02.000Z&filter[created-at-end]=2025-03-01T10:00:04.000Z',
    );
    expect(names(window)).toEqual(['case.created', 'account.tag-removed', 'account.tag-added']);
  });

  it('pages through events with cursors', async () => {
    await history();
    const all = (await ok('GET', '/events?page[size]=100')).body.data.map((e: Event) => e.id);
    const seen: string[] = [];
    let path: string | null = '/events?page[size]=4';
    let pages = 0;
    while (path) {
      const page: Answer = await ok('GET', path);
      seen.push(...page.body.data.map((e: Event) => e.id));
      path = page.body.links.next?.replace('/api/v1', '') ?? null;
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(all);

    const back = await ok('GET', `/events?page[size]=2&page[before]=${all[4]}`);
    expect(back.body.data.map((e: Event) => e.id)).toEqual([all[2], all[3]]);
    const filtered = await ok('GET', '/events?filter[name]=account.created&page[size]=1');
    expect(filtered.body.links.next).toContain('filter%5Bname%5D=account.created');
    const rest = await ok('GET', filtered.body.links.next.replace('/api/v1', ''));
    expect(names(rest)).toEqual(['account.created']);
    expect(rest.body.links.next).toBeNull();
  });

  it('answers 404 for an unknown event and a bad cursor with 400', async () => {
    const missing = await call('GET', '/events/evt_000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.violations).toEqual([]);
    const cursor = await call('GET', '/events?page[after]=evt_000000000000000000000000');
    expect(cursor.status).toBe(400);
    expect(cursor.violations).toEqual([]);
  });

  it('keeps each API key to its own events', async () => {
    await history();
    const mine = (await ok('GET', '/events')).body.data as Event[];
    const other = mockClient(mock, 'other-key');
    const theirs = await other('GET', '/events');
    expect(theirs.violations).toEqual([]);
    expect(theirs.body.data).toEqual([]);
    const read = await other('GET', `/events/${mine[0]!.id}`);
    expect(read.status).toBe(404);
    const byObject = await other(
      'GET',
      `/events?filter[object-id]=${mine[0]!.attributes.payload.data.id}`,
    );
    expect(byObject.body.data).toEqual([]);
  });
});
