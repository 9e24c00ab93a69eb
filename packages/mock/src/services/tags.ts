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
  return retag(target, [...tags, tag]);
}

export function removeTag(target: TagTarget, tag: string): ResourceRecord {
  const tags = target.record.attributes.tags as string[];
  if (!tags.includes(tag)) return target.record;
  return retag(
    target,
    tags.filter((t) => t !== tag),
  );
}

export function setTags(target: TagTarget, tags: string[]): ResourceRecord {
  const unique = [...new Set(tags)];
  const current = target.record.attributes.tags as string[];
  if (unique.length === current.length && unique.every((t, i) => t === current[i]))
    return target.record;
  return retag(target, unique);
}

function retag(
  { org, now, record, collection, stamp = stampUpdatedAt }: TagTarget,
  tags: string[],
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
