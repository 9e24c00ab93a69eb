import { conflict, invalid } from '../../core/errors.js';
import { linkedId, type Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { getInquiry, refuseRedacted } from './inquiries.js';
import {
  createSession,
  expireDueSessions,
  expireSession,
  getSession,
  newLinkCode,
} from './inquiry-sessions.js';

/** Persona's default cap on the sessions of one inquiry. */
export const MAX_SESSIONS_PER_INQUIRY = 25;

/** Inquiry states that take no new session: the flow is over. */
const closed = new Set(['expired', 'approved', 'declined']);

/** A new session on the inquiry, for someone to continue its flow. */
export function openSession(org: Org, now: string, inquiryId: string): ResourceRecord {
  const inquiry = getInquiry(org, inquiryId);
  refuseRedacted(inquiry, 'given a session');
  const status = inquiry.attributes.status as string;
  if (closed.has(status))
    throw conflict(`inquiry ${inquiryId} is ${status} and takes no new session`);
  const count = org.collection('inquiry-sessions').lookup('inquiry', inquiryId).length;
  if (count >= MAX_SESSIONS_PER_INQUIRY) {
    throw conflict(`inquiry ${inquiryId} has ${count} sessions, the most one inquiry may have`);
  }
  return createSession(org, now, inquiry);
}

/** Ends every open session of the inquiries named; answers the sessions it ended. */
export function expireSessionsOf(org: Org, now: string, inquiryIds: string[]): ResourceRecord[] {
  const inquiries = org.collection('inquiries');
  const unknown = inquiryIds.filter((id) => !inquiries.has(id));
  if (unknown.length > 0) {
    throw invalid(`meta.inquiry-ids names no inquiry of this organization: ${unknown.join(', ')}`);
  }
  const sessions = org.collection('inquiry-sessions');
  const ended: ResourceRecord[] = [];
  for (const inquiryId of new Set(inquiryIds)) {
    expireDueSessions(org, now, inquiryId);
    for (const id of sessions.lookup('inquiry', inquiryId)) {
      if (sessions.get(id)?.attributes.status !== 'expired')
        ended.push(expireSession(org, now, id));
    }
  }
  return ended;
}

/** A fresh one-time link code on an open session (a new code replaces an earlier one). */
export function linkSession(org: Org, now: string, id: string): ResourceRecord {
  const session = getSession(org, now, id);
  if (session.attributes.status === 'expired') throw conflict(`inquiry session ${id} has expired`);
  const inquiry = getInquiry(org, linkedId(session, 'inquiry') ?? '');
  refuseRedacted(inquiry, 'given a link');
  return org.collection('inquiry-sessions').update(id, (r) => {
    r.internal = { ...r.internal, linkCode: newLinkCode(), linkUsed: false };
  });
}
