import type { CollectionName, Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { recordEvent } from './events.js';

/**
 * Marks who changed an object and when; by default `updated-at`, where the
 * object has one (reports have none, cases also record the updater).
 */
export type Stamp = (record: ResourceRecord, now: string) => void;

const stampUpdatedAt: Stamp = (record, now) => {
  if ('updated-at' in record.attributes) record.attributes['updated-at'] = now;
};

/**
 * Tag changes for every taggable object: a change that changes nothing
 * (a tag already there, one already gone, the same set) records no event.
 */
export function addTag(
  org: Org,
  now: string,
  record: ResourceRecord,
  tag: string,
  collection: CollectionName,
  stamp: Stamp = stampUpdatedAt,
): ResourceRecord {
  if ((record.attributes.tags as string[]).includes(tag)) return record;
  return retag(org, now, record, [...(record.attributes.tags as string[]), tag], collection, stamp);
}

export function removeTag(
  org: Org,
  now: string,
  record: ResourceRecord,
  tag: string,
  collection: CollectionName,
  stamp: Stamp = stampUpdatedAt,
): ResourceRecord {
  const tags = record.attributes.tags as string[];
  if (!tags.includes(tag)) return record;
  return retag(
    org,
    now,
    record,
    tags.filter((t) => t !== tag),
    collection,
    stamp,
  );
}

export function setTags(
  org: Org,
  now: string,
  record: ResourceRecord,
  tags: string[],
  collection: CollectionName,
  stamp: Stamp = stampUpdatedAt,
): ResourceRecord {
  const unique = [...new Set(tags)];
  const current = record.attributes.tags as string[];
  if (unique.length === current.length && unique.every((t, i) => t === current[i])) return record;
  return retag(org, now, record, unique, collection, stamp);
}

function retag(
  org: Org,
  now: string,
  record: ResourceRecord,
  tags: string[],
  collection: CollectionName,
  stamp: Stamp,
): ResourceRecord {
  const before = record.attributes.tags as string[];
  org.collection(collection).update(record.id, (r) => {
    r.attributes.tags = tags;
    stamp(r, now);
  });
  recordTagChanges(org, now, record, before, tags);
  return record;
}

/**
 * The events Persona sends for a change of tags: one `account.tag-added` or
 * `account.tag-removed` per tag of an account, `case.updated` for a case, and
 * none for other objects.
 */
export function recordTagChanges(
  org: Org,
  now: string,
  record: ResourceRecord,
  before: readonly string[],
  after: readonly string[],
  copy?: (record: ResourceRecord) => ResourceRecord,
): void {
  const added = after.filter((t) => !before.includes(t));
  const removed = before.filter((t) => !after.includes(t));
  if (record.type === 'account') {
    for (const _ of added) recordEvent(org, now, 'account.tag-added', record, copy);
    for (const _ of removed) recordEvent(org, now, 'account.tag-removed', record, copy);
  } else if (record.type === 'case' && added.length + removed.length > 0) {
    recordEvent(org, now, 'case.updated', record);
  }
}
