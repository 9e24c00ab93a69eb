import { ApiError, invalid } from '../core/errors.js';
import { linkedId, type Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { linkToAccount, toMany } from './accounts/links.js';
import { decideInquiry } from './inquiries/status.js';

function inquiryOf(org: Org, id: string): ResourceRecord {
  const inquiry = org.collection('inquiries').get(id);
  if (!inquiry) throw invalid(`inquiry ${id} does not exist`);
  return inquiry;
}

/**
 * The Attach Inquiry step: the inquiry's account becomes this one (and leaves
 * the account it had). Attaching it where it already is changes nothing.
 */
export function attachInquiry(
  org: Org,
  now: string,
  inquiryId: string,
  accountId: string,
): Record<string, unknown> {
  const inquiry = inquiryOf(org, inquiryId);
  const account = org.collection('accounts').get(accountId);
  if (!account) throw invalid(`account ${accountId} does not exist`);
  if (inquiry.attributes['redacted-at'] !== null && inquiry.attributes['redacted-at'] !== undefined)
    throw invalid(`inquiry ${inquiryId} was redacted and cannot be attached`);
  const previous = linkedId(inquiry, 'account');
  if (previous !== accountId) {
    const before = previous ? org.collection('accounts').get(previous) : undefined;
    if (before) {
      const list = toMany(before, 'inquiries');
      const at = list.findIndex((l) => l.id === inquiryId);
      if (at !== -1) list.splice(at, 1);
    }
    org.collection('inquiries').update(inquiryId, (r) => {
      r.relationships ??= {};
      r.relationships.account = { data: { type: 'account', id: accountId } };
      r.attributes['updated-at'] = now;
    });
    linkToAccount(account, 'inquiries', { type: 'inquiry', id: inquiryId });
  }
  return { 'inquiry-id': inquiryId, 'account-id': accountId };
}

/** The Approve or Decline Inquiry step, through the inquiry's status rules. */
export function decideInquiryStep(
  org: Org,
  now: string,
  inquiryId: string,
  decision: 'approved' | 'declined',
  comment: string | undefined,
): Record<string, unknown> {
  inquiryOf(org, inquiryId);
  try {
    decideInquiry(org, now, inquiryId, decision, comment);
  } catch (error) {
    // A 409 from the status rules reads, in a run, as the step's failure.
    if (error instanceof ApiError) throw invalid(error.details ?? error.title);
    throw error;
  }
  return { 'inquiry-id': inquiryId, decision };
}
