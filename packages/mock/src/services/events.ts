import type { Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';

/** The object as answered at this moment: what an event's payload keeps. */
export function snapshot(record: ResourceRecord): ResourceRecord {
  const out: ResourceRecord = {
    type: record.type,
    id: record.id,
    attributes: structuredClone(record.attributes),
  };
  if (record.relationships) out.relationships = structuredClone(record.relationships);
  return out;
}

/** Records that something changed: `account.created`, `case.status-updated`, … */
export function recordEvent(
  org: Org,
  now: string,
  name: string,
  record: ResourceRecord,
): ResourceRecord {
  return org.collection('events').insert({
    type: 'event',
    id: org.newId('evt'),
    attributes: {
      name,
      payload: { data: snapshot(record) },
      'created-at': now,
      'redacted-at': null,
    },
  });
}

/** Event name of an object type: `report/watchlist` keeps its subtype, `importer/account` is `importer`. */
export function eventPrefix(type: string): string {
  return type.startsWith('importer/') ? 'importer' : type;
}
