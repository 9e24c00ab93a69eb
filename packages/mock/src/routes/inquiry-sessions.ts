import { listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { getInquiry, refuseRedacted } from '../services/inquiries/inquiries.js';
import {
  createSession,
  expireDueSessions,
  expireSession,
  getSession,
} from '../services/inquiries/inquiry-sessions.js';
import { flowLink } from '../services/inquiries/one-time-link.js';
import {
  expireSessionsOf,
  linkSession,
  openSession,
} from '../services/inquiries/session-actions.js';
import { attributesOf, lookupIf, metaOf, now, one } from './support.js';

const sessionId = (input: RouteInput) => input.params['inquiry-session-id']!;

export const inquirySessionRoutes: RouteTable = {
  generateInquiryOneTimeLink: (input) => {
    const inquiry = getInquiry(input.org, input.params['inquiry-id']!);
    refuseRedacted(inquiry, 'given a link');
    const seconds = metaOf(input)['expires-in-seconds'] as number | undefined;
    const session = createSession(input.org, now(input), inquiry, {
      expiresInSeconds: seconds,
      withLink: true,
    });
    // The link leads to the hosted-flow page this mock serves, on the origin it was asked on.
    const link = flowLink(input.request.url.origin, session.internal?.linkCode as string);
    return { status: 200, data: inquiry, meta: { 'one-time-link': link } };
  },
  listInquirySessions: (input) => {
    const inquiryId = input.query.filter['inquiry-id'];
    expireDueSessions(input.org, now(input), inquiryId);
    const sessions = input.org.collection('inquiry-sessions');
    return listPage(input, sessions, { candidates: lookupIf(sessions, 'inquiry', inquiryId) });
  },
  retrieveInquirySession: (input) => one(getSession(input.org, now(input), sessionId(input))),
  expireInquirySession: (input) => one(expireSession(input.org, now(input), sessionId(input))),
  createInquirySession: (input) =>
    one(openSession(input.org, now(input), attributesOf(input)['inquiry-id'] as string), 201),
  expireAllInquirySessions: (input) => ({
    status: 200,
    data: expireSessionsOf(input.org, now(input), metaOf(input)['inquiry-ids'] as string[]),
  }),
  generateInquirySessionOneTimeLink: (input) => {
    const session = linkSession(input.org, now(input), sessionId(input));
    const link = flowLink(input.request.url.origin, session.internal?.linkCode as string);
    return { status: 200, data: session, meta: { 'one-time-link': link } };
  },
};
