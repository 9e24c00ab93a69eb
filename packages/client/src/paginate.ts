import type { Client, FetchOptions } from 'openapi-fetch';
import { unwrap } from './unwrap.js';

type MediaType = `${string}/${string}`;
type GetOperation<Paths, P extends keyof Paths> = Paths[P] extends { get: infer Op } ? Op : never;
type OkBody<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : never;

/** Paths whose GET answers a page: `{ data: [...], links }`. */
export type ListPath<Paths> = {
  [P in keyof Paths & string]: [OkBody<GetOperation<Paths, P>>] extends [never]
    ? never
    : OkBody<GetOperation<Paths, P>> extends { data: readonly unknown[] }
      ? P
      : never;
}[keyof Paths & string];

/** The type of one item of a list path's `data`. */
export type ListItem<Paths, P extends keyof Paths> =
  OkBody<GetOperation<Paths, P>> extends {
    data: readonly (infer Item)[];
  }
    ? Item
    : never;

export interface PageOptions {
  /** Objects per request (`page[size]`, Persona allows 1 to 100). Default: the server's. */
  pageSize?: number;
  /** Stop after this many objects in total. */
  limit?: number;
}

export type PaginateInit<Paths, P extends keyof Paths> = FetchOptions<GetOperation<Paths, P>> &
  PageOptions;

type RequiredKeys<T> = {
  [K in keyof T]-?: Pick<T, K> extends Required<Pick<T, K>> ? K : never;
}[keyof T];

/** The init argument, required exactly when the operation has required parameters. */
export type PaginateArgs<Paths, P extends keyof Paths> =
  RequiredKeys<PaginateInit<Paths, P>> extends never
    ? [init?: PaginateInit<Paths, P>]
    : [init: PaginateInit<Paths, P>];

const MAX_PAGE_SIZE = 100;

interface Page {
  data: readonly { id?: unknown }[];
  links?: { next?: string | null };
}
interface LooseInit {
  params?: { query?: Record<string, unknown> & { page?: Record<string, unknown> } };
  pageSize?: number;
  limit?: number;
}
type LooseGet = (
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Every item of every page of a list operation, fetched one page at a time as the
 * loop asks for more. Follows `links.next`, or continues after the last item's id
 * when the page has no usable link. Throws PersonaApiError when a page fails.
 *
 * @example
 * for await (const account of paginate(client, '/accounts', { pageSize: 100 })) { ... }
 */
export async function* paginate<
  Paths extends {},
  Media extends MediaType,
  P extends ListPath<Paths>,
>(
  client: Client<Paths, Media>,
  path: P,
  ...[init]: PaginateArgs<Paths, P>
): AsyncGenerator<ListItem<Paths, P>, void, undefined> {
  // The types above guarantee the shapes; inside, one loose call keeps this readable.
  const get = (client.GET as unknown as LooseGet).bind(client);
  const { pageSize, limit, ...options } = (init ?? {}) as LooseInit;
  const query = options.params?.query ?? {};
  let after = stringOrUndefined(query.page?.after);
  let remaining = limit ?? Number.POSITIVE_INFINITY;

  while (remaining > 0) {
    const size = limit === undefined ? pageSize : Math.min(pageSize ?? MAX_PAGE_SIZE, remaining);
    const page: Record<string, unknown> = { ...query.page };
    delete page.before; // walking forward only
    if (size !== undefined) page.size = size;
    if (after !== undefined) page.after = after;
    const body = unwrap(
      await get(path, { ...options, params: { ...options.params, query: { ...query, page } } }),
    ) as Page;

    for (const item of body.data.slice(0, remaining)) {
      yield item as ListItem<Paths, P>;
    }
    remaining -= Math.min(body.data.length, remaining);

    const next = nextCursor(body);
    if (next === undefined) return;
    // A server that repeats a cursor would otherwise loop forever.
    if (next === after) throw new Error(`paginate: ${path} returned the cursor ${next} twice`);
    after = next;
  }
}

/** The `page[after]` of the next page, or undefined at the end. */
function nextCursor(body: Page): string | undefined {
  if (body.data.length === 0) return undefined;
  const next = body.links?.next;
  if (next === null) return undefined;
  if (typeof next === 'string') {
    const fromLink = new URL(next, 'http://link.invalid').searchParams.get('page[after]');
    if (fromLink) return fromLink;
  }
  return stringOrUndefined(body.data.at(-1)?.id);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
