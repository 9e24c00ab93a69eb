import { conflict, invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { recordEvent } from '../events.js';
import { keepUpload, type Upload } from '../files.js';
import {
  type DocumentKind,
  type DocumentStart,
  getDocument,
  governmentIdAttributes,
  keepPhoto,
  type Photos,
  startDocument,
} from './documents.js';

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export interface GenericInput {
  kind?: string;
  files?: Upload[] | null;
  'inquiry-id'?: string;
  'account-id'?: string;
  fields?: Record<string, unknown> | null;
}

export interface GovernmentIdInput {
  'front-photo'?: Photos;
  'back-photo'?: Photos;
  'country-code'?: string;
  'inquiry-id'?: string;
  'account-id'?: string;
  'selected-country-code'?: string;
  'selected-id-class'?: string | string[];
}

const keepFiles = (document: ResourceRecord, origin: string, files: Upload[]) =>
  files.map((file, i) => keepUpload(document, origin, file, `data.attributes.files[${i}]`));

/** What a create or update request gives, by kind of document. */
export interface DocumentInput {
  generic: GenericInput;
  'government-id': GovernmentIdInput;
}

/** How each kind fills a new document and applies an update; the rest of both is shared. */
const kinds: {
  [K in DocumentKind]: {
    start: (
      origin: string,
      input: DocumentInput[K],
    ) => Pick<DocumentStart, 'attributes' | 'internal'>;
    change: (document: ResourceRecord, origin: string, input: DocumentInput[K]) => void;
  };
} = {
  generic: {
    start: (origin, input) => ({
      attributes: (document) => ({
        kind: input.kind,
        files: keepFiles(document, origin, input.files ?? []),
        'files-normalized': [],
        'extraction-responses': null,
        'document-type': null,
        fields: {},
      }),
    }),
    // Adds files, or changes the kind or field values.
    change: (d, origin, input) => {
      if (input.files)
        d.attributes.files = [...(d.attributes.files as []), ...keepFiles(d, origin, input.files)];
      if (input.kind !== undefined) d.attributes.kind = input.kind;
      if (input.fields !== undefined) d.attributes.fields = input.fields ?? {};
    },
  },
  'government-id': {
    start: (origin, input) => ({
      attributes: (document) =>
        governmentIdAttributes(
          keepPhoto(document, origin, input['front-photo'], 'data.attributes.front-photo'),
          keepPhoto(document, origin, input['back-photo'], 'data.attributes.back-photo'),
        ),
      internal: selection(input),
    }),
    // Replaces the photos (null removes one) or the selection.
    change: (d, origin, input) => {
      for (const side of ['front-photo', 'back-photo'] as const) {
        if (input[side] !== undefined)
          d.attributes[side] = keepPhoto(d, origin, input[side], `data.attributes.${side}`);
      }
      d.internal = { ...d.internal, ...selection(input) };
    },
  },
};

/** A new `initiated` document of the kind, in the inquiry or for the account named. */
export function createDocument<K extends DocumentKind>(
  org: Org,
  now: string,
  origin: string,
  kind: K,
  input: DocumentInput[K],
): ResourceRecord {
  return startDocument(org, now, {
    kind,
    inquiryId: input['inquiry-id'],
    accountId: input['account-id'],
    ...kinds[kind].start(origin, input),
  });
}

function selection(input: GovernmentIdInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input['country-code'] !== undefined) out.countryCode = input['country-code'].toUpperCase();
  if (input['selected-country-code'] !== undefined)
    out.selectedCountryCode = input['selected-country-code'];
  if (input['selected-id-class'] !== undefined) out.selectedIdClass = input['selected-id-class'];
  return out;
}

/** Only an `initiated` document may change or be submitted. */
function initiated(org: Org, id: string, kind: DocumentKind, action: string): ResourceRecord {
  const document = getDocument(org, id, kind);
  const status = document.attributes.status;
  if (status !== 'initiated') {
    throw conflict(
      `document ${id} is ${String(status)}; only an initiated document can be ${action}`,
    );
  }
  return document;
}

/** Changes an initiated document of the kind as its update request asks. */
export function updateDocument<K extends DocumentKind>(
  org: Org,
  origin: string,
  id: string,
  kind: K,
  input: DocumentInput[K],
): ResourceRecord {
  initiated(org, id, kind, 'updated');
  return org.collection('documents').update(id, (d) => kinds[kind].change(d, origin, input));
}

/**
 * Submits an initiated document that has what processing needs (a file; the
 * front of an ID), then processes it at once, as the mock's checks finish
 * immediately: `submitted`, then `processed`, each announced.
 */
export function submitDocument(
  org: Org,
  now: string,
  id: string,
  kind: DocumentKind,
): ResourceRecord {
  const document = initiated(org, id, kind, 'submitted');
  if (kind === 'generic' && (document.attributes.files as unknown[]).length === 0) {
    throw invalid(`document ${id} has no files: add one (data.attributes.files) before submitting`);
  }
  if (kind === 'government-id' && !document.attributes['front-photo']) {
    throw invalid(
      `document ${id} has no front photo: add one (data.attributes.front-photo) before submitting`,
    );
  }
  const documents = org.collection('documents');
  documents.update(id, (d) => {
    d.attributes.status = 'submitted';
  });
  recordEvent(org, now, 'document.submitted', document);
  documents.update(id, (d) => process(org, d, now));
  recordEvent(org, now, 'document.processed', document);
  return document;
}

/**
 * What processing reads: a generic document is classified `other` with its
 * files kept as they are; a government ID reads its class (the one selected,
 * else a driver's license) and the name and birthdate the person gave in the
 * inquiry, when it has one.
 */
export function process(org: Org, document: ResourceRecord, now: string): void {
  const a = document.attributes;
  a.status = 'processed';
  a['processed-at'] = now;
  a['processed-at-ts'] = unixSeconds(now);
  if (document.type === 'document/generic') {
    a['files-normalized'] = a.files;
    a['extraction-responses'] = [];
    a['document-type'] = 'other';
    return;
  }
  const selected = document.internal?.selectedIdClass;
  a['id-class'] = (Array.isArray(selected) ? selected[0] : selected) ?? 'dl';
  a.designations = [];
  const inquiryId = (document.relationships?.inquiry?.data as { id: string } | null)?.id;
  const inquiry = inquiryId ? org.collection('inquiries').get(inquiryId) : undefined;
  for (const name of ['name-first', 'name-middle', 'name-last', 'birthdate'] as const) {
    a[name] = (inquiry?.attributes[name] as string | null | undefined) ?? null;
  }
}

/**
 * The government ID document a simulated verification of that kind read:
 * processed at once, without photos (the sandbox uploads none).
 */
export function simulatedGovernmentId(
  org: Org,
  now: string,
  inquiry: ResourceRecord,
): ResourceRecord {
  const document = startDocument(org, now, {
    kind: 'government-id',
    inquiryId: inquiry.id,
    attributes: () => governmentIdAttributes(null, null),
  });
  org.collection('documents').update(document.id, (d) => process(org, d, now));
  recordEvent(org, now, 'document.processed', document);
  return document;
}
