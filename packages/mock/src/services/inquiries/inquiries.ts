import { conflict, found } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { linkToAccount } from '../accounts/links.js';
import { type AutoCreateMeta, resolveAccount } from '../accounts/resolve.js';
import { recordEvent } from '../events.js';
import { templateOf, templateVersionId } from './inquiry-templates.js';
import { inquiryPersonalAttributes, prefill, type Typed } from './prefill.js';

export function getInquiry(org: Org, id: string): ResourceRecord {
  return found(org.collection('inquiries').get(id), 'inquiry', id);
}

export interface InquiryCreateInput {
  attributes: Record<string, unknown>;
  meta?: AutoCreateMeta | undefined;
}

/** Starts an inquiry from a template and attaches it to its account (see `resolveAccount`). */
export function createInquiry(org: Org, now: string, input: InquiryCreateInput): ResourceRecord {
  const attrs = input.attributes;
  const template = templateOf(
    org,
    attrs['inquiry-template-id'] as string | undefined,
    attrs['inquiry-template-version-id'] as string | undefined,
  );
  const given = prefill(
    (attrs.fields as Record<string, unknown> | undefined) ?? {},
    {},
    'data.attributes.fields',
  );
  // Every check above runs before an account may be created.
  const account = resolveAccount(org, now, {
    accountId: attrs['account-id'] as string | undefined,
    referenceId: attrs['reference-id'] as string | undefined,
    meta: input.meta,
  });
  const attributes: Record<string, unknown> = {
    status: 'created',
    'reference-id':
      (attrs['reference-id'] as string | undefined) ?? account?.attributes['reference-id'] ?? null,
    note: (attrs.note as string | undefined) ?? null,
    tags: [...new Set((attrs.tags as string[] | undefined) ?? [])],
    'created-at': now,
    'updated-at': now,
    'started-at': null,
    'completed-at': null,
    'failed-at': null,
    'marked-for-review-at': null,
    'decisioned-at': null,
    'expired-at': null,
    'redacted-at': null,
    'reviewer-comment': null,
    'previous-step-name': null,
    'next-step-name': null,
  };
  for (const name of inquiryPersonalAttributes) attributes[name] = given.attributes[name] ?? null;
  // Persona's creator is a string, left out when no one is named.
  const creator = attrs['creator-email-address'];
  if (typeof creator === 'string') attributes.creator = creator;
  attributes.fields = given.fields;
  const inquiry: ResourceRecord = {
    type: 'inquiry',
    id: org.newId('inq'),
    attributes,
    relationships: {
      account: { data: account ? { type: 'account', id: account.id } : null },
      'inquiry-template': { data: { type: 'inquiry-template', id: template.id } },
      'inquiry-template-version': {
        data: { type: 'inquiry-template-version', id: templateVersionId(template.id) },
      },
      reports: { data: [] },
      verifications: { data: [] },
    },
    internal: {
      ...(attrs['redirect-uri'] !== undefined ? { redirectUri: attrs['redirect-uri'] } : {}),
    },
  };
  org.collection('inquiries').insert(inquiry);
  if (account) {
    org
      .collection('accounts')
      .update(account.id, (a) =>
        linkToAccount(a, 'inquiries', { type: 'inquiry', id: inquiry.id }),
      );
  }
  recordEvent(org, now, 'inquiry.created', inquiry);
  return inquiry;
}

/** Redaction is final: a redacted inquiry takes no more changes. */
export function refuseRedacted(inquiry: ResourceRecord, action: string): void {
  if (inquiry.attributes['redacted-at'] !== null) {
    throw conflict(`inquiry ${inquiry.id} was redacted and cannot be ${action}`);
  }
}

/** Changes the note, tags or field values; attributes left out keep their value. */
export function updateInquiry(
  org: Org,
  now: string,
  id: string,
  attrs: Record<string, unknown>,
): ResourceRecord {
  const inquiry = getInquiry(org, id);
  refuseRedacted(inquiry, 'updated');
  const current = inquiry.attributes.fields as Record<string, Typed>;
  const given = prefill(
    (attrs.fields as Record<string, unknown> | undefined) ?? {},
    current,
    'data.attributes.fields',
  );
  org.collection('inquiries').update(id, (r) => {
    if (attrs.note !== undefined) r.attributes.note = attrs.note;
    if (attrs.tags !== undefined) r.attributes.tags = [...new Set(attrs.tags as string[])];
    Object.assign(r.attributes, given.attributes);
    r.attributes.fields = { ...current, ...given.fields };
    r.attributes['updated-at'] = now;
  });
  // Persona sends no event for an inquiry's edits.
  return inquiry;
}
