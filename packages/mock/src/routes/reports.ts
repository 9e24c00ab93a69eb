import { conflict } from '../core/errors.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import type { AutoCreateMeta } from '../services/accounts/resolve.js';
import { redactReport } from '../services/redaction.js';
import { type DismissInput, dismissMatches } from '../services/report-dismiss.js';
import { pauseReport, rerunReport, resumeReport } from '../services/report-runs.js';
import { createReport, getReport } from '../services/reports.js';
import { printed } from './print.js';
import { anyOf, attributesOf, body, listIndexed, now, one } from './support.js';
import { tagRoutes } from './tags.js';

const id = (input: RouteInput) => input.params['report-id']!;

export const reportRoutes: RouteTable = {
  listReports: (input) => {
    const reports = input.org.collection('reports');
    const byStatus = anyOf(reports, null, input.query.filter.status, (r) => r.attributes.status);
    return listIndexed(
      input,
      'reports',
      { account: 'account-id', reference: 'reference-id', template: 'report-template-id' },
      byStatus.where,
    );
  },
  createReport: (input) => {
    const { data, meta } = body(input);
    return one(
      createReport(input.org, now(input), {
        type: data?.type,
        attributes: data?.attributes ?? {},
        meta: meta as AutoCreateMeta | undefined,
        asyncMs: input.core.asyncMs,
      }),
      201,
    );
  },
  retrieveReport: (input) => one(getReport(input.org, id(input))),
  redactReport: (input) => one(redactReport(input.org, now(input), id(input))),
  runReport: (input) => one(rerunReport(input.org, now(input), id(input), input.core.asyncMs)),
  pauseReport: (input) => one(pauseReport(input.org, id(input))),
  resumeReport: (input) => one(resumeReport(input.org, now(input), id(input))),
  dismissReportMatches: (input) =>
    one(
      dismissMatches(
        input.org,
        now(input),
        id(input),
        attributesOf(input) as unknown as DismissInput,
      ),
    ),
  printReport: (input) => {
    const report = getReport(input.org, id(input));
    if (report.attributes.status === 'pending') {
      throw conflict(`report ${report.id} is still running; print it once it is ready`);
    }
    return printed(input, report);
  },
  // A report has no `updated-at`: tag changes stamp nothing.
  ...tagRoutes({ kind: 'Report', collection: 'reports', param: 'report-id', get: getReport }),
};
