import { found } from '../core/errors.js';
import type { CollectionName, Org } from '../core/org.js';
import type { Linkage, ResourceRecord } from '../core/types.js';
import { accountLinks, linkedTo } from './accounts/links.js';
import { recordEvent } from './events.js';
import { forgetFiles } from './files.js';

/**
 * How redaction erases one attribute:
 * - `remove`: left out of the stored object (answers show null, core/defaults.ts);
 * - `null`: set to null;
 * - `empty`: emptied to `[]` or `{}`, where the schema does not allow null;
 * - `null-values`: typed fields keep their types, each value set to null.
 */
export type Erasure = 'remove' | 'null' | 'empty' | 'null-values';

const each = (names: readonly string[], erasure: Erasure): Record<string, Erasure> =>
  Object.fromEntries(names.map((name) => [name, erasure]));

const nameParts = ['name-first', 'name-middle', 'name-last'] as const;
const reportName = [...nameParts, 'term'] as const;
/** A person's name, birthdate and street address, as accounts, inquiries and verifications hold them. */
const person = [
  ...nameParts,
  'birthdate',
  'address-street-1',
  'address-street-2',
  'address-city',
  'address-subdivision',
] as const;

/**
 * The personal attributes of each resource type, and how redaction erases
 * them: the one place that names them. Types not listed hold no personal data.
 */
export const personalAttributes: Record<string, Record<string, Erasure>> = {
  // An account holds its personal data in `fields`; only the number stays top-level.
  account: { 'social-security-number': 'remove', fields: 'empty' },
  inquiry: {
    ...each(
      [
        ...person,
        'address-subdivision-abbr',
        'address-postal-code',
        'address-postal-code-abbr',
        'social-security-number',
        'identification-number',
        'email-address',
        'phone-number',
      ],
      'null',
    ),
    fields: 'null-values',
  },
  // Persona's redacted verification answers its checks emptied too.
  verification: {
    ...each(
      [
        ...person,
        'name-suffix',
        'birthplace',
        'nationality',
        'address-postal-code',
        'identification-number',
        'document-number',
        'front-photo-url',
        'back-photo-url',
        'photo-urls',
        'selfie-photo',
        'selfie-photo-url',
        'video-url',
        'center-photo-url',
        'left-photo-url',
        'right-photo-url',
        'phone-number',
        'email-address',
        'normalized-address-street-1',
        'normalized-address-street-2',
        'normalized-address-city',
        'normalized-address-subdivision',
        'normalized-address-postal-code',
      ],
      'null',
    ),
    checks: 'empty',
  },
  // A report's search input and findings.
  'report/watchlist': each([...reportName, 'birthdate', 'country-code', 'matched-lists'], 'null'),
  'report/politically-exposed-person': each(['query', 'result'], 'null'),
  'report/adverse-media': {
    ...each([...reportName, 'birthdate', 'country-code'], 'null'),
    'related-sources': 'empty',
  },
  'report/email-address': each(
    [
      'email-address',
      'email-reputation',
      'email-estimated-age-days',
      'email-domain-age-days',
      'email-credentials-leaked-recent',
      'email-malicious-activity-detected-recent',
      'email-is-spam',
      'email-is-disposable',
      'email-is-deliverable',
      'email-is-valid-mx',
      'email-is-suspicious',
      'email-domain-exists',
      'email-domain',
    ],
    'null',
  ),
  'report/phone-number': each(
    [
      'phone-number',
      'phone-type',
      'phone-carrier',
      'phone-risk-level',
      'phone-risk-recommendation',
      'phone-risk-score',
      'phone-risk-sim-swap',
    ],
    'null',
  ),
  case: { fields: 'empty', attachments: 'empty' },
  // A transaction's reference id names a person in the customer's system.
  transaction: { 'reference-id': 'null', fields: 'null-values' },
  'document/generic': {
    files: 'empty',
    'files-normalized': 'empty',
    'extraction-responses': 'null',
    fields: 'empty',
  },
  'document/government-id': each(
    [
      ...person,
      'address-postal-code',
      'name-suffix',
      'front-photo',
      'back-photo',
      'selfie-photo',
      'birthplace',
      'nationality',
      'height',
      'sex',
      'document-number',
      'identification-number',
      'issue-date',
      'expiration-date',
    ],
    'null',
  ),
};

/**
 * Biometric data (photos of a face or an ID), which Redact biometrics erases
 * while other personal data stays: attributes by type, and every `file` field
 * of a transaction.
 */
export const biometricAttributes: Record<string, readonly string[]> = {
  'document/government-id': ['front-photo', 'back-photo', 'selfie-photo'],
};

/** Erases an object's biometric data, in place. */
export function eraseBiometrics(type: string, attributes: Record<string, unknown>): void {
  for (const name of biometricAttributes[type] ?? []) {
    if (name in attributes) attributes[name] = null;
  }
  const fields = attributes.fields as Record<string, { type: string; value?: unknown }> | undefined;
  if (type !== 'transaction' || !fields) return;
  for (const [key, field] of Object.entries(fields)) {
    if (field.type === 'file') fields[key] = { type: 'file', value: null };
  }
}

/** `verification/government-id` falls back to `verification`. */
function tableOf(type: string): Record<string, Erasure> {
  return personalAttributes[type] ?? personalAttributes[type.slice(0, type.indexOf('/'))] ?? {};
}

/** The personal attributes of a type that are erased a given way (`null`: those a new object starts null). */
export function personalNames(type: string, erasure?: Erasure): string[] {
  return Object.entries(tableOf(type))
    .filter(([, how]) => erasure === undefined || how === erasure)
    .map(([name]) => name);
}

/** Erases an object's personal attributes, in place, as the table says. */
export function erasePersonal(type: string, attributes: Record<string, unknown>): void {
  for (const [name, erasure] of Object.entries(tableOf(type))) {
    const value = attributes[name];
    if (erasure === 'remove') delete attributes[name];
    else if (!(name in attributes)) continue;
    else if (erasure === 'null') attributes[name] = null;
    else if (erasure === 'empty') attributes[name] = Array.isArray(value) ? [] : {};
    else if (value && typeof value === 'object') {
      attributes[name] = Object.fromEntries(
        Object.entries(value as Record<string, { type: string }>).map(([key, field]) => [
          key,
          { type: field.type, value: null },
        ]),
      );
    }
  }
}

/**
 * Erases an object's personal data from the payloads of the events that
 * recorded it (each event keeps its name and time; when is kept in `internal`,
 * as Persona's event carries no redaction time).
 */
export function redactEventsOf(org: Org, now: string, objectId: string, type: string): void {
  const events = org.collection('events');
  for (const eventId of events.lookup('object', objectId)) {
    events.update(eventId, (event) => {
      if (event.internal?.redactedAt) return;
      const data = (event.attributes.payload as { data?: ResourceRecord } | undefined)?.data;
      if (data?.attributes) erasePersonal(type, data.attributes);
      event.internal = { ...event.internal, redactedAt: now };
    });
  }
}

function existing(org: Org, name: CollectionName, kind: string, id: string): ResourceRecord {
  return found(org.collection(name).get(id), kind, id);
}

/** Redacts the objects a to-many relationship links to, those that still exist. */
function redactLinked(
  org: Org,
  now: string,
  record: ResourceRecord,
  name: 'inquiries' | 'verifications' | 'reports' | 'transactions' | 'documents',
  redact: (org: Org, now: string, id: string) => unknown,
): void {
  // An account's objects are kept in `internal`; other objects link them as Persona does.
  const data =
    record.type === 'account' && name !== 'verifications' && name !== 'documents'
      ? linkedTo(record, name)
      : record.relationships?.[name]?.data;
  // A copy: redacting a transaction unties it from the account, shortening the list.
  for (const link of Array.isArray(data) ? [...(data as Linkage[])] : []) {
    if (org.collection(name).has(link.id)) redact(org, now, link.id);
  }
}

const withoutRedactedAt = new Set<CollectionName>(['verifications', 'transactions', 'documents']);

/** Erases one stored object and the events that recorded it. */
function erase(org: Org, now: string, name: CollectionName, record: ResourceRecord): void {
  org.collection(name).update(record.id, (r) => {
    erasePersonal(r.type, r.attributes);
    // Persona's verifications, transactions and documents have no `redacted-at`.
    if (!withoutRedactedAt.has(name)) r.attributes['redacted-at'] = now;
    if ('updated-at' in r.attributes) r.attributes['updated-at'] = now;
    // A redacted inquiry's session can no longer be used.
    if (name === 'inquiries') r.internal = { ...r.internal, session: null };
  });
  redactEventsOf(org, now, record.id, record.type);
}

/**
 * Erases an object that records `redacted-at`, then carries the redaction on
 * through `cascade`. Redaction is final: one already redacted is answered as it is.
 */
function redactOnce(
  org: Org,
  now: string,
  name: CollectionName,
  kind: string,
  id: string,
  cascade: (record: ResourceRecord) => void = () => {},
): ResourceRecord {
  const record = existing(org, name, kind, id);
  if (record.attributes['redacted-at'] !== null) return record;
  erase(org, now, name, record);
  cascade(record);
  return record;
}

/*
 * The cascade: an account's redaction reaches its inquiries and reports; an
 * inquiry's reaches its verifications and reports; each erases the events
 * that recorded the object. Objects and events stay; objects get `redacted-at`.
 */

/**
 * Removes the account's personal data for good and redacts its inquiries and
 * reports. The account itself stays, and can still be updated (and redacted again).
 */
export function redactAccount(org: Org, now: string, id: string): ResourceRecord {
  const account = existing(org, 'accounts', 'account', id);
  erase(org, now, 'accounts', account);
  redactLinked(org, now, account, 'inquiries', redactInquiry);
  redactLinked(org, now, account, 'reports', redactReport);
  redactLinked(org, now, account, 'transactions', redactTransaction);
  recordEvent(org, now, 'account.redacted', account);
  return account;
}

/**
 * Erases an inquiry's personal data for good, then that of its verifications
 * and reports. Redacting it again changes nothing.
 */
export function redactInquiry(org: Org, now: string, id: string): ResourceRecord {
  return redactOnce(org, now, 'inquiries', 'inquiry', id, (inquiry) => {
    redactLinked(org, now, inquiry, 'verifications', redactVerification);
    redactLinked(org, now, inquiry, 'reports', redactReport);
    redactLinked(org, now, inquiry, 'documents', redactDocument);
  });
}

/** Erases a document's personal data and files, and the events that recorded it. */
function redactDocument(org: Org, now: string, id: string): void {
  const document = org.collection('documents').get(id)!;
  erase(org, now, 'documents', document);
  org.collection('documents').update(id, forgetFiles);
}

/**
 * Erases a verification's personal data (what it read, its photos, the
 * details of its checks) and the events that recorded it. Persona keeps no
 * `redacted-at` on a verification, so redacting it again erases nothing new.
 */
export function redactVerification(org: Org, now: string, id: string): ResourceRecord {
  const verification = existing(org, 'verifications', 'verification', id);
  erase(org, now, 'verifications', verification);
  return verification;
}

/** Erases a report's search input and findings for good. Redacting it again changes nothing. */
export function redactReport(org: Org, now: string, id: string): ResourceRecord {
  return redactOnce(org, now, 'reports', 'report', id);
}

/**
 * Erases a transaction's personal data for good: its reference id, the values
 * of its fields and its files; it no longer belongs to an account. The
 * transaction stays. Redacting it again changes nothing.
 */
export function redactTransaction(org: Org, now: string, id: string): ResourceRecord {
  const transaction = existing(org, 'transactions', 'transaction', id);
  if (transaction.internal?.redactedAt) return transaction;
  const related = (transaction.relationships?.['related-objects']?.data ?? []) as Linkage[];
  for (const link of related) {
    if (link.type !== 'account' || !org.collection('accounts').has(link.id)) continue;
    org.collection('accounts').update(link.id, (a) => {
      const list = accountLinks(a, 'transactions');
      const at = list.findIndex((l) => l.id === id);
      if (at >= 0) list.splice(at, 1);
    });
  }
  erase(org, now, 'transactions', transaction);
  org.collection('transactions').update(id, (t) => {
    forgetFiles(t);
    t.relationships = { ...t.relationships, 'related-objects': { data: [] } };
    t.internal = { ...t.internal, redactedAt: now };
  });
  recordEvent(org, now, 'transaction.redacted', transaction);
  return transaction;
}

/**
 * Erases the biometric data of a transaction (the photos in its file fields)
 * and of the documents that belong to it, for good. Other data stays.
 */
export function redactTransactionBiometrics(org: Org, now: string, id: string): ResourceRecord {
  const transaction = existing(org, 'transactions', 'transaction', id);
  org.collection('transactions').update(id, (t) => {
    eraseBiometrics(t.type, t.attributes);
    forgetFiles(t);
    t.attributes['updated-at'] = now;
  });
  const documents = org.collection('documents');
  for (const documentId of documents.lookup('transaction', id)) {
    documents.update(documentId, (d) => {
      eraseBiometrics(d.type, d.attributes);
      forgetFiles(d);
    });
  }
  return transaction;
}
