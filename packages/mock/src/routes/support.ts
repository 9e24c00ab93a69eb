import type { Collection } from '../core/collection.js';
import type { CollectionName } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';
import { allOf, createdBetween, intersect, listPage } from '../http/list.js';
import { splitList } from '../http/query.js';
import type { RouteInput, RouteOutput } from '../http/route.js';

/** A JSON:API request document, as the routes read it (the pipeline checked it against the spec). */
export type Body = {
  data?: { type?: string; attributes?: Record<string, unknown>; [k: string]: unknown };
  meta?: Record<string, unknown>;
};

export const body = (input: RouteInput) => (input.body ?? {}) as Body;
export const attributesOf = (input: RouteInput) => body(input).data?.attributes ?? {};
export const metaOf = (input: RouteInput) => body(input).meta ?? {};
/** The organization's time: its clock, which tests may move. */
export const now = (input: RouteInput) => input.core.now(input.org);
export const one = (data: ResourceRecord, status = 200): RouteOutput => ({ status, data });

/** A page of a collection, narrowed by `filter[status]` through its `status` index when given. */
export function listByStatus(input: RouteInput, collection: Collection): RouteOutput {
  const { status } = input.query.filter;
  return listPage(
    input,
    collection,
    status !== undefined ? { candidates: collection.lookup('status', status) } : {},
  );
}

/** A filter's values, `a,b, c` → `['a', 'b', 'c']`; undefined when the filter is absent. */
export function filterList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : splitList(value);
}

/** Candidates from an index when the filter is given; undefined (no narrowing) when it is not. */
export function lookupIf(
  collection: Collection,
  index: string,
  value: string | undefined,
): string[] | undefined {
  return value !== undefined ? collection.lookup(index, value) : undefined;
}

/**
 * Candidates narrowed through an index by each filter given, e.g.
 * `{ reference: 'reference-id' }` reads `filter[reference-id]` through the
 * `reference` index; undefined (no narrowing) when none is given.
 */
export function lookupEach(
  collection: Collection,
  filter: Record<string, string | undefined>,
  indexes: Record<string, string>,
): string[] | undefined {
  return intersect(
    ...Object.entries(indexes).map(([index, name]) => lookupIf(collection, index, filter[name])),
  );
}

/**
 * A page of the named collection: narrowed through an index by each filter in
 * `indexes` (as `lookupEach` reads them), then by the conditions given and by
 * `filter[created-at-start]`/`[created-at-end]`.
 */
export function listIndexed(
  input: RouteInput,
  name: CollectionName,
  indexes: Record<string, string>,
  ...conditions: (((r: ResourceRecord) => boolean) | undefined | false)[]
): RouteOutput {
  const collection = input.org.collection(name);
  const { filter } = input.query;
  return listPage(input, collection, {
    candidates: lookupEach(collection, filter, indexes),
    where: allOf(...conditions, createdBetween(filter)),
  });
}

/** Objects whose attribute equals the filter's value; false (no condition) when the filter is absent. */
export function attributeIs(name: string, value: string | undefined) {
  return value !== undefined && ((r: ResourceRecord) => r.attributes[name] === value);
}

/**
 * A filter that takes several values separated by commas: one value narrows
 * through the index; several are checked one object at a time.
 */
export function anyOf(
  collection: Collection,
  index: string | null,
  value: string | undefined,
  key: (r: ResourceRecord) => unknown,
): { candidates?: string[]; where?: (r: ResourceRecord) => boolean } {
  const values = filterList(value);
  if (values === undefined) return {};
  const wanted = new Set(values);
  if (index !== null && wanted.size === 1)
    return { candidates: collection.lookup(index, values[0]!) };
  return { where: (r) => wanted.has(key(r) as string) };
}
