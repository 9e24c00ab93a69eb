import { conflict, found } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { linkedId, type Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { toMany } from '../accounts/links.js';
import { deviceOf } from '../devices.js';
import { recordEvent } from '../events.js';

/** How long a session (and its one-time link) stays usable when nothing else is said. */
export const DEFAULT_SESSION_SECONDS = 24 * 60 * 60;

/** Device and network members Persona reports once someone opened the flow; unknown here. */
const deviceAttributes = [
  'ip-address',
  'user-agent',
  'os-name',
  'os-full-version',
  'device-type',
  'device-name',
  'browser-name',
  'browser-full-version',
  'mobile-sdk-name',
  'mobile-sdk-full-version',
  'device-handoff-method',
  'is-proxy',
  'is-tor',
  'is-datacenter',
  'is-vpn',
  'threat-level',
  'country-code',
  'country-name',
  'region-code',
  'region-name',
  'latitude',
  'longitude',
  'gps-latitude',
  'gps-longitude',
  'gps-precision',
] as const;

export interface SessionOptions {
  expiresInSeconds?: number | undefined;
  /** Make a one-time link code for the hosted flow too. */
  withLink?: boolean;
}

/** A new `new` session of the inquiry, with its token (and link code when asked). */
export function createSession(
  org: Org,
  now: string,
  inquiry: ResourceRecord,
  options: SessionOptions = {},
): ResourceRecord {
  const id = org.newId('iqse');
  const seconds = options.expiresInSeconds ?? DEFAULT_SESSION_SECONDS;
  const expiresAt = new Date(Date.parse(now) + seconds * 1000).toISOString();
  const attributes: Record<string, unknown> = {
    status: 'new',
    'created-at': now,
    'started-at': null,
    'expired-at': null,
  };
  for (const name of deviceAttributes) attributes[name] = null;
  const session = org.collection('inquiry-sessions').insert({
    type: 'inquiry-session',
    id,
    attributes,
    relationships: {
      inquiry: { data: { type: 'inquiry', id: inquiry.id } },
      device: { data: null },
      network: { data: null },
    },
    internal: {
      expiresAt,
      token: sessionToken(id, inquiry.id, expiresAt),
      ...(options.withLink ? { linkCode: newLinkCode(), linkUsed: false } : {}),
    },
  });
  // Persona's inquiry lists its sessions.
  org.collection('inquiries').update(inquiry.id, (r) => {
    toMany(r, 'sessions').push({ type: session.type, id: session.id });
  });
  return session;
}

/** The code of a one-time link, as the hosted flow page looks it up. */
export const newLinkCode = () => newId('otl', 32).slice(4);

/**
 * Stamps `expired` on sessions whose time ran out on the organization's
 * clock, and on those of an inquiry that expired or was redacted. Sessions
 * are few, so this runs before every read or use of them rather than on a
 * deadline: Persona records no event a deadline could start from.
 */
export function expireDueSessions(org: Org, now: string, inquiryId?: string): void {
  const sessions = org.collection('inquiry-sessions');
  const ids =
    inquiryId === undefined
      ? [...sessions.values()].map((s) => s.id)
      : sessions.lookup('inquiry', inquiryId);
  const nowMs = Date.parse(now);
  for (const id of ids) {
    const session = sessions.get(id);
    if (!session || session.attributes.status === 'expired') continue;
    const due = Date.parse(session.internal?.expiresAt as string);
    const inquiry = org.collection('inquiries').get(linkedId(session, 'inquiry') ?? '');
    const ended =
      inquiry === undefined ||
      inquiry.attributes.status === 'expired' ||
      inquiry.attributes['redacted-at'] !== null;
    if (due > nowMs && !ended) continue;
    markExpired(org, due <= nowMs ? new Date(due).toISOString() : now, id);
  }
}

/** Ends the session at the time given, and announces it. */
function markExpired(org: Org, at: string, id: string): ResourceRecord {
  const expired = org.collection('inquiry-sessions').update(id, (r) => {
    r.attributes.status = 'expired';
    r.attributes['expired-at'] = at;
  });
  recordEvent(org, at, 'inquiry-session.expired', expired);
  return expired;
}

export function getSession(org: Org, now: string, id: string): ResourceRecord {
  const session = found(org.collection('inquiry-sessions').get(id), 'inquiry session', id);
  expireDueSessions(org, now, linkedId(session, 'inquiry') ?? undefined);
  return session;
}

/** Ends a session now; one already expired is answered unchanged. */
export function expireSession(org: Org, now: string, id: string): ResourceRecord {
  const session = getSession(org, now, id);
  if (session.attributes.status === 'expired') return session;
  return markExpired(org, now, id);
}

/** Marks a session opened: `active`, with when and by what browser, and the device that browser is. */
export function startSession(
  org: Org,
  now: string,
  id: string,
  userAgent: string | null,
): ResourceRecord {
  const session = getSession(org, now, id);
  if (session.attributes.status === 'expired') {
    throw conflict(`inquiry session ${id} has expired`);
  }
  if (session.attributes.status !== 'new') return session;
  const device = deviceOf(org, userAgent);
  const started = org.collection('inquiry-sessions').update(id, (r) => {
    r.attributes.status = 'active';
    r.attributes['started-at'] = now;
    r.attributes['user-agent'] = userAgent;
    r.relationships = { ...r.relationships, device: { data: { type: 'device', id: device.id } } };
  });
  recordEvent(org, now, 'inquiry-session.started', started);
  return started;
}

/** A token shaped like the JWT Persona answers; the mock only ever compares it. */
function sessionToken(sessionId: string, inquiryId: string, expiresAt: string): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const exp = Math.floor(Date.parse(expiresAt) / 1000);
  return `${part({ alg: 'HS256' })}.${part({ sid: sessionId, inq: inquiryId, exp })}.${newId('sig', 43).slice(4)}`;
}
