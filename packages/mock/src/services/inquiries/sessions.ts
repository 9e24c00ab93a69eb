import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { signalChange } from '../events.js';
import { getInquiry } from './inquiries.js';
import { createSession, expireDueSessions } from './inquiry-sessions.js';
import { checkTransition } from './status.js';

/**
 * Answers a session token for the flow: an unused, unexpired session of the
 * inquiry is reused, else a new one is made. An expired inquiry becomes
 * pending again (its sessions stay expired).
 */
export function resumeInquiry(
  org: Org,
  now: string,
  id: string,
): { inquiry: ResourceRecord; sessionToken: string } {
  const inquiry = getInquiry(org, id);
  checkTransition(inquiry, 'resume', 'resumed');
  // While the inquiry is still expired, so its sessions end with it.
  expireDueSessions(org, now, id);
  const sessions = org.collection('inquiry-sessions');
  const unused = sessions
    .lookup('inquiry', id)
    .map((sid) => sessions.get(sid))
    .find((s) => s?.attributes.status === 'new' && s.internal?.linkCode === undefined);
  const session = unused ?? createSession(org, now, inquiry);
  org.collection('inquiries').update(id, (r) => {
    if (r.attributes.status === 'expired') {
      r.attributes.status = 'pending';
      r.attributes['expired-at'] = null;
    }
    r.attributes['updated-at'] = now;
  });
  // Persona sends no event for a resumed inquiry; its new expiry window still starts now.
  signalChange(org, now, 'inquiry-resumed', inquiry);
  return { inquiry, sessionToken: session.internal?.token as string };
}
