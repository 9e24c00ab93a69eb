import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import type { AutoCreateMeta } from '../services/accounts/resolve.js';
import { redactReport } from '../services/redaction.js';
import { createReport, getReport } from '../services/reports.js';
import { anyOf, body, lookupIf, now, one } from './support.js';
import { tagRoutes } from './tags.js';

const id = (input: RouteInput) => input.params['report-id']!;

export const reportRoutes: RouteTable = {
  listReports: (input) => {
    const reports = input.org.collection('reports');
    const { filter } = input.query;
    const byStatus = anyOf(reports, null, filter.status, (r) => r.attributes.status);
    return listPage(input, reports, {
      candidates: intersect(
        lookupIf(reports, 'account', filter['account-id']),
        lookupIf(reports, 'reference', filter['reference-id']),
        lookupIf(reports, 'template', filter['report-template-id']),
      ),
      where: allOf(byStatus.where, createdBetween(filter)),
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
  // A report has no `updated-at`: tag changes stamp nothing.
  ...tagRoutes({ kind: 'Report', collection: 'reports', param: 'report-id', get: getReport }),
};
