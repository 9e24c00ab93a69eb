import { conflict, invalid } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { matchingReportTypes } from './event-names.js';
import { recordEvent, signalChange } from './events.js';
import { activeMatch } from './report-dismiss.js';
import {
  getReport,
  isReportType,
  type Query,
  type ReportType,
  reportFindings,
} from './report-kinds.js';

const DAY_MS = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

/** `scheduled` for a run the recurrence started, `manual` for one asked for. */
export type RunType = 'scheduled' | 'manual';

/**
 * Starts a search of the report: it finishes now, or in async mode the
 * report stays `pending` until the organization's clock passes `asyncMs`.
 */
export function beginReportRun(
  org: Org,
  now: string,
  id: string,
  type: RunType,
  asyncMs: number | undefined,
): ResourceRecord {
  if (!asyncMs || asyncMs <= 0) return finishReportRun(org, now, id, now, type);
  const report = org.collection('reports').update(id, (r) => {
    r.attributes.status = 'pending';
    r.internal = {
      ...r.internal,
      run: { startedAt: now, type, readyAt: at(Date.parse(now) + asyncMs) },
    };
  });
  // Persona records no event while a report runs; the deadline is told by a signal.
  signalChange(org, now, 'report-scheduled', report);
  return report;
}

/**
 * Finishes a search: findings from the stored query, a new entry in
 * `run-history`, `ready`, the next scheduled run of a monitored report, and
 * Persona's `report/<type>.ready` (and `.matched` for a match not dismissed).
 */
export function finishReportRun(
  org: Org,
  now: string,
  id: string,
  startedAt: string,
  type: RunType,
): ResourceRecord {
  const current = getReport(org, id);
  const kind = current.type as ReportType;
  const findings = reportFindings(kind, current.internal?.query as Query, now);
  const report = org.collection('reports').update(id, (r) => {
    const history = r.attributes['run-history'];
    const ignored = r.attributes['ignore-list'];
    Object.assign(r.attributes, findings);
    if ('run-history' in findings) {
      const runs = [
        ...(Array.isArray(history) ? history : []),
        { 'scheduled-at': startedAt, 'completed-at': now, type },
      ];
      r.attributes['run-history'] = runs;
      r.attributes['is-continuous'] = runs.length > 1;
      if (Array.isArray(ignored)) r.attributes['ignore-list'] = ignored;
    }
    r.attributes['has-match'] = activeMatch(r);
    r.attributes.status = 'ready';
    r.attributes['completed-at'] = now;
    const days = r.internal?.recurrenceDays as number | null;
    // A run asked for leaves the schedule where it was; a scheduled one sets the next.
    const kept = type === 'manual' ? (r.internal?.nextRunAt as string | null | undefined) : null;
    const next =
      r.attributes['is-recurring'] === true && days
        ? (kept ?? at(Date.parse(now) + days * DAY_MS))
        : null;
    r.internal = { ...r.internal, run: null, nextRunAt: next };
  });
  if (report.internal?.nextRunAt) signalChange(org, now, 'report-scheduled', report);
  recordEvent(org, now, `${kind}.ready`, report);
  // Persona announces a match only for the kinds that search lists of people.
  const matching = matchingReportTypes.find((t) => t === kind);
  if (matching && report.attributes['has-match'] === true)
    recordEvent(org, now, `${matching}.matched`, report);
  return report;
}

/** A report that can take a monitoring action: monitored, not redacted, not mid-search. */
function monitoredReport(org: Org, id: string, action: string): ResourceRecord {
  const report = getReport(org, id);
  if (!isReportType(report.type)) throw invalid(`report ${id} cannot be ${action}`);
  if (report.attributes['redacted-at'] !== null) {
    throw conflict(`report ${id} is redacted and cannot be ${action}`);
  }
  if ((report.internal?.recurrenceDays ?? null) === null) {
    throw invalid(
      `report ${id} is not continuously monitored (its template sets no recurrence), so it cannot be ${action}`,
    );
  }
  if (report.attributes.status === 'pending') {
    throw conflict(`report ${id} is still running and cannot be ${action} until it is ready`);
  }
  return report;
}

/** Runs a monitored report again now, outside its schedule, which stays as it was. */
export function rerunReport(
  org: Org,
  now: string,
  id: string,
  asyncMs: number | undefined,
): ResourceRecord {
  monitoredReport(org, id, 'run again');
  return beginReportRun(org, now, id, 'manual', asyncMs);
}

/** Stops the scheduled runs; a paused report is answered as it is. */
export function pauseReport(org: Org, id: string): ResourceRecord {
  const report = monitoredReport(org, id, 'paused');
  if (report.attributes['is-recurring'] === false) return report;
  return org.collection('reports').update(id, (r) => {
    r.attributes['is-recurring'] = false;
    r.internal = { ...r.internal, nextRunAt: null };
  });
}

/** Restarts the scheduled runs, the next one interval from now; a running schedule is left as it is. */
export function resumeReport(org: Org, now: string, id: string): ResourceRecord {
  const report = monitoredReport(org, id, 'resumed');
  if (report.attributes['is-recurring'] === true) return report;
  const days = report.internal?.recurrenceDays as number;
  const resumed = org.collection('reports').update(id, (r) => {
    r.attributes['is-recurring'] = true;
    r.internal = { ...r.internal, nextRunAt: at(Date.parse(now) + days * DAY_MS) };
  });
  signalChange(org, now, 'report-scheduled', resumed);
  return resumed;
}
