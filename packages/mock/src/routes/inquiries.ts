import type { Collection } from '../core/collection.js';
import { linkedId } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { addTag, removeTag, setTags } from '../services/accounts.js';
import {
  type AutoCreateMeta,
  createInquiry,
  decideInquiry,
  expireInquiry,
  getInquiry,
  redactInquiry,
  resumeInquiry,
  updateInquiry,
} from '../services/inquiries.js';
import { tagName, tagNames } from './accounts.js';

type Body = {
  data?: { type?: string; attributes?: Record<string, unknown> };
  meta?: Record<string, unknown>;
};

const body = (input: RouteInput) => (input.body ?? {}) as Body;
const now = (input: RouteInput) => input.core.now();
const id = (input: RouteInput) => input.params['inquiry-id']!;
const one = (data: ResourceRecord, status = 200) => ({ status, data });

/**
 * Candidates of a filter that takes several values separated by commas: one
 * value narrows through the index; several are checked one object at a time.
 */
export function anyOf(
  collection: Collection,
  index: string,
  value: string | undefined,
  key: (r: ResourceRecord) => unknown,
): { candidates?: string[]; where?: (r: ResourceRecord) => boolean } {
  if (value === undefined) return {};
  const values = [...new Set(value.split(','))];
  if (values.length === 1) return { candidates: collection.lookup(index, values[0]!) };
  const wanted = new Set(values);
  return { where: (r) => wanted.has(key(r) as string) };
}

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
    const candidates = intersect(
      byAccount.candidates,
      byTemplate.candidates,
      filter['reference-id'] !== undefined
        ? inquiries.lookup('reference', filter['reference-id'])
        : undefined,
    );
    const statuses = filter.status !== undefined ? new Set(filter.status.split(',')) : undefined;
    return listPage(input, inquiries, {
      ...(candidates ? { candidates } : {}),
      where: allOf(
        byAccount.where,
        byTemplate.where,
        statuses && ((r) => statuses.has(r.attributes.status as string)),
        createdBetween(filter),
      ),
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
  updateInquiry: (input) =>
    one(updateInquiry(input.org, now(input), id(input), body(input).data?.attributes ?? {})),
  redactInquiry: (input) => one(redactInquiry(input.org, now(input), id(input))),
  approveInquiry: (input) =>
    one(decideInquiry(input.org, now(input), id(input), 'approved', comment(input))),
  declineInquiry: (input) =>
    one(decideInquiry(input.org, now(input), id(input), 'declined', comment(input))),
  expireInquiry: (input) => one(expireInquiry(input.org, now(input), id(input))),
  resumeInquiry: (input) => {
    const { inquiry, sessionToken } = resumeInquiry(input.org, now(input), id(input));
    return { status: 200, data: inquiry, meta: { 'session-token': sessionToken } };
  },
  addInquiryTag: (input) =>
    one(
      addTag(input.org, now(input), getInquiry(input.org, id(input)), tagName(input), 'inquiries'),
    ),
  removeInquiryTag: (input) =>
    one(
      removeTag(
        input.org,
        now(input),
        getInquiry(input.org, id(input)),
        tagName(input),
        'inquiries',
      ),
    ),
  setInquiryTags: (input) =>
    one(
      setTags(
        input.org,
        now(input),
        getInquiry(input.org, id(input)),
        tagNames(input),
        'inquiries',
      ),
    ),
};

function comment(input: RouteInput): string | undefined {
  return body(input).meta?.comment as string | undefined;
}
