import { ApiError } from '../core/errors.js';
import { linkedId, type Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { expireInquiry } from '../services/inquiries/status.js';
import type { DeadlineKind } from './deadlines.js';
import { inquiryExpirySeconds } from './inquiry-expiry.js';

const payloadOf = (event: ResourceRecord) =>
  (event.attributes.payload as { data: ResourceRecord }).data;
const msOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : null);

/**
 * An inquiry not completed within its template's expiry becomes `expired`.
 * The window starts when the inquiry is created and again when it is resumed.
 */
export const inquiryExpiry: DeadlineKind = {
  collection: 'inquiries',
  dueAt(inquiry) {
    const status = inquiry.attributes.status;
    if (status !== 'created' && status !== 'pending') return null;
    return msOf(inquiry.internal?.expiresAt);
  },
  fire(org, at, inquiry) {
    try {
      expireInquiry(org, at, inquiry.id);
    } catch (error) {
      // A redacted inquiry takes no change: it just stops waiting.
      if (!(error instanceof ApiError)) throw error;
      org.collection('inquiries').update(inquiry.id, (r) => {
        r.internal = { ...r.internal, expiresAt: null };
      });
    }
  },
  scheduled(org, event) {
    if (event.attributes.name !== 'inquiry.created') return null;
    return scheduleExpiry(org, payloadOf(event).id, event.attributes['created-at'] as string);
  },
  // Resuming sends no event in Persona; the mock is told by a signal instead.
  signaled(org, signal) {
    if (signal.name !== 'inquiry-resumed') return null;
    return scheduleExpiry(org, signal.record.id, signal.at);
  },
};

/** Sets the inquiry's expiry from its template, counted from `from`; answers it in ms, or null. */
function scheduleExpiry(org: Org, id: string, from: string): number | null {
  const inquiry = org.collection('inquiries').get(id);
  if (!inquiry) return null;
  const templateId = linkedId(inquiry, 'inquiry-template');
  const seconds = inquiryExpirySeconds(
    templateId ? org.collection('inquiry-templates').get(templateId) : undefined,
  );
  const at = seconds === null ? null : Date.parse(from) + seconds * 1000;
  org.collection('inquiries').update(id, (r) => {
    r.internal = { ...r.internal, expiresAt: at === null ? null : new Date(at).toISOString() };
  });
  return at;
}

/** Runs that wait in async mode: their steps run once the clock passes their time. */
export function waitingRuns(finish: (org: Org, at: string, runId: string) => void): DeadlineKind {
  return {
    collection: 'workflow-runs',
    dueAt(run) {
      return run.attributes.status === 'in_progress' ? msOf(run.internal?.finishAt) : null;
    },
    fire(org, at, run) {
      finish(org, at, run.id);
    },
    scheduled(org, event) {
      if (event.attributes.name !== 'workflow-run.created') return null;
      const run = org.collection('workflow-runs').get(payloadOf(event).id);
      return run?.attributes.status === 'in_progress' ? msOf(run.internal?.finishAt) : null;
    },
  };
}
