import type { ChangeSignal, Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import type { EventName } from './event-names.js';

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
 * A cheaper `snapshot` for objects whose nested values are replaced, never
 * changed in place (accounts: a change to fields replaces the `fields`
 * object). What the services do change in place (the attributes object, the
 * tags list, relationship lists) is copied. A deep copy per account made up
 * two thirds of the time of a large import, through the memory it took.
 */
export function shallowSnapshot(record: ResourceRecord): ResourceRecord {
  // A plain copy loop: spreading kebab-case keys costs several times more, once per event.
  const attributes: Record<string, unknown> = {};
  const stored = record.attributes;
  for (const name in stored) attributes[name] = stored[name];
  if (Array.isArray(attributes.tags)) attributes.tags = [...attributes.tags];
  const relationships: NonNullable<ResourceRecord['relationships']> = {};
  for (const [name, relationship] of Object.entries(record.relationships ?? {})) {
    relationships[name] = Array.isArray(relationship.data)
      ? { data: [...relationship.data] }
      : { data: relationship.data };
  }
  return { type: record.type, id: record.id, attributes, relationships };
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

/** Records that something changed (`account.created`, `case.resolved`, …) and publishes it. */
export function recordEvent(
  org: Org,
  now: string,
  name: EventName,
  record: ResourceRecord,
  copy: (record: ResourceRecord) => ResourceRecord = snapshot,
): ResourceRecord {
  makeRoomForEvents(org);
  const event = org.collection('events').insert({
    type: 'event',
    id: org.newId('evt'),
    attributes: {
      name,
      payload: { data: copy(record) },
      'created-at': now,
    },
  });
  // The bus's one entry point: subscribers (webhook deliveries) see every recorded event.
  org.bus?.publish(org, event);
  return event;
}

/**
 * Tells the mock's own machinery (deadlines) of a change Persona sends no
 * event for: nothing is stored, listed on `/events`, delivered or able to
 * start a workflow.
 */
export function signalChange(
  org: Org,
  now: string,
  name: ChangeSignal['name'],
  record: ResourceRecord,
): void {
  org.bus?.signal(org, { name, at: now, record });
}
