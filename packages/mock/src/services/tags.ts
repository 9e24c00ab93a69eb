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
  return retag(
    org,
    now,
    record,
    [...(record.attributes.tags as string[]), tag],
    collection,
    stamp,
    'tag-added',
  );
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
    'tag-removed',
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
  return retag(org, now, record, unique, collection, stamp, 'tags-set');
}

function retag(
  org: Org,
  now: string,
  record: ResourceRecord,
  tags: string[],
  collection: CollectionName,
  stamp: Stamp,
  what: string,
): ResourceRecord {
  org.collection(collection).update(record.id, (r) => {
    r.attributes.tags = tags;
    stamp(r, now);
  });
  recordEvent(org, now, `${record.type}.${what}`, record);
  return record;
}
