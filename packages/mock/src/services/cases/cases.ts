import { conflict, found, invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { recordEvent } from '../events.js';
import { type FieldSchema, typeFields } from '../fields.js';
import { erasePersonal, redactEventsOf } from '../redaction.js';
import { type Actor, apiActor, changeCase } from './actors.js';
import { attachment, type Upload } from './attachments.js';
import { attachObjects, checkObjects } from './objects.js';
import { slaExpiresAt } from './sla.js';

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
  attachments?: Upload[];
  /** Seconds from now, or null to clear the deadline. */
  slaExpiresInSeconds?: number | null;
}

type TemplateFieldSchema = FieldSchema & { required: boolean };

export function getCase(org: Org, id: string): ResourceRecord {
  return found(org.collection('cases').get(id), 'case', id);
}

export function getCaseTemplate(org: Org, id: string): ResourceRecord {
  return found(org.collection('case-templates').get(id), 'case template', id);
}

function checkQueue(org: Org, id: string, where: string): void {
  const queue = org.collection('case-queues').get(id);
  if (!queue) throw invalid(`${where} ${id} names no case queue of this organization`);
  if (queue.attributes.status !== 'active') throw invalid(`${where} ${id} is archived`);
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

/** One operation on one case: who does it, when, and to what. */
interface CaseEdit {
  org: Org;
  now: string;
  actor: Actor;
  record: ResourceRecord;
  /** Applies a change to the case, stamped with the actor and the time. */
  change(apply: (c: ResourceRecord) => void): void;
}

/**
 * An operation on the case an id names: finds it (404 when unknown), runs
 * `edit` as `actor` (the organization's API key unless given) and answers the case.
 */
function caseOperation<A>(edit: (on: CaseEdit, arg: A) => void) {
  return (org: Org, now: string, id: string, arg: A, actor = apiActor(org)): ResourceRecord => {
    const record = getCase(org, id);
    const change = (apply: (c: ResourceRecord) => void) =>
      void changeCase(org, now, record, actor, apply);
    edit({ org, now, actor, record, change }, arg);
    return record;
  };
}

/** Changes field values, the queue, attachments or the SLA; members left out keep their value. */
export const updateCase = caseOperation<CaseUpdate>(({ org, now, record, change }, update) => {
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

  change((c) => {
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
});

/**
 * Moves a case to one of its template's statuses. A resolution status resolves
 * it (resolver and time); any other status reopens a resolved case. Persona
 * announces it as `case.updated`, then `case.resolved` or `case.reopened`.
 */
export const setCaseStatus = caseOperation<string>(
  ({ org, now, actor, record, change }, status) => {
    const template = org.collection('case-templates').get(caseTemplateIdOf(record));
    const statuses = (template?.attributes.statuses as string[] | undefined) ?? [];
    const resolutions = (template?.attributes.resolutions as string[] | undefined) ?? [];
    if (!statuses.includes(status)) {
      throw invalid(
        `meta.status ${status} is not a status of case template ${template?.attributes.name ?? caseTemplateIdOf(record)} (${statuses.join(', ')})`,
      );
    }
    if (record.attributes.status === status) return;
    const wasResolved = record.attributes['resolved-at'] !== null;
    const resolves = resolutions.includes(status);
    change((c) => {
      c.attributes.status = status;
      c.attributes.resolution = resolves ? status : null;
      c.attributes['resolved-at'] = resolves ? now : null;
      c.attributes['resolver-id'] = resolves ? actor.id : null;
      c.attributes['resolver-type'] = resolves ? actor.type : null;
    });
    recordEvent(org, now, 'case.updated', record);
    if (resolves) recordEvent(org, now, 'case.resolved', record);
    else if (wasResolved) recordEvent(org, now, 'case.reopened', record);
  },
);

/** Gives the case to a user, replacing any earlier assignee. */
export const assignCase = caseOperation<string>(({ org, now, actor, record, change }, email) => {
  change((c) => {
    c.attributes['assignee-id'] = email;
    c.attributes['assigned-at'] = now;
    c.attributes['assigner-id'] = actor.id;
    c.attributes['assigner-type'] = actor.type;
  });
  recordEvent(org, now, 'case.assigned', record);
});

/** Attaches objects to a case; ids already attached stay attached once. */
export const addCaseObjects = caseOperation<string[]>(({ org, now, record, change }, objectIds) => {
  checkObjects(org, objectIds, 'meta.object-ids');
  let added = 0;
  change((c) => {
    added = attachObjects(org, c, objectIds, 'meta.object-ids');
  });
  if (added > 0) recordEvent(org, now, 'case.updated', record);
});

/**
 * Erases the case's field values and attachments for good, in the case and in
 * the payloads of its earlier events. Attached objects are not redacted.
 * Redacting twice changes nothing more.
 */
export const redactCase = caseOperation<void>(({ org, now, record, change }) => {
  if (record.attributes['redacted-at'] !== null) return;
  change((c) => {
    erasePersonal('case', c.attributes);
    c.attributes['redacted-at'] = now;
  });
  // Persona sends no event for a redaction of a case.
  redactEventsOf(org, now, record.id, 'case');
});

export function caseTemplateIdOf(record: ResourceRecord): string {
  const data = record.relationships?.['case-template']?.data;
  if (!data || Array.isArray(data)) throw conflict(`case ${record.id} has no case template`);
  return data.id;
}
