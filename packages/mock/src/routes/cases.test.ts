import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

const { review, fraud } = seedIds.caseTemplates;
const { general, escalations } = seedIds.caseQueues;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');

let mock: PersonaMock;
let clock: number;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  clock = T0;
  mock = createPersonaMock({ now: () => new Date(clock) });
  call = mockClient(mock);
});

/** Calls the mock and insists the answer matches the spec, whatever its status. */
async function ok(method: string, path: string, body?: unknown, status = 200): Promise<Answer> {
  const answer = await call(method, path, body);
  expect(answer.violations, `${method} ${path}`).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer;
}

async function refused(
  method: string,
  path: string,
  body: unknown,
  status: number,
  mentions: string,
) {
  const answer = await call(method, path, body);
  expect(answer.violations, `${method} ${path}`).toEqual([]);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.errors[0].details).toContain(mentions);
  return answer;
}

async function account(referenceId: string, client = call): Promise<string> {
  const answer = await client('POST', '/accounts', {
    data: { attributes: { 'reference-id': referenceId } },
  });
  expect(answer.status).toBe(201);
  return answer.body.data.id;
}

const newCase = (attributes: Record<string, unknown>, meta?: Record<string, unknown>) => ({
  data: { attributes: { 'case-template-id': review, ...attributes } },
  ...(meta ? { meta } : {}),
});

describe('a case, from creation to redaction', () => {
  it('opens a case with a queue, creator, fields, objects and an SLA', async () => {
    const ada = await account('ada');
    const created = await ok(
      'POST',
      '/cases',
      newCase(
        {
          'case-queue-id': general,
          'creator-email-address': 'analyst@example.test',
          fields: { reason: 'Document mismatch' },
          tags: ['kyc'],
        },
        { 'object-ids': [ada], 'sla-expires-in-seconds': 172_800 },
      ),
      201,
    );
    const c = created.body.data;
    expect(c.id).toMatch(/^case_[A-Za-z0-9]{24}$/);
    expect(c.attributes).toMatchObject({
      status: 'open',
      name: 'MR-1',
      resolution: null,
      'created-at': '2025-03-01T10:00:00.000Z',
      'sla-expires-at': '2025-03-03T10:00:00.000Z',
      'creator-id': 'analyst@example.test',
      'creator-type': 'user',
      tags: ['kyc'],
      fields: { reason: { type: 'string', value: 'Document mismatch' } },
    });
    expect(c.relationships['case-template'].data).toEqual({ type: 'case-template', id: review });
    expect(c.relationships['case-queue'].data).toEqual({ type: 'case-queue', id: general });
    expect(c.relationships.accounts.data).toEqual([{ type: 'account', id: ada }]);

    // The account's cases list it too, and the case reads back as created.
    const adaCases = await ok('GET', `/cases?filter[account-id]=${ada}`);
    expect(adaCases.body.data.map((r: { id: string }) => r.id)).toEqual([c.id]);
    const read = await ok('GET', `/cases/${c.id}?include=accounts`);
    expect(read.body.data).toEqual(c);
    expect(read.body.included.map((r: { id: string }) => r.id)).toEqual([ada]);

    // Names are numbered within their template.
    const second = await ok('POST', '/cases', newCase({}), 201);
    expect(second.body.data.attributes.name).toBe('MR-2');
    expect(second.body.data.attributes['creator-type']).toBe('api-key');
    expect(second.body.data.attributes['sla-expires-at']).toBeNull();
    expect(second.body.data.relationships['case-queue'].data).toBeNull();
    const fraudCase = await ok(
      'POST',
      '/cases',
      { data: { attributes: { 'case-template-id': fraud, fields: { summary: 'Card testing' } } } },
      201,
    );
    expect(fraudCase.body.data.attributes.name).toBe('FI-1');
  });

  it('refuses unknown templates, queues, objects and fields, naming the member, and stores nothing', async () => {
    const ada = await account('ada');
    const other = mockClient(mock, 'other-key');
    const foreign = await account('someone-else', other);
    const missing = 'act_000000000000000000000000';

    await refused(
      'POST',
      '/cases',
      newCase({ 'case-template-id': 'ctmpl_000000000000000000000000' }),
      422,
      'data.attributes.case-template-id',
    );
    await refused(
      'POST',
      '/cases',
      newCase({ 'case-queue-id': 'cqueue_000000000000000000000000' }),
      422,
      'data.attributes.case-queue-id',
    );
    await refused(
      'POST',
      '/cases',
      newCase({}, { 'object-ids': [ada, missing] }),
      422,
      'meta.object-ids[1]',
    );
    await refused(
      'POST',
      '/cases',
      newCase({}, { 'object-ids': [foreign] }),
      422,
      'meta.object-ids[0]',
    );
    await refused(
      'POST',
      '/cases',
      newCase({}, { 'object-ids': ['inq_000000000000000000000000'] }),
      422,
      'meta.object-ids[0]',
    );
    await refused(
      'POST',
      '/cases',
      newCase({}, { 'object-ids': ['wfl_000000000000000000000000'] }),
      422,
      'object-ids',
    );
    await refused(
      'POST',
      '/cases',
      newCase({ fields: { shoe_size: 9 } }),
      422,
      'data.attributes.fields.shoe_size',
    );
    await refused(
      'POST',
      '/cases',
      { data: { attributes: { 'case-template-id': fraud } } },
      422,
      'data.attributes.fields.summary',
    );
    await refused(
      'POST',
      '/cases',
      newCase({}, { 'sla-expires-in-seconds': 90 * 86_400 + 1 }),
      422,
      'sla-expires-in-seconds',
    );
    await refused(
      'POST',
      '/cases',
      newCase({}, { 'sla-expires-in-seconds': 0 }),
      422,
      'sla-expires-in-seconds',
    );
    await refused('POST', '/cases', { data: { attributes: {} } }, 422, 'case-template-id');

    const none = await ok('GET', '/cases');
    expect(none.body.data).toEqual([]);
    const adaCases = await ok('GET', `/cases?filter[account-id]=${ada}`);
    expect(adaCases.body.data).toEqual([]);

    // Ninety days exactly is allowed; null means no deadline.
    const longest = await ok(
      'POST',
      '/cases',
      newCase({}, { 'sla-expires-in-seconds': 90 * 86_400 }),
      201,
    );
    expect(longest.body.data.attributes['sla-expires-at']).toBe('2025-05-30T10:00:00.000Z');
    const open = await ok('POST', '/cases', newCase({}, { 'sla-expires-in-seconds': null }), 201);
    expect(open.body.data.attributes['sla-expires-at']).toBeNull();
  });

  it('moves only to statuses of its template; a resolution records who resolved it and when', async () => {
    const c = (await ok('POST', '/cases', newCase({}), 201)).body.data;
    await refused(
      'POST',
      `/cases/${c.id}/set-status`,
      { meta: { status: 'confirmed-fraud' } },
      422,
      'meta.status',
    );

    clock += 60_000;
    const pending = await ok('POST', `/cases/${c.id}/set-status`, { meta: { status: 'pending' } });
    expect(pending.body.data.attributes).toMatchObject({
      status: 'pending',
      resolution: null,
      'resolved-at': null,
      'resolver-id': null,
    });

    clock += 60_000;
    const approved = await ok('POST', `/cases/${c.id}/set-status`, {
      meta: { status: 'approved' },
    });
    expect(approved.body.data.attributes).toMatchObject({
      status: 'approved',
      resolution: 'approved',
      'resolved-at': '2025-03-01T10:02:00.000Z',
      'resolver-type': 'api-key',
      'updated-at': '2025-03-01T10:02:00.000Z',
    });
    expect(approved.body.data.attributes['resolver-id']).toMatch(/^api_/);

    // Reopening clears the resolution.
    const reopened = await ok('POST', `/cases/${c.id}/set-status`, { meta: { status: 'open' } });
    expect(reopened.body.data.attributes).toMatchObject({
      status: 'open',
      resolution: null,
      'resolved-at': null,
      'resolver-id': null,
    });

    await refused(
      'POST',
      '/cases/case_000000000000000000000000/set-status',
      { meta: { status: 'open' } },
      404,
      'case_000000000000000000000000',
    );
  });

  it('assigns, attaches more objects once each, and keeps tags', async () => {
    const ada = await account('ada');
    const bob = await account('bob');
    const c = (await ok('POST', '/cases', newCase({}, { 'object-ids': [ada] }), 201)).body.data;

    clock += 1_000;
    const assigned = await ok('POST', `/cases/${c.id}/assign`, {
      meta: { 'user-email-address': 'reviewer@example.test' },
    });
    expect(assigned.body.data.attributes).toMatchObject({
      'assignee-id': 'reviewer@example.test',
      'assigned-at': '2025-03-01T10:00:01.000Z',
      'assigner-type': 'api-key',
    });
    const reassigned = await ok('POST', `/cases/${c.id}/assign`, {
      meta: { 'user-email-address': 'lead@example.test' },
    });
    expect(reassigned.body.data.attributes['assignee-id']).toBe('lead@example.test');

    const added = await ok('POST', `/cases/${c.id}/add-objects`, {
      meta: { 'object-ids': [ada, bob, bob] },
    });
    expect(added.body.data.relationships.accounts.data).toEqual([
      { type: 'account', id: ada },
      { type: 'account', id: bob },
    ]);
    const bobCases = await ok('GET', `/cases?filter[account-id]=${bob}`);
    expect(bobCases.body.data.map((r: { id: string }) => r.id)).toEqual([c.id]);
    await refused(
      'POST',
      `/cases/${c.id}/add-objects`,
      { meta: { 'object-ids': [bob, 'txn_000000000000000000000000'] } },
      422,
      'meta.object-ids[1]',
    );

    await ok('POST', `/cases/${c.id}/add-tag`, { meta: { 'tag-name': 'urgent' } });
    const twice = await ok('POST', `/cases/${c.id}/add-tag`, { meta: { 'tag-name': 'urgent' } });
    expect(twice.body.data.attributes.tags).toEqual(['urgent']);
    await ok('POST', `/cases/${c.id}/add-tag`, { meta: { 'tag-name': 'chargeback' } });
    const removed = await ok('POST', `/cases/${c.id}/remove-tag`, {
      meta: { 'tag-name': 'urgent' },
    });
    expect(removed.body.data.attributes.tags).toEqual(['chargeback']);
    const set = await ok('POST', `/cases/${c.id}/set-tags`, {
      meta: { 'tag-name': ['a', 'b', 'a'] },
    });
    expect(set.body.data.attributes.tags).toEqual(['a', 'b']);
    const cleared = await ok('POST', `/cases/${c.id}/set-tags`, { meta: { 'tag-name': [] } });
    expect(cleared.body.data.attributes.tags).toEqual([]);
  });

  it('updates fields, queue, attachments and SLA', async () => {
    const c = (
      await ok(
        'POST',
        '/cases',
        newCase({ 'case-queue-id': general, fields: { reason: 'first' } }),
        201,
      )
    ).body.data;
    clock += 3_600_000;
    const moved = await ok('PATCH', `/cases/${c.id}`, {
      data: { attributes: { fields: { priority: 'high' }, 'case-queue-id': escalations } },
      meta: { 'sla-expires-in-seconds': 3_600 },
    });
    expect(moved.body.data.attributes.fields).toEqual({
      reason: { type: 'string', value: 'first' },
      priority: { type: 'string', value: 'high' },
    });
    expect(moved.body.data.relationships['case-queue'].data).toEqual({
      type: 'case-queue',
      id: escalations,
    });
    expect(moved.body.data.attributes['sla-expires-at']).toBe('2025-03-01T12:00:00.000Z');

    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n').toString('base64');
    const attached = await ok('PATCH', `/cases/${c.id}`, {
      data: {
        attributes: {
          'case-queue-id': null,
          attachments: [{ filename: 'statement.pdf', data: pdf }],
        },
      },
      meta: { 'sla-expires-in-seconds': null },
    });
    expect(attached.body.data.relationships['case-queue'].data).toBeNull();
    expect(attached.body.data.attributes['sla-expires-at']).toBeNull();
    expect(attached.body.data.attributes.attachments).toEqual([
      expect.objectContaining({
        filename: 'statement.pdf',
        'byte-size': Buffer.from(pdf, 'base64').length,
      }),
    ]);

    await refused(
      'PATCH',
      `/cases/${c.id}`,
      { data: { attributes: { fields: { shoe_size: 9 } } } },
      422,
      'data.attributes.fields.shoe_size',
    );
    await refused(
      'PATCH',
      `/cases/${c.id}`,
      { data: { attributes: { 'case-queue-id': 'cqueue_000000000000000000000000' } } },
      422,
      'data.attributes.case-queue-id',
    );
    await refused(
      'PATCH',
      `/cases/${c.id}`,
      {
        data: {
          attributes: {
            attachments: [{ filename: 'notes.txt', data: Buffer.from('hello').toString('base64') }],
          },
        },
      },
      422,
      'data.attributes.attachments[0]',
    );
    await refused(
      'PATCH',
      `/cases/${c.id}`,
      { meta: { 'sla-expires-in-seconds': 7_776_001 } },
      422,
      'sla-expires-in-seconds',
    );
    const fraudCase = (
      await ok(
        'POST',
        '/cases',
        { data: { attributes: { 'case-template-id': fraud, fields: { summary: 's' } } } },
        201,
      )
    ).body.data;
    await refused(
      'PATCH',
      `/cases/${fraudCase.id}`,
      { data: { attributes: { fields: { summary: null } } } },
      422,
      'data.attributes.fields.summary',
    );
  });

  it('redacts field values and attachments for good, in the case and in its events', async () => {
    const ada = await account('ada');
    const c = (
      await ok(
        'POST',
        '/cases',
        newCase({ fields: { reason: 'Passport number 123' } }, { 'object-ids': [ada] }),
        201,
      )
    ).body.data;
    clock += 1_000;
    const redacted = await ok('DELETE', `/cases/${c.id}`);
    expect(redacted.body.data.attributes).toMatchObject({
      fields: {},
      attachments: [],
      'redacted-at': '2025-03-01T10:00:01.000Z',
    });
    expect(redacted.body.data.relationships.accounts.data).toEqual([{ type: 'account', id: ada }]);
    const again = await ok('DELETE', `/cases/${c.id}`);
    expect(again.body.data.attributes['redacted-at']).toBe('2025-03-01T10:00:01.000Z');

    const created = await ok('GET', `/events?filter[name]=case.created&filter[object-id]=${c.id}`);
    expect(created.body.data).toHaveLength(1);
    // Persona's event has no redaction time: the payload shows it was redacted.
    expect(created.body.data[0].attributes).not.toHaveProperty('redacted-at');
    expect(created.body.data[0].attributes.payload.data.attributes.fields).toEqual({});
    expect(JSON.stringify(created.body)).not.toContain('Passport number');

    // The attached account is not redacted with the case.
    const adaAfter = await ok('GET', `/accounts/${ada}`);
    expect(adaAfter.body.data.attributes['redacted-at']).toBeNull();
  });

  it('records the events Persona sends for each change, and none for a redaction', async () => {
    const ada = await account('ada');
    const c = (await ok('POST', '/cases', newCase({}), 201)).body.data;
    await ok('POST', `/cases/${c.id}/set-status`, { meta: { status: 'pending' } });
    await ok('POST', `/cases/${c.id}/set-status`, { meta: { status: 'approved' } });
    await ok('POST', `/cases/${c.id}/set-status`, { meta: { status: 'declined' } });
    await ok('POST', `/cases/${c.id}/set-status`, { meta: { status: 'open' } });
    await ok('POST', `/cases/${c.id}/assign`, { meta: { 'user-email-address': 'r@example.test' } });
    await ok('POST', `/cases/${c.id}/add-objects`, { meta: { 'object-ids': [ada] } });
    await ok('POST', `/cases/${c.id}/add-tag`, { meta: { 'tag-name': 't' } });
    await ok('POST', `/cases/${c.id}/remove-tag`, { meta: { 'tag-name': 't' } });
    await ok('POST', `/cases/${c.id}/set-tags`, { meta: { 'tag-name': ['u'] } });
    await ok('PATCH', `/cases/${c.id}`, { data: { attributes: { fields: { reason: 'x' } } } });
    await ok('DELETE', `/cases/${c.id}`);
    const events = await ok('GET', `/events?filter[object-id]=${c.id}&page[size]=100`);
    expect(
      events.body.data.map((e: { attributes: { name: string } }) => e.attributes.name).reverse(),
    ).toEqual([
      'case.created',
      'case.updated',
      'case.updated',
      'case.resolved',
      'case.updated',
      'case.resolved',
      'case.updated',
      'case.reopened',
      'case.assigned',
      'case.updated',
      'case.updated',
      'case.updated',
      'case.updated',
      'case.updated',
    ]);
  });
});

describe('case lists', () => {
  it('filters cases and pages through them newest first', async () => {
    const ada = await account('ada');
    const bob = await account('bob');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock += 1_000;
      const body = newCase(
        { 'case-queue-id': i % 2 === 0 ? general : escalations },
        { 'object-ids': [i < 3 ? ada : bob] },
      );
      ids.push((await ok('POST', '/cases', body, 201)).body.data.id);
    }
    clock += 1_000;
    const fraudCase = (
      await ok(
        'POST',
        '/cases',
        { data: { attributes: { 'case-template-id': fraud, fields: { summary: 's' } } } },
        201,
      )
    ).body.data.id;
    await ok('POST', `/cases/${ids[1]}/set-status`, { meta: { status: 'declined' } });

    const list = async (query: string) =>
      (await ok('GET', `/cases?${query}`)).body.data.map((c: { id: string }) => c.id);
    expect(await list('')).toEqual([fraudCase, ...[...ids].reverse()]);
    expect(await list(`filter[case-template-id]=${fraud}`)).toEqual([fraudCase]);
    expect(await list(`filter[case-queue-id]=${escalations}`)).toEqual([ids[3], ids[1]]);
    expect(await list('filter[status]=declined')).toEqual([ids[1]]);
    expect(await list(`filter[account-id]=${bob}`)).toEqual([ids[4], ids[3]]);
    expect(await list('filter[reference-id]=ada')).toEqual([ids[2], ids[1], ids[0]]);
    expect(await list(`filter[reference-id]=ada&filter[case-queue-id]=${general}`)).toEqual([
      ids[2],
      ids[0],
    ]);
    expect(await list('filter[reference-id]=nobody')).toEqual([]);
    expect(
      await list(
        'filter[created-at-start]=2025-03-01T10:00:02.000Z&filter[created-at-end]=2025-03-01T10:00:03.000Z',
      ),
    ).toEqual([ids[2], ids[1]]);

    const first = await ok('GET', '/cases?page[size]=4');
    expect(first.body.data).toHaveLength(4);
    expect(first.body.links.prev).toBeNull();
    const next = await ok('GET', first.body.links.next.replace('/api/v1', ''));
    expect(next.body.data.map((c: { id: string }) => c.id)).toEqual([ids[1], ids[0]]);
    expect(next.body.links.next).toBeNull();
  });

  it('lists and retrieves case templates and queues', async () => {
    const templates = await ok('GET', '/case-templates');
    expect(templates.body.data.map((t: { id: string }) => t.id).sort()).toEqual(
      [fraud, review].sort(),
    );
    const one = await ok('GET', `/case-templates/${review}`);
    expect(one.body.data.attributes).toMatchObject({
      status: 'active',
      statuses: ['open', 'pending', 'approved', 'declined'],
      resolutions: ['approved', 'declined'],
    });
    const archived = await ok('GET', '/case-templates?filter[status]=archived');
    expect(archived.body.data).toEqual([]);
    await refused(
      'GET',
      '/case-templates/ctmpl_000000000000000000000000',
      undefined,
      404,
      'ctmpl_000000000000000000000000',
    );
    const queues = await ok('GET', '/case-queues?filter[status]=active');
    expect(queues.body.data.map((q: { id: string }) => q.id).sort()).toEqual(
      [escalations, general].sort(),
    );
  });

  it('keeps each API key to its own cases', async () => {
    const c = (await ok('POST', '/cases', newCase({}), 201)).body.data;
    const other = mockClient(mock, 'other-key');
    const list = await other('GET', '/cases');
    expect(list.violations).toEqual([]);
    expect(list.body.data).toEqual([]);
    const read = await other('GET', `/cases/${c.id}`);
    expect(read.status).toBe(404);
    expect(read.violations).toEqual([]);
    const tag = await other('POST', `/cases/${c.id}/add-tag`, { meta: { 'tag-name': 'x' } });
    expect(tag.status).toBe(404);
    const mine = await ok('GET', `/cases/${c.id}`);
    expect(mine.body.data.attributes.tags).toEqual([]);
  });
});
