import { invalid, notFound } from '../core/errors.js';
import type { Org } from '../core/org.js';
import type { Linkage, ResourceRecord } from '../core/types.js';
import { linkToAccount, toMany } from './accounts.js';
import { recordEvent } from './events.js';
import { type FieldSchema, typeFields } from './fields.js';

/** The longest SLA a case may take: 90 days. */
export const MAX_SLA_SECONDS = 90 * 24 * 60 * 60;

export interface CaseInput {
  caseTemplateId: string;
  caseQueueId?: string | undefined;
  creatorEmailAddress?: string | undefined;
  fields?: Record<string, unknown>;
  tags?: string[];
  objectIds?: string[];
  slaExpiresInSeconds?: number | undefined;
  creator?: { type: string; id: string };
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

export function getCase(org: Org, id: string): ResourceRecord {
  const found = org.collection('cases').get(id);
  if (!found) throw notFound('case', id);
  return found;
}

/** Checks object ids (each must name an object of this organization) and links them to the case. */
export function attachObjects(org: Org, record: ResourceRecord, objectIds: string[], where: string): void {
  const targets = objectIds.map((id, i) => {
    const prefix = id.slice(0, id.indexOf('_'));
    const relationship = relationshipOfPrefix[prefix];
    const target = relationship ? org.findById(id) : undefined;
    if (!relationship || !target) throw invalid(`${where}[${i}] ${id} names no object of this organization`);
    return { relationship, target };
  });
  for (const { relationship, target } of targets) {
    const list = toMany(record, relationship);
    const linkage: Linkage = { type: target.type, id: target.id };
    if (!list.some((l) => l.id === linkage.id)) list.push(linkage);
    if (target.type === 'account') linkToAccount(target, 'cases', { type: 'case', id: record.id });
  }
}

/** Opens a case from a template; `where` prefixes the names in error messages. */
export function createCase(org: Org, now: string, input: CaseInput, where = 'data.attributes'): ResourceRecord {
  const template = org.collection('case-templates').get(input.caseTemplateId);
  if (!template) throw invalid(`${where}.case-template-id ${input.caseTemplateId} names no case template`);
  if (template.attributes.status !== 'active') {
    throw invalid(`${where}.case-template-id ${input.caseTemplateId} is archived`);
  }
  if (input.caseQueueId !== undefined && !org.collection('case-queues').has(input.caseQueueId)) {
    throw invalid(`${where}.case-queue-id ${input.caseQueueId} names no case queue`);
  }
  const sla = input.slaExpiresInSeconds;
  if (sla !== undefined && (!Number.isInteger(sla) || sla < 1 || sla > MAX_SLA_SECONDS)) {
    throw invalid(`meta.sla-expires-in-seconds must be an integer from 1 to ${MAX_SLA_SECONDS} (90 days)`);
  }
  const schemas = template.attributes['field-schemas'] as (FieldSchema & { required: boolean })[];
  const fields = typeFields(input.fields ?? {}, schemas, `${where}.fields`, `case template ${template.attributes.name}`);
  for (const schema of schemas) {
    if (schema.required && (fields[schema.key] === undefined || fields[schema.key]?.value === null)) {
      throw invalid(`${where}.fields.${schema.key} is required by case template ${template.attributes.name}`);
    }
  }
  const statuses = template.attributes.statuses as string[];
  const creator = input.creator ?? (input.creatorEmailAddress ? { type: 'user', id: input.creatorEmailAddress } : null);
  const record: ResourceRecord = {
    type: 'case',
    id: org.newId('case'),
    attributes: {
      status: statuses[0],
      name: `${template.attributes.name} ${org.collection('cases').size + 1}`,
      resolution: null,
      'created-at': now,
      'updated-at': now,
      'assigned-at': null,
      'resolved-at': null,
      'redacted-at': null,
      'sla-expires-at': sla === undefined ? null : new Date(Date.parse(now) + sla * 1000).toISOString(),
      'creator-id': creator?.id ?? null,
      'creator-type': creator?.type ?? null,
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
    relationships: {
      'case-template': { data: { type: 'case-template', id: template.id } },
      'case-queue': { data: input.caseQueueId ? { type: 'case-queue', id: input.caseQueueId } : null },
      'case-comments': { data: [] },
      accounts: { data: [] },
      inquiries: { data: [] },
      reports: { data: [] },
      verifications: { data: [] },
      txns: { data: [] },
      documents: { data: [] },
    },
  };
  // Check every object before anything is stored, so a bad id leaves no half-made case.
  checkObjects(org, input.objectIds ?? [], 'meta.object-ids');
  org.collection('cases').insert(record);
  attachObjects(org, record, input.objectIds ?? [], 'meta.object-ids');
  recordEvent(org, now, 'case.created', record);
  return record;
}

function checkObjects(org: Org, objectIds: string[], where: string): void {
  objectIds.forEach((id, i) => {
    const prefix = id.slice(0, id.indexOf('_'));
    if (!relationshipOfPrefix[prefix] || !org.findById(id)) {
      throw invalid(`${where}[${i}] ${id} names no object of this organization`);
    }
  });
}
