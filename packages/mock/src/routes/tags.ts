import type { CollectionName, Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { addTag, removeTag, type Stamp, setTags, type TagTarget } from '../services/tags.js';
import { metaOf, now, one } from './support.js';

export interface Taggable {
  /** The object's name in the tag operations' ids: `Account` for `addAccountTag`, `setAccountTags`. */
  kind: string;
  collection: CollectionName;
  /** The path parameter naming the object (`account-id`). */
  param: string;
  /** The object, or a 404. */
  get: (org: Org, id: string) => ResourceRecord;
  /** How a change is stamped on the object, when not by `updated-at` alone. */
  stamp?: (org: Org) => Stamp;
}

const tagName = (input: RouteInput) => (metaOf(input)['tag-name'] as string | undefined) ?? '';
const tagNames = (input: RouteInput) => (metaOf(input)['tag-name'] as string[] | undefined) ?? [];

/** The add, remove and set tag operations of one kind of object, all alike. */
export function tagRoutes(target: Taggable): RouteTable {
  const run =
    (change: (tagged: TagTarget, input: RouteInput) => ResourceRecord) => (input: RouteInput) => {
      const record = target.get(input.org, input.params[target.param]!);
      const tagged: TagTarget = {
        org: input.org,
        now: now(input),
        record,
        collection: target.collection,
        stamp: target.stamp?.(input.org),
      };
      return one(change(tagged, input));
    };
  return {
    [`add${target.kind}Tag`]: run((tagged, input) => addTag(tagged, tagName(input))),
    [`remove${target.kind}Tag`]: run((tagged, input) => removeTag(tagged, tagName(input))),
    [`set${target.kind}Tags`]: run((tagged, input) => setTags(tagged, tagNames(input))),
  };
}
