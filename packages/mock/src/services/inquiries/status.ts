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

/**
 * Where each action may start from. A decision is final and an expired
 * inquiry must be resumed before anyone decides on it; only an inquiry the
 * user has not finished can expire or be resumed.
 */
const allowedFrom: Record<'approve' | 'decline' | 'expire' | 'resume', InquiryStatus[]> = {
  approve: ['created', 'pending', 'completed', 'failed', 'needs_review'],
  decline: ['created', 'pending', 'completed', 'failed', 'needs_review'],
  expire: ['created', 'pending'],
  resume: ['created', 'pending', 'expired'],
};

/** Refuses an action the inquiry's status does not allow: a 409 saying why. */
export function checkTransition(
  inquiry: ResourceRecord,
  action: keyof typeof allowedFrom,
  participle: string,
): void {
  refuseRedacted(inquiry, participle);
  const status = inquiry.attributes.status as InquiryStatus;
  if (!allowedFrom[action].includes(status)) {
    const why =
      status === 'approved' || status === 'declined'
        ? `it was already ${status}`
        : status === 'expired'
          ? 'it has expired; resume it first'
          : `its status is ${status}`;
    throw conflict(`inquiry ${inquiry.id} cannot be ${participle}: ${why}`);
  }
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
  checkTransition(inquiry, decision === 'approved' ? 'approve' : 'decline', decision);
  org.collection('inquiries').update(id, (r) => {
    r.attributes.status = decision;
    r.attributes['decisioned-at'] = now;
    if (comment !== undefined) r.attributes['reviewer-comment'] = comment;
    r.attributes['updated-at'] = now;
  });
  recordEvent(org, now, `inquiry.${decision}`, inquiry);
  return inquiry;
}

/** Ends the inquiry now; its open session can no longer be used. */
export function expireInquiry(org: Org, now: string, id: string): ResourceRecord {
  const inquiry = getInquiry(org, id);
  checkTransition(inquiry, 'expire', 'expired');
  org.collection('inquiries').update(id, (r) => {
    r.attributes.status = 'expired';
    r.attributes['expired-at'] = now;
    r.attributes['updated-at'] = now;
    r.internal = { ...r.internal, session: null };
  });
  recordEvent(org, now, 'inquiry.expired', inquiry);
  return inquiry;
}
