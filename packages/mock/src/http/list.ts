import { type Collection, CursorError } from '../core/collection.js';
import { ApiError } from '../core/errors.js';
import type { ResourceRecord } from '../core/types.js';
import type { RouteInput, RouteOutput } from './route.js';

export interface ListOptions {
  where?: (record: ResourceRecord) => boolean;
  /** Ids from an index lookup, oldest first: narrows the walk to them. */
  candidates?: string[];
}

/** One page of a list, newest first, with `links` to the pages before and after. */
export function listPage(
  input: RouteInput,
  collection: Collection,
  options: ListOptions = {},
): RouteOutput {
  const { page } = input.query;
  let result: ReturnType<Collection['page']>;
  try {
    result = collection.page(page, options.where, options.candidates);
  } catch (error) {
    if (error instanceof CursorError) {
      throw new ApiError(
        400,
        'Bad Request',
        `${page.after !== undefined ? 'page[after]' : 'page[before]'} ${error.id} names no object of this list`,
      );
    }
    throw error;
  }
  const url = input.request.url;
  const link = (name: 'after' | 'before', id: string | undefined) => {
    if (!id) return null;
    const params = new URLSearchParams(url.searchParams);
    params.delete('page[after]');
    params.delete('page[before]');
    params.set(`page[${name}]`, id);
    return `${url.pathname}?${params.toString()}`;
  };
  const items = result.items;
  return {
    status: 200,
    data: items,
    links: {
      prev: result.hasNewer ? link('before', items[0]?.id ?? page.after) : null,
      next: result.hasOlder ? link('after', items.at(-1)?.id ?? page.before) : null,
    },
  };
}

/** Filters on creation time shared by every list: `filter[created-at-start|end]`. */
export function createdBetween(
  filter: Record<string, string>,
): ((r: ResourceRecord) => boolean) | undefined {
  const start = filter['created-at-start'];
  const end = filter['created-at-end'];
  if (!start && !end) return undefined;
  const from = start ? Date.parse(start) : Number.NEGATIVE_INFINITY;
  const to = end ? Date.parse(end) : Number.POSITIVE_INFINITY;
  return (r) => {
    const at = Date.parse(r.attributes['created-at'] as string);
    return at >= from && at <= to;
  };
}

/** Every given predicate, or none. */
export function allOf(
  ...predicates: (((r: ResourceRecord) => boolean) | undefined | false)[]
): ((r: ResourceRecord) => boolean) | undefined {
  const active = predicates.filter(
    (p): p is (r: ResourceRecord) => boolean => typeof p === 'function',
  );
  if (active.length === 0) return undefined;
  return (r) => active.every((p) => p(r));
}

/** Candidates that appear in every given index lookup (undefined: no lookup narrowed the list). */
export function intersect(...lists: (string[] | undefined)[]): string[] | undefined {
  const given = lists.filter((l): l is string[] => l !== undefined);
  if (given.length === 0) return undefined;
  const [first, ...rest] = given as [string[], ...string[][]];
  const sets = rest.map((l) => new Set(l));
  return first.filter((id) => sets.every((s) => s.has(id)));
}
