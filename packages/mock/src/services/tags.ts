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

/** The object a tag change applies to, where it is kept, and how the change is stamped. */
export interface TagTarget {
  org: Org;
  now: string;
  record: ResourceRecord;
  collection: CollectionName;
  stamp?: Stamp;
}

/**
 * Tag changes for every taggable object: a change that changes nothing
 * (a tag already there, one already gone, the same set) records no event.
 */
export function addTag(target: TagTarget, tag: string): ResourceRecord {
  const tags = target.record.attributes.tags as string[];
  if (tags.includes(tag)) return target.record;
  return retag(target, [...tags, tag], 'tag-added');
}

export function removeTag(target: TagTarget, tag: string): ResourceRecord {
  const tags = target.record.attributes.tags as string[];
  if (!tags.includes(tag)) return target.record;
  return retag(
    target,
    tags.filter((t) => t !== tag),
    'tag-removed',
  );
}

export function setTags(target: TagTarget, tags: string[]): ResourceRecord {
  const unique = [...new Set(tags)];
  const current = target.record.attributes.tags as string[];
  if (unique.length === current.length && unique.every((t, i) => t === current[i]))
    return target.record;
  return retag(target, unique, 'tags-set');
}

function retag(
  { org, now, record, collection, stamp = stampUpdatedAt }: TagTarget,
  tags: string[],
  what: string,
): ResourceRecord {
  org.collection(collection).update(record.id, (r) => {
    r.attributes.tags = tags;
    stamp(r, now);
  });
  recordEvent(org, now, `${record.type}.${what}`, record);
  return record;
}
