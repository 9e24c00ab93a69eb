import { conflict } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { recordEvent } from '../events.js';
import { getInquiry, refuseRedacted } from './inquiries.js';

export type InquiryStatus =
  | 'created'
  | 'pending'
  | 'completed'
  | 'expired'
  | 'failed'
  | 'needs_review'
  | 'approved'
  | 'declined';

/** What can happen to an inquiry; `verify` is a verification run inside its flow. */
export type InquiryAction =
  | 'start'
  | 'complete'
  | 'fail'
  | 'expire'
  | 'mark-for-review'
  | 'approve'
  | 'decline'
  | 'resume'
  | 'verify';

/**
 * Where each action may start from: the one home of the inquiry's life
 * cycle. The user starts the flow (created → pending), runs verifications
 * while in it, and finishes it (completed), fails it or lets it expire; a
 * finished inquiry may be marked for review; a decision is final. An expired
 * inquiry must be resumed before anyone decides on it.
 */
const allowedFrom: Record<InquiryAction, readonly InquiryStatus[]> = {
  start: ['created'],
  verify: ['pending'],
  complete: ['pending'],
  fail: ['pending'],
  expire: ['created', 'pending'],
  'mark-for-review': ['pending', 'completed', 'failed'],
  approve: ['created', 'pending', 'completed', 'failed', 'needs_review'],
  decline: ['created', 'pending', 'completed', 'failed', 'needs_review'],
  resume: ['created', 'pending', 'expired'],
};

/** The status each action leads to, the time it stamps and the event it records. */
export const transitions = {
  start: { to: 'pending', stamp: 'started-at', event: 'inquiry.started' },
  complete: { to: 'completed', stamp: 'completed-at', event: 'inquiry.completed' },
  fail: { to: 'failed', stamp: 'failed-at', event: 'inquiry.failed' },
  expire: { to: 'expired', stamp: 'expired-at', event: 'inquiry.expired' },
  'mark-for-review': {
    to: 'needs_review',
    stamp: 'marked-for-review-at',
    event: 'inquiry.marked-for-review',
  },
  approve: { to: 'approved', stamp: 'decisioned-at', event: 'inquiry.approved' },
  decline: { to: 'declined', stamp: 'decisioned-at', event: 'inquiry.declined' },
} as const satisfies Partial<
  Record<InquiryAction, { to: InquiryStatus; stamp: string; event: string }>
>;

export type StatusChange = keyof typeof transitions;

/** Why an inquiry of this status cannot take the action; null when it can. */
export function refusal(status: InquiryStatus, action: InquiryAction): string | null {
  if (allowedFrom[action].includes(status)) return null;
  if (status === 'approved' || status === 'declined') return `it was already ${status}`;
  if (status === 'expired') return 'it has expired; resume it first';
  if (status === 'created' && allowedFrom[action].includes('pending')) {
    return 'it has not been started';
  }
  return `its status is ${status}`;
}

/** Refuses an action the inquiry's status does not allow: a 409 saying why. */
export function checkTransition(
  inquiry: ResourceRecord,
  action: InquiryAction,
  participle: string,
): void {
  refuseRedacted(inquiry, participle);
  const why = refusal(inquiry.attributes.status as InquiryStatus, action);
  if (why !== null) throw conflict(`inquiry ${inquiry.id} cannot be ${participle}: ${why}`);
}

/**
 * Moves a checked inquiry to the status the action leads to, stamps the time
 * and records the event.
 */
export function applyTransition(
  org: Org,
  now: string,
  inquiry: ResourceRecord,
  action: StatusChange,
  change?: (record: ResourceRecord) => void,
): ResourceRecord {
  const { to, stamp, event } = transitions[action];
  org.collection('inquiries').update(inquiry.id, (r) => {
    r.attributes.status = to;
    r.attributes[stamp] = now;
    r.attributes['updated-at'] = now;
    // An inquiry that is no longer open has no usable session.
    if (action === 'expire') r.internal = { ...r.internal, session: null };
    change?.(r);
  });
  recordEvent(org, now, event, inquiry);
  return inquiry;
}

/** Approves or declines: a final decision, with an optional reviewer comment. */
export function decideInquiry(
  org: Org,
  now: string,
  id: string,
  decision: 'approved' | 'declined',
  comment: string | undefined,
): ResourceRecord {
  const inquiry = getInquiry(org, id);
  const action = decision === 'approved' ? 'approve' : 'decline';
  checkTransition(inquiry, action, decision);
  return applyTransition(org, now, inquiry, action, (r) => {
    if (comment !== undefined) r.attributes['reviewer-comment'] = comment;
  });
}

/** Ends the inquiry now; its open session can no longer be used. */
export function expireInquiry(org: Org, now: string, id: string): ResourceRecord {
  const inquiry = getInquiry(org, id);
  checkTransition(inquiry, 'expire', 'expired');
  return applyTransition(org, now, inquiry, 'expire');
}
