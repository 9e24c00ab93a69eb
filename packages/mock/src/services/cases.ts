import { conflict, invalid, notFound } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { Linkage, ResourceRecord } from '../core/types.js';
import { linkToAccount, toMany } from './accounts.js';
import { recordEvent } from './events.js';
import { type FieldSchema, typeFields } from './fields.js';
import { addTag, removeTag, type Stamp, setTags } from './tags.js';

/** The longest SLA a case may take: 90 days. */
export const MAX_SLA_SECONDS = 90 * 24 * 60 * 60;

/** Who acted on a case: a user (by email address), a workflow run, or the API key itself. */
export interface Actor {
  type: string;
  id: string;
}

/** The actor recorded for changes made through the API with an organization's key. */
export function apiActor(org: Org): Actor {
  return { type: 'api-key', id: `api_${org.id.slice(org.id.indexOf('_') + 1)}` };
}

export interface CaseInput {
  caseTemplateId: string;
  caseQueueId?: string | undefined;
  creatorEmailAddress?: string | undefined;
  fields?: Record<string, unknown>;
  tags?: string[];
  objectIds?: string[];
  slaExpiresInSeconds?: number | null | undefined;
  creator?: Actor;
}

export interface CaseUpdate {
  fields?: Record<string, unknown>;
  /** A queue id, or null to take the case out of its queue. */
  caseQueueId?: string | null;
  attachments?: { filename: string; data: string }[];
  /** Seconds from now, or null to clear the deadline. */
  slaExpiresInSeconds?: number | null;
}

/** Relationship of a case that holds objects of each id prefix. */
const relationshipOfPrefix: Record<string, string> = {
  act: 'accounts',
  inq: 'inquiries',
  rep: 'reports',
  ver: 'verifications',
  txn: 'txns',
  doc: 'documents',
};

type TemplateFieldSchema = FieldSchema & { required: boolean };

export function getCase(org: Org, id: string): ResourceRecord {
  const found = org.collection('cases').get(id);
  if (!found) throw notFound('case', id);
  return found;
}

export function getCaseTemplate(org: Org, id: string): ResourceRecord {
  const found = org.collection('case-templates').get(id);
  if (!found) throw notFound('case template', id);
  return found;
}

/** Checks that every id names an object of this organization that a case can hold. */
export function checkObjects(org: Org, objectIds: string[], where: string): void {
  objectIds.forEach((id, i) => {
    const prefix = id.slice(0, id.indexOf('_'));
    if (!relationshipOfPrefix[prefix] || !org.findById(id)) {
      throw invalid(`${where}[${i}] ${id} names no object of this organization`);
    }
  });
}

/**
 * Checks object ids (each must name an object of this organization) and links
 * them to the case; answers how many were not attached before.
 */
export function attachObjects(
  org: Org,
  record: ResourceRecord,
  objectIds: string[],
  where: string,
): number {
  checkObjects(org, objectIds, where);
  let added = 0;
  for (const id of objectIds) {
    const target = org.findById(id)!;
    const relationship = relationshipOfPrefix[id.slice(0, id.indexOf('_'))]!;
    const list = toMany(record, relationship);
    const linkage: Linkage = { type: target.type, id: target.id };
    if (!list.some((l) => l.id === linkage.id)) {
      list.push(linkage);
      added++;
    }
    if (target.type === 'account') linkToAccount(target, 'cases', { type: 'case', id: record.id });
  }
  return added;
}

function checkQueue(org: Org, id: string, where: string): void {
  const queue = org.collection('case-queues').get(id);
  if (!queue) throw invalid(`${where} ${id} names no case queue of this organization`);
  if (queue.attributes.status !== 'active') throw invalid(`${where} ${id} is archived`);
}

function slaExpiresAt(now: string, seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SLA_SECONDS) {
    throw invalid(
      `meta.sla-expires-in-seconds must be an integer from 1 to ${MAX_SLA_SECONDS} (90 days)`,
    );
  }
  return new Date(Date.parse(now) + seconds * 1000).toISOString();
}

function templateSchemas(template: ResourceRecord): TemplateFieldSchema[] {
  return (template.attributes['field-schemas'] as TemplateFieldSchema[] | undefined) ?? [];
}

function checkRequiredFields(
  fields: Record<string, { value?: unknown } | undefined>,
  template: ResourceRecord,
  where: string,
): void {
  for (const schema of templateSchemas(template)) {
    const value = fields[schema.key];
    if (schema.required && (value === undefined || value.value === null)) {
      throw invalid(
        `${where}.fields.${schema.key} is required by case template ${template.attributes.name}`,
      );
    }
  }
}

/** Opens a case from a template; `where` prefixes the names in error messages. */
export function createCase(
  org: Org,
  now: string,
  input: CaseInput,
  where = 'data.attributes',
): ResourceRecord {
  const template = org.collection('case-templates').get(input.caseTemplateId);
  if (!template) {
    throw invalid(
      `${where}.case-template-id ${input.caseTemplateId} names no case template of this organization`,
    );
  }
  if (template.attributes.status !== 'active') {
    throw invalid(`${where}.case-template-id ${input.caseTemplateId} is archived`);
  }
  if (input.caseQueueId !== undefined) checkQueue(org, input.caseQueueId, `${where}.case-queue-id`);
  const slaAt = slaExpiresAt(now, input.slaExpiresInSeconds);
  const fields = typeFields(
    input.fields ?? {},
    templateSchemas(template),
    `${where}.fields`,
    `case template ${template.attributes.name}`,
  );
  checkRequiredFields(fields, template, where);
  // Every object is checked before anything is stored, so a bad id leaves no half-made case.
  checkObjects(org, input.objectIds ?? [], 'meta.object-ids');

  const statuses = template.attributes.statuses as string[];
  const creator =
    input.creator ??
    (input.creatorEmailAddress ? { type: 'user', id: input.creatorEmailAddress } : apiActor(org));
  const cases = org.collection('cases');
  // Numbered within the template, as `KYC-12` is.
  const number = cases.lookup('template', template.id).length + 1;
  const record: ResourceRecord = {
    type: 'case',
    id: org.newId('case'),
    attributes: {
      status: statuses[0],
      name: `${casePrefix(template.attributes.name as string)}-${number}`,
      resolution: null,
      'created-at': now,
      'updated-at': now,
      'assigned-at': null,
      'resolved-at': null,
      'redacted-at': null,
      'sla-expires-at': slaAt,
      'creator-id': creator.id,
      'creator-type': creator.type,
      'assignee-id': null,
      'assigner-id': null,
      'assigner-type': null,
      'resolver-id': null,
      'resolver-type': null,
      'updater-id': null,
      'updater-type': null,
      tags: [...new Set(input.tags ?? [])],
      fields,
      attachments: [],
    },
    // `documents` appears once a document is attached, as on Persona.
    relationships: {
      'case-template': { data: { type: 'case-template', id: template.id } },
      'case-queue': {
        data: input.caseQueueId ? { type: 'case-queue', id: input.caseQueueId } : null,
      },
      'case-comments': { data: [] },
      accounts: { data: [] },
      inquiries: { data: [] },
      reports: { data: [] },
      verifications: { data: [] },
      txns: { data: [] },
    },
  };
  cases.insert(record);
  attachObjects(org, record, input.objectIds ?? [], 'meta.object-ids');
  recordEvent(org, now, 'case.created', record);
  return record;
}

/** `KYC` stays `KYC`; `Manual review` becomes `MR`: the prefix of a case's readable name. */
function casePrefix(templateName: string): string {
  const words = templateName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) return 'CASE';
  if (words.length === 1) return words[0]!.toUpperCase();
  return words.map((w) => w[0]!.toUpperCase()).join('');
}

/** Applies a change to a case, stamping who made it and when. */
function change(
  org: Org,
  now: string,
  record: ResourceRecord,
  actor: Actor,
  apply: (c: ResourceRecord) => void,
): ResourceRecord {
  return org.collection('cases').update(record.id, (c) => {
    apply(c);
    stampBy(actor)(c, now);
  });
}

/** The first bytes as Latin-1 text: enough to read a file's signature. */
const head = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, to));

/** File types a case accepts as attachments, by their first bytes (works in Node and browsers). */
const acceptedFiles: { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: 'PDF', test: (b) => head(b, 0, 5) === '%PDF-' },
  { name: 'PNG', test: (b) => b[0] === 0x89 && head(b, 1, 4) === 'PNG' },
  { name: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: 'GIF', test: (b) => head(b, 0, 4) === 'GIF8' },
  { name: 'WebP', test: (b) => head(b, 0, 4) === 'RIFF' && head(b, 8, 12) === 'WEBP' },
];
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function attachment(caseId: string, upload: { filename: string; data: string }, where: string) {
  const text = upload.data.replace(/\s+/g, '');
  if (!base64.test(text)) throw invalid(`${where}.data is not base64`);
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (bytes.length === 0) throw invalid(`${where}.data is empty`);
  if (!acceptedFiles.some((f) => f.test(bytes))) {
    throw invalid(`${where} ${upload.filename} is neither a PDF file nor an image`);
  }
  return {
    filename: upload.filename,
    url: `https://files.persona-kit.invalid/cases/${caseId}/${encodeURIComponent(upload.filename)}`,
    'byte-size': bytes.length,
  };
}

/** Changes field values, the queue, attachments or the SLA; members left out keep their value. */
export function updateCase(
  org: Org,
  now: string,
  id: string,
  update: CaseUpdate,
  actor: Actor = apiActor(org),
): ResourceRecord {
  const record = getCase(org, id);
  const template = org.collection('case-templates').get(caseTemplateIdOf(record));
  const where = 'data.attributes';
  const fields = update.fields
    ? typeFields(
        update.fields,
        template ? templateSchemas(template) : [],
        `${where}.fields`,
        `case template ${template?.attributes.name ?? caseTemplateIdOf(record)}`,
      )
    : {};
  const merged = {
    ...(record.attributes.fields as Record<string, { value?: unknown }>),
    ...fields,
  };
  if (template && update.fields) checkRequiredFields(merged, template, where);
  if (typeof update.caseQueueId === 'string') {
    checkQueue(org, update.caseQueueId, `${where}.case-queue-id`);
  }
  const added = (update.attachments ?? []).map((upload, i) =>
    attachment(record.id, upload, `${where}.attachments[${i}]`),
  );
  const slaAt =
    update.slaExpiresInSeconds === undefined
      ? undefined
      : slaExpiresAt(now, update.slaExpiresInSeconds);

  change(org, now, record, actor, (c) => {
    if (update.fields) c.attributes.fields = merged;
    if (update.caseQueueId !== undefined) {
      c.relationships!['case-queue'] = {
        data: update.caseQueueId === null ? null : { type: 'case-queue', id: update.caseQueueId },
      };
    }
    if (added.length > 0) (c.attributes.attachments as unknown[]).push(...added);
    if (slaAt !== undefined) c.attributes['sla-expires-at'] = slaAt;
  });
  recordEvent(org, now, 'case.updated', record);
  return record;
}

/**
 * Moves a case to one of its template's statuses. A resolution status resolves
 * it (resolver and time); any other status reopens a resolved case.
 */
export function setCaseStatus(
  org: Org,
  now: string,
  id: string,
  status: string,
  actor: Actor = apiActor(org),
): ResourceRecord {
  const record = getCase(org, id);
  const template = org.collection('case-templates').get(caseTemplateIdOf(record));
  const statuses = (template?.attributes.statuses as string[] | undefined) ?? [];
  const resolutions = (template?.attributes.resolutions as string[] | undefined) ?? [];
  if (!statuses.includes(status)) {
    throw invalid(
      `meta.status ${status} is not a status of case template ${template?.attributes.name ?? caseTemplateIdOf(record)} (${statuses.join(', ')})`,
    );
  }
  if (record.attributes.status === status) return record;
  change(org, now, record, actor, (c) => {
    c.attributes.status = status;
    const resolved = resolutions.includes(status);
    c.attributes.resolution = resolved ? status : null;
    c.attributes['resolved-at'] = resolved ? now : null;
    c.attributes['resolver-id'] = resolved ? actor.id : null;
    c.attributes['resolver-type'] = resolved ? actor.type : null;
  });
  recordEvent(org, now, 'case.status-updated', record);
  return record;
}

/** Gives the case to a user, replacing any earlier assignee. */
export function assignCase(
  org: Org,
  now: string,
  id: string,
  userEmailAddress: string,
  actor: Actor = apiActor(org),
): ResourceRecord {
  const record = getCase(org, id);
  change(org, now, record, actor, (c) => {
    c.attributes['assignee-id'] = userEmailAddress;
    c.attributes['assigned-at'] = now;
    c.attributes['assigner-id'] = actor.id;
    c.attributes['assigner-type'] = actor.type;
  });
  recordEvent(org, now, 'case.assigned', record);
  return record;
}

/** Attaches objects to a case; ids already attached stay attached once. */
export function addCaseObjects(
  org: Org,
  now: string,
  id: string,
  objectIds: string[],
  actor: Actor = apiActor(org),
): ResourceRecord {
  const record = getCase(org, id);
  checkObjects(org, objectIds, 'meta.object-ids');
  let added = 0;
  change(org, now, record, actor, (c) => {
    added = attachObjects(org, c, objectIds, 'meta.object-ids');
  });
  if (added > 0) recordEvent(org, now, 'case.objects-added', record);
  return record;
}

/** Tag changes stamp the case's updater, as every change made through the API does. */
const stampBy =
  (actor: Actor): Stamp =>
  (c, now) => {
    c.attributes['updated-at'] = now;
    c.attributes['updater-id'] = actor.id;
    c.attributes['updater-type'] = actor.type;
  };

export function addCaseTag(
  org: Org,
  now: string,
  id: string,
  tag: string,
  actor: Actor = apiActor(org),
) {
  return addTag(org, now, getCase(org, id), tag, 'cases', stampBy(actor));
}

export function removeCaseTag(
  org: Org,
  now: string,
  id: string,
  tag: string,
  actor: Actor = apiActor(org),
) {
  return removeTag(org, now, getCase(org, id), tag, 'cases', stampBy(actor));
}

export function setCaseTags(
  org: Org,
  now: string,
  id: string,
  tags: string[],
  actor: Actor = apiActor(org),
) {
  return setTags(org, now, getCase(org, id), tags, 'cases', stampBy(actor));
}

/**
 * Erases the case's field values and attachments for good, in the case and in
 * the payloads of its earlier events. Attached objects are not redacted.
 * Redacting twice changes nothing more.
 */
export function redactCase(
  org: Org,
  now: string,
  id: string,
  actor: Actor = apiActor(org),
): ResourceRecord {
  const record = getCase(org, id);
  if (record.attributes['redacted-at'] !== null) return record;
  change(org, now, record, actor, (c) => {
    c.attributes.fields = {};
    c.attributes.attachments = [];
    c.attributes['redacted-at'] = now;
  });
  const events = org.collection('events');
  for (const eventId of events.lookup('object', record.id)) {
    events.update(eventId, (event) => {
      const payload = event.attributes.payload as { data: ResourceRecord };
      if (payload.data.attributes) {
        payload.data.attributes.fields = {};
        payload.data.attributes.attachments = [];
      }
      event.attributes['redacted-at'] = now;
    });
  }
  recordEvent(org, now, 'case.redacted', record);
  return record;
}

export function caseTemplateIdOf(record: ResourceRecord): string {
  const data = record.relationships?.['case-template']?.data;
  if (!data || Array.isArray(data)) throw conflict(`case ${record.id} has no case template`);
  return data.id;
}
