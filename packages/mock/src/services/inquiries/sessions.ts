import { newId } from '../../core/ids.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { signalChange } from '../events.js';
import { getInquiry } from './inquiries.js';
import { checkTransition } from './status.js';

/** How long a session token of Resume stays usable. */
const SESSION_SECONDS = 24 * 60 * 60;

interface Session {
  token: string;
  expiresAt: string;
}

/**
 * Answers a session token for the flow: an unexpired one is reused, else a
 * new one is made. An expired inquiry becomes pending again.
 */
export function resumeInquiry(
  org: Org,
  now: string,
  id: string,
): { inquiry: ResourceRecord; sessionToken: string } {
  const inquiry = getInquiry(org, id);
  checkTransition(inquiry, 'resume', 'resumed');
  const current = inquiry.internal?.session as Session | null | undefined;
  const reuse = current && Date.parse(current.expiresAt) > Date.parse(now);
  const session = reuse ? current : newSession(inquiry.id, now);
  org.collection('inquiries').update(id, (r) => {
    if (r.attributes.status === 'expired') {
      r.attributes.status = 'pending';
      r.attributes['expired-at'] = null;
    }
    r.attributes['updated-at'] = now;
    r.internal = { ...r.internal, session };
  });
  // Persona sends no event for a resumed inquiry; its new expiry window still starts now.
  signalChange(org, now, 'inquiry-resumed', inquiry);
  return { inquiry, sessionToken: session.token };
}

/** A token shaped like the JWT Persona answers; the mock only ever compares it. */
function newSession(inquiryId: string, now: string): Session {
  const expires = Math.floor(Date.parse(now) / 1000) + SESSION_SECONDS;
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const token = `${part({ alg: 'HS256' })}.${part({ sid: newId('iqse'), inq: inquiryId, exp: expires })}.${newId('sig', 43).slice(4)}`;
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
}
