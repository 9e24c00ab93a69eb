import type { ResourceRecord } from '../core/types.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import type { AutoCreateMeta } from '../services/inquiries.js';
import {
  addReportTag,
  createReport,
  getReport,
  redactReport,
  removeReportTag,
  setReportTags,
} from '../services/reports.js';
import { tagName, tagNames } from './accounts.js';

type Body = {
  data?: { type?: string; attributes?: Record<string, unknown> };
  meta?: Record<string, unknown>;
};

const body = (input: RouteInput) => (input.body ?? {}) as Body;
const now = (input: RouteInput) => input.core.now();
const id = (input: RouteInput) => input.params['report-id']!;
const one = (data: ResourceRecord, status = 200) => ({ status, data });

export const reportRoutes: RouteTable = {
  listReports: (input) => {
    const reports = input.org.collection('reports');
    const { filter } = input.query;
    const lookup = (index: string, value: string | undefined) =>
      value !== undefined ? reports.lookup(index, value) : undefined;
    const candidates = intersect(
      lookup('account', filter['account-id']),
      lookup('reference', filter['reference-id']),
      lookup('template', filter['report-template-id']),
    );
    const statuses = filter.status !== undefined ? new Set(filter.status.split(',')) : undefined;
    return listPage(input, reports, {
      ...(candidates ? { candidates } : {}),
      where: allOf(
        statuses && ((r) => statuses.has(r.attributes.status as string)),
        createdBetween(filter),
      ),
    });
  },
  createReport: (input) => {
    const { data, meta } = body(input);
    return one(
      createReport(input.org, now(input), {
        type: data?.type,
        attributes: data?.attributes ?? {},
        meta: meta as AutoCreateMeta | undefined,
      }),
      201,
    );
  },
  retrieveReport: (input) => one(getReport(input.org, id(input))),
  redactReport: (input) => one(redactReport(input.org, now(input), id(input))),
  addReportTag: (input) => one(addReportTag(input.org, now(input), id(input), tagName(input))),
  removeReportTag: (input) =>
    one(removeReportTag(input.org, now(input), id(input), tagName(input))),
  setReportTags: (input) => one(setReportTags(input.org, now(input), id(input), tagNames(input))),
};
