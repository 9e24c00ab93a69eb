import type { CollectionName, Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import { addTag, removeTag, type Stamp, setTags } from '../services/tags.js';
import { metaOf, now, one } from './support.js';

export interface Taggable {
  /** operationIds of the three tag operations. */
  operations: { add: string; remove: string; set: string };
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
    (
      change: (
        record: ResourceRecord,
        input: RouteInput,
        stamp: Stamp | undefined,
      ) => ResourceRecord,
    ) =>
    (input: RouteInput) => {
      const record = target.get(input.org, input.params[target.param]!);
      return one(change(record, input, target.stamp?.(input.org)));
    };
  return {
    [target.operations.add]: run((record, input, stamp) =>
      addTag(input.org, now(input), record, tagName(input), target.collection, stamp),
    ),
    [target.operations.remove]: run((record, input, stamp) =>
      removeTag(input.org, now(input), record, tagName(input), target.collection, stamp),
    ),
    [target.operations.set]: run((record, input, stamp) =>
      setTags(input.org, now(input), record, tagNames(input), target.collection, stamp),
    ),
  };
}
