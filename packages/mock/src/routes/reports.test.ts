import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

const templates = seedIds.reportTemplates;

const valid = (answer: Answer) => {
  expect(answer.violations).toEqual([]);
  return answer;
};

const createReport = async (
  templateId: string,
  query: Record<string, unknown>,
  meta?: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) =>
  valid(
    await call('POST', '/reports', {
      data: { attributes: { 'report-template-id': templateId, query, ...extra } },
      ...(meta ? { meta } : {}),
    }),
  );

const eventNames = () =>
  [...mock.core.orgFor('key-test').collection('events').values()].map((e) => e.attributes.name);

describe('create a report', () => {
  it('runs a watchlist report at once: ready, no match for an ordinary name', async () => {
    const created = await createReport(
      templates.watchlist,
      {
        'name-first': 'Ingrid',
        'name-last': 'Solberg',
        birthdate: '1988-02-17',
        'address-country-code': 'US',
      },
      { 'auto-create-account-reference-id': 'customer-1' },
    );
    expect(created.status).toBe(201);
    const report = created.body.data;
    expect(report.type).toBe('report/watchlist');
    expect(report.id).toMatch(/^rep_[A-Za-z0-9]{24}$/);
    expect(report.attributes).toMatchObject({
      status: 'ready',
      'has-match': false,
      term: 'Ingrid Solberg',
      'country-code': 'US',
      birthdate: '1988-02-17',
      'matched-lists': [],
    });
    expect(report.attributes['completed-at']).not.toBeNull();
    expect(report.relationships['report-template'].data).toEqual({
      type: 'report-template/watchlist',
      id: templates.watchlist,
    });
    const account = valid(await call('GET', `/accounts/${report.relationships.account.data.id}`));
    expect(account.body.data.attributes['reference-id']).toBe('customer-1');
    const ofAccount = valid(
      await call('GET', `/reports?filter[account-id]=${account.body.data.id}`),
    );
    expect(ofAccount.body.data.map((r: { id: string; type: string }) => [r.type, r.id])).toEqual([
      ['report/watchlist', report.id],
    ]);
    // Persona announces a report when it is ready, not when it is asked for.
    expect(eventNames().filter((n) => (n as string).startsWith('report/'))).toEqual([
      'report/watchlist.ready',
    ]);
  });

  it('finds a match when the name contains "match", for every name-based kind', async () => {
    const watchlist = await createReport(templates.watchlist, { term: 'Matcha Tee' });
    expect(watchlist.body.data.attributes['has-match']).toBe(true);
    expect(watchlist.body.data.attributes['matched-lists'][0]['list-type']).toBe('sanction');
    const pep = await createReport(templates.pep, { 'name-last': 'Rematch', 'country-code': 'GB' });
    expect(pep.body.data.type).toBe('report/politically-exposed-person');
    expect(pep.body.data.attributes.query).toMatchObject({
      'name-last': 'Rematch',
      'country-code': 'GB',
    });
    expect(pep.body.data.attributes.result).toHaveLength(1);
    const media = await createReport(templates.adverseMedia, {
      'name-first': 'Ann',
      'name-last': 'Smith',
    });
    expect(media.body.data.attributes).toMatchObject({ 'has-match': false, 'related-sources': [] });
    expect(eventNames()).toContain('report/watchlist.matched');
  });

  it('rates email addresses and phone numbers deterministically', async () => {
    const clean = await createReport(templates.emailAddress, {
      'email-address': 'ingrid@example.org',
    });
    expect(clean.body.data.attributes).toMatchObject({
      'has-match': false,
      'email-reputation': 'high',
      'email-domain': 'example.org',
    });
    const again = await createReport(templates.emailAddress, {
      'email-address': 'ingrid@example.org',
    });
    expect(again.body.data.attributes['email-estimated-age-days']).toBe(
      clean.body.data.attributes['email-estimated-age-days'],
    );
    const risky = await createReport(templates.emailAddress, {
      'email-address': 'match@example.org',
    });
    expect(risky.body.data.attributes).toMatchObject({
      'has-match': true,
      'email-reputation': 'low',
    });
    const phone = await createReport(templates.phoneNumber, { 'phone-number': '+1 503 555 0142' });
    expect(phone.body.data.attributes).toMatchObject({
      'phone-risk-recommendation': 'allow',
      'has-match': false,
    });
    const blocked = await createReport(templates.phoneNumber, { 'phone-number': '+15035550000' });
    expect(blocked.body.data.attributes).toMatchObject({
      'phone-risk-recommendation': 'block',
      'has-match': true,
    });
    // Persona has no `matched` event for these kinds: only `ready`.
    expect(eventNames().filter((n) => (n as string).endsWith('.matched'))).toEqual([]);
  });

  it('answers 422 naming what is missing or wrong, and creates no account then', async () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown> | undefined, string][] =
      [
        [
          templates.watchlist,
          { birthdate: '1990-01-01' },
          undefined,
          'data.attributes.query.name-first',
        ],
        [templates.pep, { 'name-first': '  ' }, undefined, 'data.attributes.query.name-first'],
        [
          templates.emailAddress,
          { 'name-first': 'Ann' },
          undefined,
          'data.attributes.query.email-address',
        ],
        [
          templates.emailAddress,
          { 'email-address': 'not-an-address' },
          undefined,
          'data.attributes.query.email-address',
        ],
        [templates.phoneNumber, { term: 'Ann' }, undefined, 'data.attributes.query.phone-number'],
        [
          'rptp_000000000000000000000000',
          { term: 'Ann' },
          undefined,
          'data.attributes.report-template-id',
        ],
        [
          templates.watchlist,
          { term: 'Ann' },
          {
            'auto-create-account': false,
            'auto-create-account-type-id': seedIds.accountTypes.user,
          },
          'meta.auto-create-account-type-id',
        ],
        [
          templates.watchlist,
          { term: 'Ann' },
          { 'auto-create-account': false, 'auto-create-account-reference-id': 'r' },
          'meta.auto-create-account-reference-id',
        ],
      ];
    for (const [templateId, query, meta, field] of cases) {
      const answer = await createReport(templateId, query, meta);
      expect(answer.status, field).toBe(422);
      expect(answer.body.errors[0].details, field).toContain(field);
    }
    const mismatch = valid(
      await call('POST', '/reports', {
        data: {
          type: 'report/email-address',
          attributes: { 'report-template-id': templates.watchlist, query: { term: 'A' } },
        },
      }),
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors[0].details).toContain('data.type');
    const unknownAccount = await createReport(templates.watchlist, { term: 'A' }, undefined, {
      'account-id': 'act_000000000000000000000000',
    });
    expect(unknownAccount.status).toBe(422);
    expect(unknownAccount.body.errors[0].details).toContain('data.attributes.account-id');
    expect(valid(await call('GET', '/accounts')).body.data).toEqual([]);
  });

  it('joins the account of an existing reference id whatever its type, and runs without an account', async () => {
    const business = valid(
      await call('POST', '/accounts', {
        data: {
          attributes: { 'reference-id': 'b-1', 'account-type-id': seedIds.accountTypes.business },
        },
      }),
    );
    const joined = await createReport(
      templates.watchlist,
      { term: 'Ann' },
      { 'auto-create-account-reference-id': 'b-1' },
    );
    expect(joined.body.data.relationships.account.data.id).toBe(business.body.data.id);
    const alone = await createReport(
      templates.watchlist,
      { term: 'Ann' },
      { 'auto-create-account': false },
    );
    expect(alone.body.data.relationships.account.data).toBeNull();
  });
});

describe('tags, redaction and lists', () => {
  it('adds, removes and sets tags', async () => {
    const { body } = await createReport(templates.watchlist, { term: 'Ann' });
    const path = `/reports/${body.data.id}`;
    valid(await call('POST', `${path}/add-tag`, { meta: { 'tag-name': 'escalated' } }));
    const set = valid(
      await call('POST', `${path}/set-tags`, { meta: { 'tag-name': ['a', 'b', 'a'] } }),
    );
    expect(set.body.data.attributes.tags).toEqual(['a', 'b']);
    const removed = valid(await call('POST', `${path}/remove-tag`, { meta: { 'tag-name': 'a' } }));
    expect(removed.body.data.attributes.tags).toEqual(['b']);
    // Persona sends no event for a report's tags.
    expect(eventNames().filter((n) => (n as string).startsWith('report/'))).toEqual([
      'report/watchlist.ready',
    ]);
  });

  it('redacts search input and findings of every kind, keeping the outcome', async () => {
    const made = [
      await createReport(templates.watchlist, { 'name-first': 'Matt', 'name-last': 'Matcher' }),
      await createReport(templates.pep, { term: 'Ann Smith' }),
      await createReport(templates.adverseMedia, { term: 'Mismatched Name' }),
      await createReport(templates.emailAddress, { 'email-address': 'ann@example.org' }),
      await createReport(templates.phoneNumber, { 'phone-number': '+15035550142' }),
    ];
    for (const { body } of made) {
      const redacted = valid(await call('DELETE', `/reports/${body.data.id}`));
      expect(redacted.status).toBe(200);
      const attributes = redacted.body.data.attributes;
      expect(attributes['redacted-at']).not.toBeNull();
      expect(attributes['has-match']).toBe(body.data.attributes['has-match']);
      const text = JSON.stringify(valid(await call('GET', `/reports/${body.data.id}`)).body);
      for (const secret of ['Matt', 'Ann', 'Mismatched', 'ann@example.org', '5550142']) {
        expect(text).not.toContain(secret);
      }
    }
    const events = JSON.stringify([...mock.core.orgFor('key-test').collection('events').values()]);
    expect(events).not.toContain('ann@example.org');
    expect(events).not.toContain('Mismatched');
  });

  it('lists reports newest first, filtered by account, reference id, template and status', async () => {
    const a = await createReport(
      templates.watchlist,
      { term: 'A' },
      { 'auto-create-account-reference-id': 'ra' },
    );
    const b = await createReport(
      templates.emailAddress,
      { 'email-address': 'b@example.org' },
      {
        'auto-create-account-reference-id': 'rb',
      },
    );
    const c = await createReport(
      templates.watchlist,
      { term: 'C' },
      { 'auto-create-account-reference-id': 'ra' },
    );
    const ids = async (query: string) => {
      const answer = valid(await call('GET', `/reports${query}`));
      expect(answer.status).toBe(200);
      return answer.body.data.map((r: { id: string }) => r.id);
    };
    const [ida, idb, idc] = [a.body.data.id, b.body.data.id, c.body.data.id];
    expect(await ids('')).toEqual([idc, idb, ida]);
    expect(await ids(`?filter[account-id]=${a.body.data.relationships.account.data.id}`)).toEqual([
      idc,
      ida,
    ]);
    expect(await ids('?filter[reference-id]=rb')).toEqual([idb]);
    expect(await ids(`?filter[report-template-id]=${templates.watchlist}`)).toEqual([idc, ida]);
    expect(await ids('?filter[status]=pending,errored')).toEqual([]);
    expect(await ids('?filter[status]=ready&page[size]=1')).toEqual([idc]);
  });

  it('keeps reports to the API key that created them', async () => {
    const { body } = await createReport(
      templates.watchlist,
      { term: 'Ann' },
      { 'auto-create-account-reference-id': 'own' },
    );
    const other = mockClient(mock, 'another-key');
    const id = body.data.id;
    expect((await other('GET', `/reports/${id}`)).status).toBe(404);
    expect((await other('DELETE', `/reports/${id}`)).status).toBe(404);
    expect(
      (await other('POST', `/reports/${id}/add-tag`, { meta: { 'tag-name': 'x' } })).status,
    ).toBe(404);
    const list = await other('GET', '/reports?filter[reference-id]=own');
    expect(list.violations).toEqual([]);
    expect(list.body.data).toEqual([]);
    expect(
      valid(await call('GET', `/reports/${id}`)).body.data.attributes['redacted-at'],
    ).toBeNull();
  });
});
