import { found } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { Linkage, ResourceRecord } from '../../core/types.js';
import { toMany } from '../accounts/links.js';
import { simulatedGovernmentId } from '../documents/lifecycle.js';
import { recordEvent } from '../events.js';
import { checksFor, kindRules, type VerificationKind } from './kinds.js';
import { verificationTemplateVersionId } from './templates.js';

export function getVerification(org: Org, id: string): ResourceRecord {
  return found(org.collection('verifications').get(id), 'verification', id);
}

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const linkage = (record: { type: string; id: string } | null) =>
  record ? { data: { type: record.type, id: record.id } } : { data: null };

/**
 * Runs a verification of the template's kind inside an inquiry and settles it
 * at once: it is created (`initiated`), then passes or fails with the checks
 * of its kind. What the person entered in the inquiry is what it read. The
 * caller checked that the inquiry may take a verification.
 */
export function runVerification(
  org: Org,
  now: string,
  inquiry: ResourceRecord,
  template: ResourceRecord,
  kind: VerificationKind,
  outcome: 'passed' | 'failed',
): ResourceRecord {
  const rules = kindRules[kind];
  const attributes: Record<string, unknown> = {
    status: 'initiated',
    'created-at': now,
    'created-at-ts': unixSeconds(now),
    'submitted-at': null,
    'submitted-at-ts': null,
    'completed-at': null,
    'completed-at-ts': null,
    'country-code': null,
    checks: [],
  };
  for (const name of rules.attributes) attributes[name] = null;
  for (const name of rules.fromInquiry) attributes[name] = inquiry.attributes[name] ?? null;
  const inquiryRelationships = inquiry.relationships ?? {};
  // A government ID verification reads a document, which the inquiry lists too.
  const document = kind === 'government-id' ? simulatedGovernmentId(org, now, inquiry) : null;
  const verification = org.collection('verifications').insert({
    type: `verification/${kind}`,
    id: org.newId('ver'),
    attributes,
    relationships: {
      inquiry: linkage(inquiry),
      'inquiry-template': inquiryRelationships['inquiry-template'] ?? linkage(null),
      'inquiry-template-version': inquiryRelationships['inquiry-template-version'] ?? linkage(null),
      'verification-template': linkage(template),
      'verification-template-version': linkage({
        type: `verification-template-version/${kind}`,
        id: verificationTemplateVersionId(template.id),
      }),
      ...(document ? { document: linkage(document) } : {}),
    },
  });
  org.collection('inquiries').update(inquiry.id, (r) => {
    const link: Linkage = { type: verification.type, id: verification.id };
    toMany(r, 'verifications').push(link);
    r.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'verification.created', verification);
  org.collection('verifications').update(verification.id, (r) => {
    r.attributes.status = outcome;
    r.attributes['submitted-at'] = now;
    r.attributes['submitted-at-ts'] = unixSeconds(now);
    r.attributes['completed-at'] = now;
    r.attributes['completed-at-ts'] = unixSeconds(now);
    r.attributes.checks = checksFor(kind, outcome);
  });
  recordEvent(org, now, `verification.${outcome}`, verification);
  return verification;
}
