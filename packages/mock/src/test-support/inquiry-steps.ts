import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { recordEvent } from '../services/events.js';

/**
 * Test helpers standing in for a user going through an inquiry: verification
 * records as the flow leaves them, and the inquiry marked completed, each
 * with the event the mock records for it.
 */
export function addVerification(org: Org, now: string, inquiryId: string, status: string): string {
  const verification: ResourceRecord = {
    type: 'verification',
    id: org.newId('ver'),
    attributes: { status, 'created-at': now },
    relationships: { inquiry: { data: { type: 'inquiry', id: inquiryId } } },
  };
  org.collection('verifications').insert(verification);
  org.collection('inquiries').update(inquiryId, (r) => {
    r.relationships ??= {};
    const list = (r.relationships.verifications?.data as { type: string; id: string }[]) ?? [];
    r.relationships.verifications = {
      data: [...list, { type: 'verification', id: verification.id }],
    };
  });
  return verification.id;
}

export function completeInquiry(org: Org, now: string, inquiryId: string): void {
  const inquiry = org.collection('inquiries').update(inquiryId, (r) => {
    r.attributes.status = 'completed';
    r.attributes['completed-at'] = now;
    r.attributes['updated-at'] = now;
  });
  recordEvent(org, now, 'inquiry.completed', inquiry);
}
