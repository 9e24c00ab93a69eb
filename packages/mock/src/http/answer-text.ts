import type { Collection } from '../core/collection.js';
import { collectionOfType, type Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { present } from './serialize.js';

/**
 * `{"data": …}` for one object answered whole (no sparse fieldsets, no
 * `include`): what a retrieve answers. When the object is the one `stored`
 * keeps, the text is kept there and made again only after the object changed.
 */
export function singleAnswerText(record: ResourceRecord, stored?: Collection): string {
  const make = () => JSON.stringify({ data: present(record, {}) });
  return stored ? stored.answerText(record.id, make) : make();
}

/** The collection that keeps this very object, if one does (a route may answer a copy it made). */
export function keptIn(org: Org, record: ResourceRecord): Collection | undefined {
  const name = collectionOfType(record.type);
  const collection = name ? org.collection(name) : undefined;
  return collection?.get(record.id) === record ? collection : undefined;
}
