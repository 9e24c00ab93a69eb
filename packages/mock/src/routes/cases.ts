import type { ResourceRecord } from '../core/types.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { linkedTo } from '../services/accounts/links.js';
import { apiActor, stampBy } from '../services/cases/actors.js';
import {
  addCaseObjects,
  assignCase,
  type CaseUpdate,
  createCase,
  getCase,
  getCaseTemplate,
  redactCase,
  setCaseStatus,
  updateCase,
} from '../services/cases/cases.js';
import {
  attributeIs,
  attributesOf,
  lookupEach,
  lookupIf,
  metaOf as meta,
  now,
  one,
} from './support.js';
import { tagRoutes } from './tags.js';

const caseId = (input: RouteInput) => input.params['case-id']!;

/** Whether a case's to-many relationship names the object. */
const links = (name: string, id: string) => (r: ResourceRecord) => {
  const data = r.relationships?.[name]?.data;
  return Array.isArray(data) && data.some((l) => l.id === id);
};

export const caseRoutes: RouteTable = {
  listCases: (input) => {
    const { org } = input;
    const cases = org.collection('cases');
    const { filter } = input.query;
    // Cases of an account (by id or reference id) come from the accounts' `cases` relationships.
    let ofAccounts: Set<string> | undefined;
    if (filter['account-id'] !== undefined || filter['reference-id'] !== undefined) {
      const accounts = org.collection('accounts');
      const ids = intersect(
        filter['account-id'] !== undefined ? [filter['account-id']] : undefined,
        lookupIf(accounts, 'reference', filter['reference-id']),
      )!;
      ofAccounts = new Set();
      for (const id of ids) {
        const account = accounts.get(id);
        if (account) for (const l of linkedTo(account, 'cases')) ofAccounts.add(l.id);
      }
    }
    const candidates = lookupEach(cases, filter, {
      template: 'case-template-id',
      queue: 'case-queue-id',
    });
    const accountCases = ofAccounts;
    return listPage(input, cases, {
      ...(candidates ? { candidates } : {}),
      where: allOf(
        attributeIs('status', filter.status),
        accountCases !== undefined && ((r) => accountCases.has(r.id)),
        filter['inquiry-id'] !== undefined && links('inquiries', filter['inquiry-id']),
        filter['report-id'] !== undefined && links('reports', filter['report-id']),
        createdBetween(filter),
      ),
    });
  },
  createCase: (input) => {
    const attributes = attributesOf(input);
    const m = meta(input);
    const record = createCase(input.org, now(input), {
      caseTemplateId: attributes['case-template-id'] as string,
      caseQueueId: attributes['case-queue-id'] as string | undefined,
      creatorEmailAddress: attributes['creator-email-address'] as string | undefined,
      fields: (attributes.fields as Record<string, unknown> | undefined) ?? {},
      tags: (attributes.tags as string[] | undefined) ?? [],
      objectIds: (m['object-ids'] as string[] | undefined) ?? [],
      slaExpiresInSeconds: m['sla-expires-in-seconds'] as number | null | undefined,
    });
    return one(record, 201);
  },
  retrieveCase: (input) => one(getCase(input.org, caseId(input))),
  updateCase: (input) => {
    const attributes = attributesOf(input);
    const m = meta(input);
    const update: CaseUpdate = {};
    if (attributes.fields !== undefined)
      update.fields = attributes.fields as Record<string, unknown>;
    if (attributes['case-queue-id'] !== undefined) {
      update.caseQueueId = attributes['case-queue-id'] as string | null;
    }
    if (attributes.attachments !== undefined) {
      update.attachments = attributes.attachments as CaseUpdate['attachments'] & object;
    }
    if (m['sla-expires-in-seconds'] !== undefined) {
      update.slaExpiresInSeconds = m['sla-expires-in-seconds'] as number | null;
    }
    return one(updateCase(input.org, now(input), caseId(input), update));
  },
  redactCase: (input) => one(redactCase(input.org, now(input), caseId(input))),
  setCaseStatus: (input) =>
    one(setCaseStatus(input.org, now(input), caseId(input), meta(input).status as string)),
  assignCase: (input) =>
    one(
      assignCase(input.org, now(input), caseId(input), meta(input)['user-email-address'] as string),
    ),
  addCaseObjects: (input) =>
    one(
      addCaseObjects(input.org, now(input), caseId(input), meta(input)['object-ids'] as string[]),
    ),
  // Tag changes stamp the case's updater, as every change made through the API does.
  ...tagRoutes({
    kind: 'Case',
    collection: 'cases',
    param: 'case-id',
    get: getCase,
    stamp: (org) => stampBy(apiActor(org)),
  }),
  listCaseTemplates: (input) =>
    listPage(input, input.org.collection('case-templates'), {
      where: allOf(attributeIs('status', input.query.filter.status)),
    }),
  retrieveCaseTemplate: (input) =>
    one(getCaseTemplate(input.org, input.params['case-template-id']!)),
  listCaseQueues: (input) =>
    listPage(input, input.org.collection('case-queues'), {
      where: allOf(attributeIs('status', input.query.filter.status)),
    }),
};
