import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

const template = seedIds.inquiryTemplates.governmentId;
const { user, business } = seedIds.accountTypes;

/** Every answer of these tests is checked against the spec. */
const valid = (answer: Answer) => {
  expect(answer.violations).toEqual([]);
  return answer;
};

const createInquiry = async (
  attributes: Record<string, unknown> = {},
  meta?: Record<string, unknown>,
) =>
  valid(
    await call('POST', '/inquiries', {
      data: { attributes: { 'inquiry-template-id': template, ...attributes } },
      ...(meta ? { meta } : {}),
    }),
  );

const accountOf = (answer: Answer): string => answer.body.data.relationships.account.data?.id;

describe('create an inquiry', () => {
  it('starts an inquiry from a template, prefilled, and attaches it to a new account of its reference id', async () => {
    const created = await createInquiry(
      {
        tags: ['onboarding'],
        fields: { 'name-first': 'Ingrid', name_last: 'Solberg', 'loyalty-tier': 'gold' },
      },
      { 'auto-create-account-reference-id': 'customer-1' },
    );
    expect(created.status).toBe(201);
    const inquiry = created.body.data;
    expect(inquiry.id).toMatch(/^inq_[A-Za-z0-9]{24}$/);
    expect(inquiry.attributes).toMatchObject({
      status: 'created',
      'reference-id': 'customer-1',
      tags: ['onboarding'],
      'name-first': 'Ingrid',
      'name-last': 'Solberg',
      'redacted-at': null,
    });
    expect(inquiry.attributes.fields['loyalty-tier']).toEqual({ type: 'string', value: 'gold' });
    expect(inquiry.relationships['inquiry-template'].data).toEqual({
      type: 'inquiry-template',
      id: template,
    });

    const account = valid(await call('GET', `/accounts/${accountOf(created)}`));
    expect(account.body.data.attributes['reference-id']).toBe('customer-1');
    expect(account.body.data.attributes['account-type-name']).toBe('User');
    const ofAccount = valid(
      await call('GET', `/inquiries?filter[account-id]=${accountOf(created)}`),
    );
    expect(ofAccount.body.data.map((i: { id: string }) => i.id)).toEqual([inquiry.id]);
  });

  it('joins the account that already has the reference id, whatever type was asked for', async () => {
    const existing = valid(
      await call('POST', '/accounts', {
        data: { attributes: { 'reference-id': 'biz-9', 'account-type-id': business } },
      }),
    );
    const created = await createInquiry(
      {},
      { 'auto-create-account-reference-id': 'biz-9', 'auto-create-account-type-id': user },
    );
    expect(accountOf(created)).toBe(existing.body.data.id);
    const again = await createInquiry({}, { 'auto-create-account-reference-id': 'biz-9' });
    expect(accountOf(again)).toBe(existing.body.data.id);
    const listed = valid(await call('GET', '/accounts?filter[reference-id]=biz-9'));
    expect(listed.body.data).toHaveLength(1);
    const ofAccount = valid(
      await call('GET', `/inquiries?filter[account-id]=${existing.body.data.id}`),
    );
    expect(ofAccount.body.data.map((i: { id: string }) => i.id).sort()).toEqual(
      [created.body.data.id, again.body.data.id].sort(),
    );
  });

  it('creates the account with the given type when the reference id is new', async () => {
    const created = await createInquiry(
      {},
      { 'auto-create-account-reference-id': 'biz-1', 'auto-create-account-type-id': business },
    );
    const account = valid(await call('GET', `/accounts/${accountOf(created)}`));
    expect(account.body.data.attributes['account-type-name']).toBe('Business');
    expect(account.body.data.relationships['account-type'].data.id).toBe(business);
  });

  it('uses data.attributes.reference-id when meta names none', async () => {
    const first = await createInquiry({ 'reference-id': 'legacy-7' });
    const second = await createInquiry({}, { 'auto-create-account-reference-id': 'legacy-7' });
    expect(accountOf(second)).toBe(accountOf(first));
    expect(second.body.data.attributes['reference-id']).toBe('legacy-7');
  });

  it('creates a fresh account for each inquiry without a reference id', async () => {
    const a = await createInquiry();
    const b = await createInquiry();
    expect(accountOf(a)).toMatch(/^act_/);
    expect(accountOf(b)).not.toBe(accountOf(a));
    expect(a.body.data.attributes['reference-id']).toBeNull();
  });

  it('attaches to data.attributes.account-id, and to no account when auto-create is off', async () => {
    const account = valid(
      await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'u-1' } } }),
    );
    const attached = await createInquiry({ 'account-id': account.body.data.id });
    expect(accountOf(attached)).toBe(account.body.data.id);
    expect(attached.body.data.attributes['reference-id']).toBe('u-1');
    const alone = await createInquiry({}, { 'auto-create-account': false });
    expect(alone.status).toBe(201);
    expect(alone.body.data.relationships.account.data).toBeNull();
  });

  it('answers 422 naming the field for every mistake, and creates no account then', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown> | undefined, string][] = [
      [
        { 'inquiry-template-id': 'itmpl_000000000000000000000000' },
        undefined,
        'data.attributes.inquiry-template-id',
      ],
      [{ 'account-id': 'act_000000000000000000000000' }, undefined, 'data.attributes.account-id'],
      [
        {},
        { 'auto-create-account': false, 'auto-create-account-reference-id': 'x' },
        'meta.auto-create-account-reference-id',
      ],
      [
        {},
        { 'auto-create-account': false, 'auto-create-account-type-id': user },
        'meta.auto-create-account-type-id',
      ],
      [
        {},
        { 'auto-create-account-type-id': 'acttp_000000000000000000000000' },
        'meta.auto-create-account-type-id',
      ],
      [
        { fields: { birthdate: 'last spring' } },
        { 'auto-create-account-reference-id': 'y' },
        'data.attributes.fields.birthdate',
      ],
      [
        { fields: { date_of_birth: null, birthdate: '2020-02-31' } },
        undefined,
        'data.attributes.fields.birthdate',
      ],
      [{ fields: { 'name-first': 42 } }, undefined, 'data.attributes.fields.name-first'],
    ];
    for (const [attributes, meta, field] of cases) {
      const answer = await createInquiry(attributes, meta);
      expect(answer.status, field).toBe(422);
      expect(answer.body.errors[0].details, field).toContain(field);
    }
    const accounts = valid(await call('GET', '/accounts'));
    expect(accounts.body.data).toEqual([]);
  });

  it('creates from a template version id, and refuses a version of another template', async () => {
    const version = `itmplv_${template.slice('itmpl_'.length)}`;
    const created = valid(
      await call('POST', '/inquiries', {
        data: { attributes: { 'inquiry-template-version-id': version } },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.data.relationships['inquiry-template'].data.id).toBe(template);
    expect(created.body.data.relationships['inquiry-template-version'].data.id).toBe(version);
    const mismatch = await createInquiry({
      'inquiry-template-version-id': 'itmplv_Selfie000000000000000000',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors[0].details).toContain('inquiry-template-version-id');
  });
});

describe('inquiry status', () => {
  it('approves with a comment, then refuses any other decision with a 409', async () => {
    const { body } = await createInquiry();
    const approved = valid(
      await call('POST', `/inquiries/${body.data.id}/approve`, {
        meta: { comment: 'Document and selfie agree' },
      }),
    );
    expect(approved.status).toBe(200);
    expect(approved.body.data.attributes).toMatchObject({
      status: 'approved',
      'reviewer-comment': 'Document and selfie agree',
    });
    expect(approved.body.data.attributes['decisioned-at']).not.toBeNull();
    for (const action of ['approve', 'decline', 'expire', 'resume']) {
      const again = valid(await call('POST', `/inquiries/${body.data.id}/${action}`));
      expect(again.status, action).toBe(409);
      expect(again.body.errors[0].details).toContain('approved');
    }
  });

  it('declines without a body', async () => {
    const { body } = await createInquiry();
    const declined = valid(await call('POST', `/inquiries/${body.data.id}/decline`));
    expect(declined.body.data.attributes.status).toBe('declined');
    expect(declined.body.data.attributes['reviewer-comment']).toBeNull();
  });

  it('expires, refuses to decide an expired inquiry, and resumes it to pending', async () => {
    const { body } = await createInquiry();
    const id = body.data.id;
    const resumed = valid(await call('POST', `/inquiries/${id}/resume`));
    const token = resumed.body.meta['session-token'];
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(resumed.body.data.attributes.status).toBe('created');
    const reused = valid(await call('POST', `/inquiries/${id}/resume`));
    expect(reused.body.meta['session-token']).toBe(token);

    const expired = valid(await call('POST', `/inquiries/${id}/expire`));
    expect(expired.body.data.attributes.status).toBe('expired');
    expect(expired.body.data.attributes['expired-at']).not.toBeNull();
    const approve = valid(await call('POST', `/inquiries/${id}/approve`));
    expect(approve.status).toBe(409);
    expect(approve.body.errors[0].details).toContain('expired');
    expect(valid(await call('POST', `/inquiries/${id}/expire`)).status).toBe(409);

    const back = valid(await call('POST', `/inquiries/${id}/resume`));
    expect(back.body.data.attributes).toMatchObject({ status: 'pending', 'expired-at': null });
    expect(back.body.meta['session-token']).not.toBe(token);
    expect(valid(await call('POST', `/inquiries/${id}/approve`)).body.data.attributes.status).toBe(
      'approved',
    );
  });

  it('answers 404 for an inquiry that does not exist', async () => {
    for (const [method, path] of [
      ['GET', ''],
      ['POST', '/approve'],
      ['POST', '/resume'],
      ['DELETE', ''],
    ] as const) {
      const answer = valid(await call(method, `/inquiries/inq_000000000000000000000000${path}`));
      expect(answer.status).toBe(404);
    }
  });
});

describe('update, tags and redaction', () => {
  it('updates the note, tags and fields, keeping what is left out', async () => {
    const { body } = await createInquiry({
      note: 'first',
      fields: { 'name-first': 'Ada', tier: 'gold' },
    });
    const updated = valid(
      await call('PATCH', `/inquiries/${body.data.id}`, {
        data: {
          attributes: {
            tags: ['a', 'b', 'a'],
            fields: { tier: 'silver', birthdate: '1990-01-31' },
          },
        },
      }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.data.attributes).toMatchObject({
      note: 'first',
      tags: ['a', 'b'],
      'name-first': 'Ada',
      birthdate: '1990-01-31',
    });
    expect(updated.body.data.attributes.fields).toMatchObject({
      tier: { type: 'string', value: 'silver' },
      birthdate: { type: 'date', value: '1990-01-31' },
      'name-first': { type: 'string', value: 'Ada' },
    });
  });

  it('adds, removes and sets tags', async () => {
    const { body } = await createInquiry();
    const path = `/inquiries/${body.data.id}`;
    valid(await call('POST', `${path}/add-tag`, { meta: { 'tag-name': 'vip' } }));
    const twice = valid(await call('POST', `${path}/add-tag`, { meta: { 'tag-name': 'vip' } }));
    expect(twice.body.data.attributes.tags).toEqual(['vip']);
    const set = valid(await call('POST', `${path}/set-tags`, { meta: { 'tag-name': ['x', 'y'] } }));
    expect(set.body.data.attributes.tags).toEqual(['x', 'y']);
    const removed = valid(await call('POST', `${path}/remove-tag`, { meta: { 'tag-name': 'x' } }));
    expect(removed.body.data.attributes.tags).toEqual(['y']);
    const events = mock.core.orgFor('key-test').collection('events');
    const names = [...events.values()].map((e) => e.attributes.name);
    // Persona sends no event for an inquiry's tags.
    expect(names.filter((n) => (n as string).startsWith('inquiry.'))).toEqual(['inquiry.created']);
  });

  it('redacts personal data for good; a redacted inquiry cannot be updated or resumed', async () => {
    const { body } = await createInquiry(
      { fields: { 'name-first': 'Ingrid', 'email-address': 'ingrid@example.org', tier: 'gold' } },
      { 'auto-create-account-reference-id': 'r-1' },
    );
    const id = body.data.id;
    const redacted = valid(await call('DELETE', `/inquiries/${id}`));
    expect(redacted.status).toBe(200);
    const attributes = redacted.body.data.attributes;
    expect(attributes['redacted-at']).not.toBeNull();
    expect(attributes['name-first']).toBeNull();
    expect(attributes['email-address']).toBeNull();
    expect(attributes.fields.tier).toEqual({ type: 'string', value: null });
    expect(attributes['reference-id']).toBe('r-1');
    expect(JSON.stringify(valid(await call('GET', `/inquiries/${id}`)).body)).not.toContain(
      'Ingrid',
    );

    const again = valid(await call('DELETE', `/inquiries/${id}`));
    expect(again.body.data.attributes['redacted-at']).toBe(attributes['redacted-at']);
    const update = valid(
      await call('PATCH', `/inquiries/${id}`, { data: { attributes: { note: 'x' } } }),
    );
    expect(update.status).toBe(409);
    expect(valid(await call('POST', `/inquiries/${id}/resume`)).status).toBe(409);

    // The events that recorded the inquiry lose its personal data too.
    const events = [...mock.core.orgFor('key-test').collection('events').values()];
    expect(JSON.stringify(events)).not.toContain('Ingrid');
    // Persona sends no event for an inquiry's redaction.
    expect(events.map((e) => e.attributes.name).sort()).toEqual([
      'account.created',
      'inquiry.created',
    ]);
  });
});

describe('list inquiries', () => {
  it('filters by account, reference id, template and status, newest first, in pages', async () => {
    const a = await createInquiry({}, { 'auto-create-account-reference-id': 'list-a' });
    const b = await createInquiry({}, { 'auto-create-account-reference-id': 'list-b' });
    const selfie = await createInquiry(
      { 'inquiry-template-id': seedIds.inquiryTemplates.selfie },
      { 'auto-create-account-reference-id': 'list-a' },
    );
    valid(await call('POST', `/inquiries/${b.body.data.id}/approve`));
    const ids = async (query: string) => {
      const answer = valid(await call('GET', `/inquiries${query}`));
      expect(answer.status).toBe(200);
      return answer.body.data.map((i: { id: string }) => i.id);
    };
    expect(await ids('')).toEqual([selfie.body.data.id, b.body.data.id, a.body.data.id]);
    expect(await ids(`?filter[account-id]=${accountOf(a)}`)).toEqual([
      selfie.body.data.id,
      a.body.data.id,
    ]);
    expect(await ids(`?filter[account-id]=${accountOf(a)},${accountOf(b)}`)).toHaveLength(3);
    expect(await ids('?filter[reference-id]=list-b')).toEqual([b.body.data.id]);
    expect(await ids(`?filter[inquiry-template-id]=${seedIds.inquiryTemplates.selfie}`)).toEqual([
      selfie.body.data.id,
    ]);
    expect(await ids('?filter[status]=approved')).toEqual([b.body.data.id]);
    expect(await ids('?filter[status]=created,approved')).toHaveLength(3);
    expect(
      await ids(`?filter[reference-id]=list-a&filter[inquiry-template-id]=${template}`),
    ).toEqual([a.body.data.id]);
    expect(await ids('?filter[created-at-end]=2000-01-01T00:00:00.000Z')).toEqual([]);

    const first = valid(await call('GET', '/inquiries?page[size]=2'));
    expect(first.body.data).toHaveLength(2);
    expect(first.body.links.next).toContain(`page%5Bafter%5D=${b.body.data.id}`);
    const next = valid(await call('GET', first.body.links.next.replace('/api/v1', '')));
    expect(next.body.data.map((i: { id: string }) => i.id)).toEqual([a.body.data.id]);
    expect(next.body.links.next).toBeNull();

    const bad = valid(await call('GET', '/inquiries?filter[status]=done'));
    expect(bad.status).toBe(400);
  });
});

describe('isolation', () => {
  it('keeps inquiries to the API key that created them', async () => {
    const { body } = await createInquiry({}, { 'auto-create-account-reference-id': 'mine' });
    const other = mockClient(mock, 'another-key');
    const id = body.data.id;
    expect((await other('GET', `/inquiries/${id}`)).status).toBe(404);
    expect((await other('POST', `/inquiries/${id}/approve`)).status).toBe(404);
    expect(
      (await other('PATCH', `/inquiries/${id}`, { data: { attributes: { note: 'x' } } })).status,
    ).toBe(404);
    expect((await other('DELETE', `/inquiries/${id}`)).status).toBe(404);
    expect(
      (await other('POST', `/inquiries/${id}/add-tag`, { meta: { 'tag-name': 'x' } })).status,
    ).toBe(404);
    const list = await other('GET', '/inquiries?filter[reference-id]=mine');
    expect(list.violations).toEqual([]);
    expect(list.body.data).toEqual([]);
    // The same reference id under another key is another account.
    const theirs = await other('POST', '/inquiries', {
      data: { attributes: { 'inquiry-template-id': template } },
      meta: { 'auto-create-account-reference-id': 'mine' },
    });
    expect(theirs.status).toBe(201);
    expect(accountOf(theirs)).not.toBe(accountOf({ body } as Answer));
    expect(valid(await call('GET', `/inquiries/${id}`)).body.data.attributes.status).toBe(
      'created',
    );
  });
});
