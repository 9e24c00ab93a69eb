import { invalid, notFound } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Relationship, ResourceRecord } from '../../core/types.js';
import { toMany } from '../accounts/links.js';
import { recordEvent } from '../events.js';
import { keepUpload, type StoredFile, type Upload } from '../files.js';
import { refuseRedacted } from '../inquiries/inquiries.js';
import { address } from '../verifications/kinds.js';

export type DocumentKind = 'generic' | 'government-id';
export const documentType = (kind: DocumentKind) => `document/${kind}`;

/** A person's data read from an ID, null until the document is processed. */
export const governmentIdReadings = [
  'id-class',
  'name-first',
  'name-middle',
  'name-last',
  'name-suffix',
  'birthdate',
  'issuing-authority',
  'issuing-subdivision',
  'nationality',
  'document-number',
  'visa-status',
  'issue-date',
  'expiration-date',
  'designations',
  'birthplace',
  'height',
  'sex',
  'endorsements',
  'restrictions',
  'vehicle-class',
  'identification-number',
  ...address,
] as const;

/** The document of that id; of one kind when asked (`/document/generics/{id}` finds no government ID). */
export function getDocument(org: Org, id: string, kind?: DocumentKind): ResourceRecord {
  const document = org.collection('documents').get(id);
  if (!document || (kind !== undefined && document.type !== documentType(kind))) {
    throw notFound(kind ? `${kind} document` : 'document', id);
  }
  return document;
}

/** Photos of one side of an ID as requests send them: the first is the one kept. */
export type Photos = { data?: Upload[] } | null | undefined;

export function keepPhoto(
  document: ResourceRecord,
  origin: string,
  photos: Photos,
  where: string,
): StoredFile | null {
  const first = photos?.data?.[0];
  return first ? keepUpload(document, origin, first, `${where}.data[0]`) : null;
}

const none = (): Relationship => ({ data: null });

/** The inquiry a request names, which must exist and not be redacted. */
function inquiryOf(org: Org, id: string | undefined): ResourceRecord | null {
  if (id === undefined) return null;
  const inquiry = org.collection('inquiries').get(id);
  if (!inquiry)
    throw invalid(`data.attributes.inquiry-id ${id} names no inquiry of this organization`);
  refuseRedacted(inquiry, 'given documents');
  return inquiry;
}

function checkAccount(org: Org, id: string | undefined): void {
  if (id !== undefined && !org.collection('accounts').has(id)) {
    throw invalid(`data.attributes.account-id ${id} names no account of this organization`);
  }
}

export interface DocumentStart {
  kind: DocumentKind;
  inquiryId?: string | undefined;
  accountId?: string | undefined;
  /** Attributes of the kind, filled in once the document has its id (files need it). */
  attributes: (document: ResourceRecord) => Record<string, unknown>;
  internal?: Record<string, unknown>;
}

/**
 * A new `initiated` document, in the inquiry named (whose template it takes)
 * or on its own; the inquiry lists it among its documents.
 */
export function startDocument(org: Org, now: string, start: DocumentStart): ResourceRecord {
  const inquiry = inquiryOf(org, start.inquiryId);
  checkAccount(org, start.accountId);
  const document: ResourceRecord = {
    type: documentType(start.kind),
    id: org.newId('doc'),
    attributes: {},
    relationships: {
      inquiry: inquiry ? { data: { type: 'inquiry', id: inquiry.id } } : none(),
      template: none(),
      'inquiry-template-version': inquiry?.relationships?.['inquiry-template-version'] ?? none(),
      'inquiry-template': inquiry?.relationships?.['inquiry-template'] ?? none(),
      transaction: none(),
      'document-files': { data: [] },
    },
    internal: {
      ...start.internal,
      ...(start.accountId !== undefined ? { accountId: start.accountId } : {}),
    },
  };
  document.attributes = {
    status: 'initiated',
    'created-at': now,
    'processed-at': null,
    'processed-at-ts': null,
    ...start.attributes(document),
  };
  org.collection('documents').insert(document);
  if (inquiry) {
    org.collection('inquiries').update(inquiry.id, (r) => {
      toMany(r, 'documents').push({ type: document.type, id: document.id });
    });
  }
  recordEvent(org, now, 'document.created', document);
  return document;
}

/** Attributes of a government ID document before processing: its photos, nothing read yet. */
export function governmentIdAttributes(
  front: StoredFile | null,
  back: StoredFile | null,
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    'front-photo': front,
    'back-photo': back,
    'selfie-photo': null,
  };
  for (const name of governmentIdReadings) attributes[name] = null;
  return attributes;
}
