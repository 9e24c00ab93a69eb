import { conflict, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Org } from '../core/org.js';
import type { Linkage, ResourceRecord } from '../core/types.js';
import {
  accountTypeOf,
  createAccount,
  linkToAccount,
  registerRedactor,
  toMany,
} from './accounts.js';
import { recordEvent, redactEventsOf } from './events.js';
import { typed } from './fields.js';

/** Personal data an inquiry collects: null until collected, and again after redaction. */
export const inquiryPersonalAttributes = [
  'name-first',
  'name-middle',
  'name-last',
  'birthdate',
  'address-street-1',
  'address-street-2',
  'address-city',
  'address-subdivision',
  'address-subdivision-abbr',
  'address-postal-code',
  'address-postal-code-abbr',
  'social-security-number',
  'identification-number',
  'email-address',
  'phone-number',
] as const;

const personal = new Set<string>(inquiryPersonalAttributes);

/** A real calendar day as `YYYY-MM-DD` (no 31st of February). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

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

/** How long a session token of Resume stays usable. */
const SESSION_SECONDS = 24 * 60 * 60;

export interface AutoCreateMeta {
  'auto-create-account'?: boolean;
  'auto-create-account-type-id'?: string;
  'auto-create-account-reference-id'?: string;
}

export interface AccountRequest {
  /** `data.attributes.account-id`: an existing account. */
  accountId?: string | undefined;
  /** `data.attributes.reference-id`: used when meta names no reference id. */
  referenceId?: string | undefined;
  meta?: AutoCreateMeta | undefined;
}

/**
 * The account a new inquiry or report belongs to, under Persona's
 * auto-create rules: `data.attributes.account-id` names it outright;
 * otherwise (unless `meta.auto-create-account` is false) the account holding
 * the reference id (`meta.auto-create-account-reference-id`, else
 * `data.attributes.reference-id`) is joined whatever its type, and only when
 * none holds it is one created, of `meta.auto-create-account-type-id` or the
 * default type. Without any reference id a fresh account is created. Null
 * when the object gets no account.
 *
 * Runs without awaiting between the lookup and the insert, so concurrent
 * requests for one reference id share one account.
 */
export function resolveAccount(
  org: Org,
  now: string,
  request: AccountRequest,
): ResourceRecord | null {
  const meta = request.meta ?? {};
  const auto = meta['auto-create-account'] ?? true;
  const typeId = meta['auto-create-account-type-id'];
  const metaReference = meta['auto-create-account-reference-id'];
  if (!auto) {
    for (const [key, value] of [
      ['auto-create-account-type-id', typeId],
      ['auto-create-account-reference-id', metaReference],
    ] as const) {
      if (value !== undefined) {
        throw invalid(`meta.${key} cannot be given when meta.auto-create-account is false`);
      }
    }
  }
  // An unknown type is a mistake even where the type would be ignored.
  const given =
    typeId !== undefined
      ? accountTypeOf(org, typeId, 'meta.auto-create-account-type-id')
      : undefined;

  if (request.accountId !== undefined) {
    const account = org.collection('accounts').get(request.accountId);
    if (!account) {
      throw invalid(
        `data.attributes.account-id ${request.accountId} names no account of this organization`,
      );
    }
    if (metaReference !== undefined && account.attributes['reference-id'] !== metaReference) {
      throw invalid(
        `meta.auto-create-account-reference-id ${metaReference} is not the reference id of account ${account.id} (data.attributes.account-id)`,
      );
    }
    return account;
  }
  if (!auto) return null;

  const type = given ?? accountTypeOf(org, undefined, 'meta.auto-create-account-type-id');
  const referenceId = metaReference ?? request.referenceId;
  if (referenceId !== undefined) {
    const existing = accountOfReference(org, referenceId, type.id);
    if (existing) return existing;
  }
  return createAccount(
    org,
    now,
    {
      attributes: {
        'account-type-id': type.id,
        ...(referenceId !== undefined ? { 'reference-id': referenceId } : {}),
      },
    },
    'meta',
  ).account;
}

/**
 * The account a reference id names, whatever its type: one of the requested
 * type first, then any other; an account consolidated away hands over to the
 * account it was consolidated into, as its objects did.
 */
function accountOfReference(
  org: Org,
  referenceId: string,
  typeId: string,
): ResourceRecord | undefined {
  const accounts = org.collection('accounts');
  const candidates = accounts.lookup('reference', referenceId).map((id) => accounts.get(id)!);
  const live = candidates.filter((a) => !a.internal?.consolidatedInto);
  const found =
    live.find((a) => (a.relationships?.['account-type']?.data as Linkage | null)?.id === typeId) ??
    live[0] ??
    candidates[0];
  let account = found;
  for (let hops = 0; account?.internal?.consolidatedInto && hops < 16; hops++) {
    account = accounts.get(account.internal.consolidatedInto as string) ?? account;
  }
  return account;
}

export function getInquiry(org: Org, id: string): ResourceRecord {
  const inquiry = org.collection('inquiries').get(id);
  if (!inquiry) throw notFound('inquiry', id);
  return inquiry;
}

/**
 * A template's version id carries the template's own suffix
 * (`itmpl_X` → `itmplv_X`): each template of the mock has one published version.
 */
export const templateVersionId = (templateId: string) =>
  `itmplv_${templateId.slice(templateId.indexOf('_') + 1)}`;

function templateOf(
  org: Org,
  templateId: string | undefined,
  versionId: string | undefined,
): ResourceRecord {
  const templates = org.collection('inquiry-templates');
  if (templateId !== undefined) {
    const template = templates.get(templateId);
    if (!template) {
      throw invalid(
        `data.attributes.inquiry-template-id ${templateId} names no inquiry template of this organization`,
      );
    }
    if (versionId !== undefined && versionId !== templateVersionId(template.id)) {
      throw invalid(
        `data.attributes.inquiry-template-version-id ${versionId} is not a version of inquiry template ${template.id}`,
      );
    }
    return template;
  }
  const id = versionId ? `itmpl_${versionId.slice(versionId.indexOf('_') + 1)}` : '';
  const template = templates.get(id);
  if (!template) {
    throw invalid(
      `data.attributes.inquiry-template-version-id ${versionId} names no inquiry template version of this organization`,
    );
  }
  return template;
}

type Typed = { type: string; value?: unknown };

/**
 * Field inputs as typed values, and the personal attributes they prefill
 * (`name-first` or `name_first` sets `name-first`). A prefilled attribute of
 * the wrong kind is a 422 naming the field.
 */
function prefill(
  input: Record<string, unknown>,
  existing: Record<string, Typed>,
  where: string,
): { fields: Record<string, Typed>; attributes: Record<string, string | null> } {
  const fields: Record<string, Typed> = {};
  const attributes: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(input)) {
    const attribute = key.replaceAll('_', '-');
    const isDate = attribute === 'birthdate';
    if (personal.has(attribute)) {
      if (value !== null && typeof value !== 'string')
        throw invalid(`${where}.${key} must be a string`);
      if (isDate && typeof value === 'string' && !isCalendarDate(value)) {
        throw invalid(`${where}.${key} must be a date (YYYY-MM-DD)`);
      }
      attributes[attribute] = value;
    }
    if (value === null) {
      fields[key] = { type: existing[key]?.type ?? (isDate ? 'date' : 'string'), value: null };
    } else if (isDate) {
      fields[key] = { type: 'date', value };
    } else {
      fields[key] = typed(value);
    }
  }
  return { fields, attributes };
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
    creator: (attrs['creator-email-address'] as string | undefined) ?? null,
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
  if (account) linkToAccount(account, 'inquiries', { type: 'inquiry', id: inquiry.id });
  recordEvent(org, now, 'inquiry.created', inquiry);
  return inquiry;
}

function refuseRedacted(inquiry: ResourceRecord, action: string): void {
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
  recordEvent(org, now, 'inquiry.updated', inquiry);
  return inquiry;
}

function transition(
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
  transition(inquiry, decision === 'approved' ? 'approve' : 'decline', decision);
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
  transition(inquiry, 'expire', 'expired');
  org.collection('inquiries').update(id, (r) => {
    r.attributes.status = 'expired';
    r.attributes['expired-at'] = now;
    r.attributes['updated-at'] = now;
    r.internal = { ...r.internal, session: null };
  });
  recordEvent(org, now, 'inquiry.expired', inquiry);
  return inquiry;
}

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
  transition(inquiry, 'resume', 'resumed');
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
  recordEvent(org, now, 'inquiry.resumed', inquiry);
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

/** Personal data out of an inquiry's attributes: what redaction leaves. */
function redactInquiryAttributes(attributes: Record<string, unknown>): void {
  for (const name of inquiryPersonalAttributes) {
    if (name in attributes) attributes[name] = null;
  }
  const fields = attributes.fields as Record<string, Typed> | undefined;
  if (fields) {
    attributes.fields = Object.fromEntries(
      Object.entries(fields).map(([key, field]) => [key, { type: field.type, value: null }]),
    );
  }
}

/**
 * Erases an inquiry's personal data for good, then that of its reports and
 * of the events that recorded it. The inquiry stays, with `redacted-at` set;
 * redacting it again changes nothing.
 */
export function redactInquiry(org: Org, now: string, id: string): ResourceRecord {
  const inquiry = getInquiry(org, id);
  if (inquiry.attributes['redacted-at'] !== null) return inquiry;
  org.collection('inquiries').update(id, (r) => {
    redactInquiryAttributes(r.attributes);
    r.attributes['redacted-at'] = now;
    r.attributes['updated-at'] = now;
    r.internal = { ...r.internal, session: null };
  });
  redactEventsOf(org, now, id, redactInquiryAttributes);
  for (const link of toMany(inquiry, 'reports')) reportRedactor?.(org, now, link.id);
  recordEvent(org, now, 'inquiry.redacted', inquiry);
  return inquiry;
}

/** Set by the report service, which owns how a report is redacted. */
let reportRedactor: ((org: Org, now: string, id: string) => void) | undefined;
export function registerInquiryReportRedactor(
  fn: (org: Org, now: string, id: string) => void,
): void {
  reportRedactor = fn;
}

registerRedactor('inquiries', (org, now, id) => {
  if (org.collection('inquiries').has(id)) redactInquiry(org, now, id);
});
