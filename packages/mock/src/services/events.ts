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

/**
 * Events kept per organization: the newest, as a bounded log, so that a bulk
 * import of 100,000 accounts does not double the mock's memory and file.
 */
export const EVENT_LOG_SIZE = 10_000;

/** Makes room for `count` more events by forgetting the oldest beyond the log's size. */
export function makeRoomForEvents(org: Org, count = 1): void {
  const events = org.collection('events');
  const excess = events.size + count - EVENT_LOG_SIZE;
  if (excess > 0) events.evictOldest(excess);
}

/** Records that something changed: `account.created`, `case.status-updated`, … */
export function recordEvent(
  org: Org,
  now: string,
  name: string,
  record: ResourceRecord,
): ResourceRecord {
  makeRoomForEvents(org);
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

/**
 * Removes an object's personal data from the payloads of the events that
 * recorded it (each event keeps its name and time, and gets `redacted-at`).
 */
export function redactEventsOf(
  org: Org,
  now: string,
  objectId: string,
  redact: (attributes: Record<string, unknown>) => void,
): void {
  const events = org.collection('events');
  for (const eventId of events.lookup('object', objectId)) {
    events.update(eventId, (event) => {
      if (event.attributes['redacted-at']) return;
      const data = (event.attributes.payload as { data?: ResourceRecord } | undefined)?.data;
      if (data?.attributes) redact(data.attributes);
      event.attributes['redacted-at'] = now;
    });
  }
}
