import { invalid } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { linkToAccount } from './accounts/links.js';
import { type AutoCreateMeta, resolveAccount } from './accounts/resolve.js';
import {
  isReportType,
  nameKeys,
  type Query,
  type ReportType,
  subjectOf,
  text,
} from './report-kinds.js';
import { beginReportRun } from './report-runs.js';

export {
  getReport,
  isReportType,
  type Query,
  type ReportType,
  reportFindings,
  reportTypes,
} from './report-kinds.js';

export interface ReportCreateInput {
  /** Simulated time the search runs (async mode); it finishes within the request when absent. */
  asyncMs?: number | undefined;
  /** `data.type`: when given, it must be the template's kind. */
  type?: string | undefined;
  attributes: Record<string, unknown>;
  meta?: AutoCreateMeta | undefined;
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
