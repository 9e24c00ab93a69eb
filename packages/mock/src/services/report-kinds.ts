// The report kinds the mock runs, and what a search finds for each: shared by
// creating a report and by its later runs, apart from both.
import { found } from '../core/errors.js';
import { hashKey } from '../core/ids.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';

export const reportTypes = [
  'report/watchlist',
  'report/politically-exposed-person',
  'report/adverse-media',
  'report/email-address',
  'report/phone-number',
] as const;
export type ReportType = (typeof reportTypes)[number];

export const isReportType = (value: unknown): value is ReportType =>
  reportTypes.includes(value as ReportType);

/** What each kind searches for: a person's name, an email address or a phone number. */
export const subjectOf: Record<ReportType, 'name' | 'email-address' | 'phone-number'> = {
  'report/watchlist': 'name',
  'report/politically-exposed-person': 'name',
  'report/adverse-media': 'name',
  'report/email-address': 'email-address',
  'report/phone-number': 'phone-number',
};

export const nameKeys = ['name-first', 'name-middle', 'name-last', 'term'] as const;

export type Query = Partial<Record<string, string | null>>;

export function getReport(org: Org, id: string): ResourceRecord {
  return found(org.collection('reports').get(id), 'report', id);
}

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** A number from 0 to `range - 1` that is always the same for the same input. */
const stable = (input: string, range: number) =>
  Number.parseInt(hashKey(input).slice(0, 8), 16) % range;

/**
 * The findings, decided by the input alone so tests can rely on them:
 * - a name, term or email address containing `match` (any case) is a match:
 *   a sanctions list (watchlist), a public office (politically exposed
 *   person), a news article (adverse media), a risky address (email);
 * - a phone number whose digits end in `0000` is a risky number;
 * - anything else finds nothing and looks clean.
 * Ages and scores are derived from a hash of the input.
 */
export function reportFindings(
  kind: ReportType,
  query: Query,
  now: string,
): Record<string, unknown> {
  const subject = subjectOf[kind];
  if (subject === 'name') {
    const parts = [query['name-first'], query['name-middle'], query['name-last']]
      .map(text)
      .filter(Boolean);
    const term = text(query.term) ?? parts.join(' ');
    const match = /match/i.test([...parts, term].join(' '));
    const countryCode = text(query['country-code']) ?? text(query['address-country-code']) ?? null;
    const birthdate = text(query.birthdate) ?? null;
    const name = {
      'name-first': text(query['name-first']) ?? null,
      'name-middle': text(query['name-middle']) ?? null,
      'name-last': text(query['name-last']) ?? null,
      term,
    };
    const common = {
      'has-match': match,
      'is-continuous': false,
      'run-history': [{ 'scheduled-at': now, 'completed-at': now, type: 'manual' }],
      'ignore-list': [],
    };
    if (kind === 'report/politically-exposed-person') {
      return {
        ...common,
        query: { ...name, birthdate, 'country-code': countryCode },
        result: match
          ? [
              {
                name: term,
                'country-code': countryCode,
                'match-score': 0.92,
                positions: [
                  { title: 'Member of Parliament', 'start-date': '2015-01-01', 'end-date': null },
                ],
              },
            ]
          : [],
      };
    }
    const input = { ...name, birthdate, 'country-code': countryCode };
    if (kind === 'report/watchlist') {
      return {
        ...common,
        ...input,
        'matched-lists': match
          ? [
              {
                name: 'Example Consolidated Sanctions List',
                url: 'https://sanctions.example.org/consolidated',
                'list-type': 'sanction',
              },
            ]
          : [],
      };
    }
    return {
      ...common,
      ...input,
      'related-sources': match
        ? [
            {
              name: 'Example Financial News',
              url: 'https://news.example.org',
              articles: [
                {
                  title: `${term} named in fraud investigation`,
                  url: `https://news.example.org/articles/${stable(term, 100000)}`,
                  'published-at': '2024-05-14',
                },
              ],
            },
          ]
        : [],
    };
  }
  if (subject === 'email-address') {
    const address = text(query['email-address'])!;
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    const match = /match/i.test(address);
    return {
      'has-match': match,
      'email-address': address,
      'email-reputation': match ? 'low' : 'high',
      'email-estimated-age-days': match ? stable(address, 30) : 365 + stable(address, 3000),
      'email-domain-age-days': 1000 + stable(domain, 9000),
      'email-credentials-leaked-recent': match,
      'email-malicious-activity-detected-recent': match,
      'email-is-spam': false,
      'email-is-disposable': /(^|\.)(mailinator\.com|disposable\.example)$/.test(domain),
      'email-is-deliverable': true,
      'email-is-valid-mx': true,
      'email-is-suspicious': match,
      'email-domain-exists': true,
      'email-domain': domain,
    };
  }
  const number = text(query['phone-number'])!;
  const risky = number.replace(/\D/g, '').endsWith('0000');
  return {
    'has-match': risky,
    'phone-number': number,
    'phone-type': 'MOBILE',
    'phone-carrier': 'Example Mobile',
    'phone-risk-level': risky ? 'high' : 'low',
    'phone-risk-recommendation': risky ? 'block' : 'allow',
    'phone-risk-score': risky ? 900 + stable(number, 100) : stable(number, 200),
    'phone-risk-sim-swap': risky ? 'high' : 'low',
  };
}
