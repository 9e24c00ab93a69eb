import type { Adapter } from 'lowdb';
import { describe, expect, it } from 'vitest';
import type { MockData } from '../../core/store.js';
import { createPersonaMock, type PersonaMock, seedIds } from '../../index.js';
import { type Answer, mockClient } from '../../test-support/test-client.js';
import { linkedTo } from '../accounts/links.js';
import { resolveAccount } from '../accounts/resolve.js';

const valid = (answer: Answer) => {
  expect(answer.violations).toEqual([]);
  return answer;
};

/** A store whose writes take a while, so requests interleave as they do against a file. */
const slowDisk = (): Adapter<MockData> => ({
  read: async () => null,
  write: () => new Promise((resolve) => setTimeout(resolve, 3)),
});

describe('auto-create account under concurrency', () => {
  it('gives 200 concurrent inquiries, reports and account creations for one reference id one account', async () => {
    const mock = createPersonaMock({ storage: slowDisk() });
    const call = mockClient(mock);
    const requests = Array.from({ length: 200 }, (_, i) => {
      switch (i % 4) {
        case 0:
          return call('POST', '/inquiries', {
            data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
            meta: { 'auto-create-account-reference-id': 'rush-1' },
          });
        case 1:
          return call('POST', '/reports', {
            data: {
              attributes: {
                'report-template-id': seedIds.reportTemplates.watchlist,
                query: { term: 'Ann' },
              },
            },
            meta: {
              'auto-create-account-reference-id': 'rush-1',
              'auto-create-account-type-id': seedIds.accountTypes.user,
            },
          });
        case 2:
          return call('POST', '/accounts', { data: { attributes: { 'reference-id': 'rush-1' } } });
        default:
          return call('POST', '/inquiries', {
            data: {
              attributes: {
                'inquiry-template-id': seedIds.inquiryTemplates.selfie,
                'reference-id': 'rush-1',
              },
            },
          });
      }
    });
    const answers = await Promise.all(requests);
    for (const answer of answers) {
      expect(answer.violations).toEqual([]);
      expect([200, 201]).toContain(answer.status);
    }
    const accounts = valid(
      await call('GET', '/accounts?filter[reference-id]=rush-1&page[size]=100'),
    );
    expect(accounts.body.data).toHaveLength(1);
    const account = accounts.body.data[0];
    const linked = answers
      .map((a) =>
        a.body.data.type === 'account' ? a.body.data.id : a.body.data.relationships.account.data.id,
      )
      .filter((id) => id !== account.id);
    expect(linked).toEqual([]);
    const inquiries = valid(
      await call('GET', `/inquiries?filter[account-id]=${account.id}&page[size]=100`),
    );
    expect(inquiries.body.data).toHaveLength(100);
    const reports = valid(
      await call('GET', `/reports?filter[account-id]=${account.id}&page[size]=100`),
    );
    expect(reports.body.data).toHaveLength(50);
    // The account's own list (what consolidation and redaction follow) has each once.
    const stored = mock.core.orgFor('key-test').findById(account.id)!;
    expect(new Set(linkedTo(stored, 'inquiries').map((l) => l.id)).size).toBe(100);
    expect(linkedTo(stored, 'inquiries')).toHaveLength(100);
    expect(linkedTo(stored, 'reports')).toHaveLength(50);
    expect(
      answers.filter((a) => a.status === 201 && a.body.data.type === 'account').length,
    ).toBeLessThanOrEqual(1);
  });
});

describe('redaction cascade', () => {
  const setup = async (): Promise<{ mock: PersonaMock; call: ReturnType<typeof mockClient> }> => {
    const mock = createPersonaMock();
    return { mock, call: mockClient(mock) };
  };

  it('redacts an account, its inquiries, its reports and the events that recorded them', async () => {
    const { mock, call } = await setup();
    const inquiry = valid(
      await call('POST', '/inquiries', {
        data: {
          attributes: {
            'inquiry-template-id': seedIds.inquiryTemplates.governmentId,
            fields: {
              'name-first': 'Ingrid',
              'phone-number': '+15035550142',
              'loyalty-tier': 'gold',
            },
          },
        },
        meta: { 'auto-create-account-reference-id': 'person-1' },
      }),
    );
    const accountId = inquiry.body.data.relationships.account.data.id;
    const report = valid(
      await call('POST', '/reports', {
        data: {
          attributes: {
            'report-template-id': seedIds.reportTemplates.emailAddress,
            query: { 'email-address': 'ingrid@example.org' },
          },
        },
        meta: { 'auto-create-account-reference-id': 'person-1' },
      }),
    );
    expect(report.body.data.relationships.account.data.id).toBe(accountId);
    const unrelated = valid(
      await call('POST', '/reports', {
        data: {
          attributes: {
            'report-template-id': seedIds.reportTemplates.watchlist,
            query: { term: 'Ingrid Other' },
          },
        },
        meta: { 'auto-create-account-reference-id': 'person-2' },
      }),
    );

    valid(await call('DELETE', `/accounts/${accountId}`));

    const after = valid(await call('GET', `/inquiries/${inquiry.body.data.id}`)).body.data
      .attributes;
    expect(after['redacted-at']).not.toBeNull();
    expect(after['name-first']).toBeNull();
    expect(after['phone-number']).toBeNull();
    expect(after.fields['loyalty-tier']).toEqual({ type: 'string', value: null });
    const reportAfter = valid(await call('GET', `/reports/${report.body.data.id}`)).body.data
      .attributes;
    expect(reportAfter['redacted-at']).not.toBeNull();
    expect(reportAfter['email-address']).toBeNull();
    expect(reportAfter['email-domain']).toBeNull();
    const untouched = valid(await call('GET', `/reports/${unrelated.body.data.id}`)).body.data
      .attributes;
    expect(untouched).toMatchObject({ 'redacted-at': null, term: 'Ingrid Other' });

    const events = [...mock.core.orgFor('key-test').collection('events').values()];
    const text = JSON.stringify(
      events.filter((e) => !JSON.stringify(e).includes(unrelated.body.data.id)),
    );
    expect(text).not.toContain('5550142');
    expect(text).not.toContain('ingrid@example.org');
    // Of the cascade, Persona announces only the account's redaction.
    const names = events.map((e) => e.attributes.name);
    expect(names.filter((n) => (n as string).endsWith('.redacted'))).toEqual(['account.redacted']);

    // The account's inquiries can no longer be resumed; a new one for the person still joins the account.
    expect(valid(await call('POST', `/inquiries/${inquiry.body.data.id}/resume`)).status).toBe(409);
    const later = valid(
      await call('POST', '/inquiries', {
        data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
        meta: { 'auto-create-account-reference-id': 'person-1' },
      }),
    );
    expect(later.body.data.relationships.account.data.id).toBe(accountId);
    expect(later.body.data.attributes['redacted-at']).toBeNull();
  });
});

describe('resolveAccount', () => {
  it('hands a consolidated reference id over to the account it was consolidated into', async () => {
    const mock = createPersonaMock();
    const call = mockClient(mock);
    const source = valid(
      await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'old-id' } } }),
    );
    const destination = valid(
      await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'new-id' } } }),
    );
    valid(
      await call('POST', `/accounts/${destination.body.data.id}/consolidate`, {
        meta: { 'source-account-ids': [source.body.data.id] },
      }),
    );
    const org = mock.core.orgFor('key-test');
    const account = resolveAccount(org, mock.core.now(), {
      meta: { 'auto-create-account-reference-id': 'old-id' },
    });
    expect(account?.id).toBe(destination.body.data.id);
  });

  it('prefers the account of the requested type when several types share a reference id', async () => {
    const mock = createPersonaMock();
    const call = mockClient(mock);
    valid(await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'shared' } } }));
    const business = valid(
      await call('POST', '/accounts', {
        data: {
          attributes: {
            'reference-id': 'shared',
            'account-type-id': seedIds.accountTypes.business,
          },
        },
      }),
    );
    const org = mock.core.orgFor('key-test');
    const account = resolveAccount(org, mock.core.now(), {
      meta: {
        'auto-create-account-reference-id': 'shared',
        'auto-create-account-type-id': seedIds.accountTypes.business,
      },
    });
    expect(account?.id).toBe(business.body.data.id);
  });
});
