import { found, invalid } from '../core/errors.js';
import { hashKey } from '../core/ids.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { linkToAccount } from './accounts/links.js';
import { type AutoCreateMeta, resolveAccount } from './accounts/resolve.js';
import { beginReportRun } from './report-runs.js';

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
const subjectOf: Record<ReportType, 'name' | 'email-address' | 'phone-number'> = {
  'report/watchlist': 'name',
  'report/politically-exposed-person': 'name',
  'report/adverse-media': 'name',
  'report/email-address': 'email-address',
  'report/phone-number': 'phone-number',
};

const nameKeys = ['name-first', 'name-middle', 'name-last', 'term'] as const;

export type Query = Partial<Record<string, string | null>>;

export interface ReportCreateInput {
  /** Simulated time the search runs (async mode); it finishes within the request when absent. */
  asyncMs?: number | undefined;
  /** `data.type`: when given, it must be the template's kind. */
  type?: string | undefined;
  attributes: Record<string, unknown>;
  meta?: AutoCreateMeta | undefined;
}

export function getReport(org: Org, id: string): ResourceRecord {
  return found(org.collection('reports').get(id), 'report', id);
}

/**
 * Runs a report from a template, whose kind decides what the query needs,
 * and attaches it to its account under the auto-create rules inquiries
 * follow. The search finishes at once (the report is `ready` when answered),
 * or in async mode stays `pending` for the configured time. A template with
 * a recurrence makes a continuously monitored report.
 */
export function createReport(org: Org, now: string, input: ReportCreateInput): ResourceRecord {
  const attrs = input.attributes;
  const templateId = attrs['report-template-id'] as string;
  const template = org.collection('report-templates').get(templateId);
  if (!template) {
    throw invalid(
      `data.attributes.report-template-id ${templateId} names no report template of this organization`,
    );
  }
  const kind = template.internal?.reportType;
  if (!isReportType(kind)) {
    throw invalid(
      `report template ${templateId} runs ${String(kind)} reports, which the mock does not run`,
    );
  }
  if (input.type !== undefined && input.type !== kind) {
    throw invalid(
      `data.type ${input.type} does not match report template ${templateId}, which runs ${kind} reports`,
    );
  }
  const query = (attrs.query ?? {}) as Query;
  checkQuery(kind, query);
  // Every check above runs before an account may be created.
  const account = resolveAccount(org, now, {
    accountId: attrs['account-id'] as string | undefined,
    referenceId: attrs['reference-id'] as string | undefined,
    meta: input.meta,
  });
  const referenceId =
    (input.meta?.['auto-create-account-reference-id'] as string | undefined) ??
    (attrs['reference-id'] as string | undefined) ??
    (account?.attributes['reference-id'] as string | null | undefined) ??
    null;
  const recurrenceDays = (template.internal?.recurrenceDays as number | null | undefined) ?? null;
  const report: ResourceRecord = {
    type: kind,
    id: org.newId('rep'),
    attributes: {
      status: 'pending',
      'created-at': now,
      'completed-at': null,
      'redacted-at': null,
      tags: [],
      'report-template-version-name': 'v1',
      'has-match': null,
      'is-recurring': recurrenceDays !== null,
    },
    relationships: {
      account: { data: account ? { type: 'account', id: account.id } : null },
      inquiry: { data: null },
      'report-template': {
        data: { type: `report-template/${kind.slice('report/'.length)}`, id: template.id },
      },
    },
    internal: { referenceId, query, recurrenceDays },
  };
  org.collection('reports').insert(report);
  if (account) {
    org
      .collection('accounts')
      .update(account.id, (a) => linkToAccount(a, 'reports', { type: report.type, id: report.id }));
  }
  return beginReportRun(org, now, report.id, 'manual', input.asyncMs);
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The search input a kind needs; a missing one is a 422 naming it. */
function checkQuery(kind: ReportType, query: Query): void {
  const subject = subjectOf[kind];
  if (subject === 'name') {
    if (!nameKeys.some((key) => text(query[key]))) {
      throw invalid(
        `data.attributes.query.name-first, name-last or term is required by ${kind} reports (at least one name)`,
      );
    }
    return;
  }
  const value = text(query[subject]);
  if (!value) throw invalid(`data.attributes.query.${subject} is required by ${kind} reports`);
  if (subject === 'email-address' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw invalid(`data.attributes.query.email-address ${value} is not an email address`);
  }
  if (subject === 'phone-number' && !/^\+?[\d\s().-]{4,}$/.test(value)) {
    throw invalid(`data.attributes.query.phone-number ${value} is not a phone number`);
  }
}

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
