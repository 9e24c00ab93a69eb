import type { ResourceRecord } from '../core/types.js';
import { finishReportRun, type RunType } from '../services/report-runs.js';
import type { DeadlineKind } from './deadlines.js';

interface PendingRun {
  startedAt: string;
  type: RunType;
  readyAt: string;
}

const pendingRun = (report: ResourceRecord) =>
  report.attributes.status === 'pending'
    ? (report.internal?.run as PendingRun | null | undefined)
    : null;

/** When the report next falls due: a pending search finishing, else its next scheduled run. */
function dueAt(report: ResourceRecord): number | null {
  if (report.attributes['redacted-at'] !== null) return null;
  const run = pendingRun(report);
  if (run) return Date.parse(run.readyAt);
  const next = report.internal?.nextRunAt;
  return report.attributes['is-recurring'] === true && typeof next === 'string'
    ? Date.parse(next)
    : null;
}

/**
 * Reports on the organization's clock: a search that runs in async mode
 * finishes when its time comes, and a continuously monitored report runs
 * again each time its recurrence falls due.
 */
export const reportRuns: DeadlineKind = {
  collection: 'reports',
  dueAt,
  fire(org, at, report) {
    const run = pendingRun(report);
    if (run) finishReportRun(org, at, report.id, run.startedAt, run.type);
    else finishReportRun(org, at, report.id, at, 'scheduled');
  },
  scheduled: () => null,
  signaled(_org, signal) {
    return signal.name === 'report-scheduled' ? dueAt(signal.record) : null;
  },
};
