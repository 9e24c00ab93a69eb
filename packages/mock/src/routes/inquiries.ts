import { linkedId } from '../core/org.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import type { AutoCreateMeta } from '../services/accounts/resolve.js';
import {
  createInquiry,
  getInquiry,
  refuseRedacted,
  updateInquiry,
} from '../services/inquiries/inquiries.js';
import { resumeInquiry } from '../services/inquiries/sessions.js';
import { simulateInquiry } from '../services/inquiries/simulate.js';
import { decideInquiry, expireInquiry } from '../services/inquiries/status.js';
import { redactInquiry } from '../services/redaction.js';
import { printed } from './print.js';
import { anyOf, attributesOf, body, lookupIf, metaOf, now, one } from './support.js';
import { tagRoutes } from './tags.js';

const id = (input: RouteInput) => input.params['inquiry-id']!;
const comment = (input: RouteInput) => metaOf(input).comment as string | undefined;

export const inquiryRoutes: RouteTable = {
  listInquiries: (input) => {
    const inquiries = input.org.collection('inquiries');
    const { filter } = input.query;
    const byAccount = anyOf(inquiries, 'account', filter['account-id'], (r) =>
      linkedId(r, 'account'),
    );
    const byTemplate = anyOf(inquiries, 'template', filter['inquiry-template-id'], (r) =>
      linkedId(r, 'inquiry-template'),
    );
    const byStatus = anyOf(inquiries, null, filter.status, (r) => r.attributes.status);
    return listPage(input, inquiries, {
      candidates: intersect(
        byAccount.candidates,
        byTemplate.candidates,
        lookupIf(inquiries, 'reference', filter['reference-id']),
      ),
      where: allOf(byAccount.where, byTemplate.where, byStatus.where, createdBetween(filter)),
    });
  },
  createInquiry: (input) => {
    const { data, meta } = body(input);
    return one(
      createInquiry(input.org, now(input), {
        attributes: data?.attributes ?? {},
        meta: meta as AutoCreateMeta | undefined,
      }),
      201,
    );
  },
  retrieveInquiry: (input) => one(getInquiry(input.org, id(input))),
  printInquiry: (input) => {
    const inquiry = getInquiry(input.org, id(input));
    refuseRedacted(inquiry, 'printed');
    return printed(input, inquiry);
  },
  updateInquiry: (input) =>
    one(updateInquiry(input.org, now(input), id(input), attributesOf(input))),
  redactInquiry: (input) => one(redactInquiry(input.org, now(input), id(input))),
  approveInquiry: (input) =>
    one(decideInquiry(input.org, now(input), id(input), 'approved', comment(input))),
  declineInquiry: (input) =>
    one(decideInquiry(input.org, now(input), id(input), 'declined', comment(input))),
  expireInquiry: (input) => one(expireInquiry(input.org, now(input), id(input))),
  performInquirySimulateActions: (input) =>
    one(simulateInquiry(input.org, now(input), id(input), metaOf(input)['simulate-actions'])),
  resumeInquiry: (input) => {
    const { inquiry, sessionToken } = resumeInquiry(input.org, now(input), id(input));
    return { status: 200, data: inquiry, meta: { 'session-token': sessionToken } };
  },
  ...tagRoutes({ kind: 'Inquiry', collection: 'inquiries', param: 'inquiry-id', get: getInquiry }),
};
