import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaClient } from './client.js';
import { PersonaApiError } from './errors.js';
import { paginate } from './paginate.js';
import { account, accountId, errorDocument } from './test-support/fixtures.js';
import { API_KEY, BASE_URL, useMswServer } from './test-support/msw.js';

const server = useMswServer();
const client = () => createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL, retry: false });
const ids = (n: number) => Array.from({ length: n }, (_, i) => accountId(i + 1));

interface ListOptions {
  /** How links.next is written: Persona's relative link, an absolute one, or none at all. */
  links?: 'relative' | 'absolute' | 'none';
  failOnPage?: number;
}

/** Serves `all` accounts in pages, the way Persona does, and records each request's query. */
function serveAccounts(all: string[], { links = 'relative', failOnPage }: ListOptions = {}) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${BASE_URL}/accounts`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      if (queries.length === failOnPage) {
        return HttpResponse.json(errorDocument('Bad Request', 'page[size] is too large'), {
          status: 400,
        });
      }
      const size = Number(query.get('page[size]') ?? 10);
      const after = query.get('page[after]');
      const start = after ? all.indexOf(after) + 1 : 0;
      const data = all.slice(start, start + size).map((id) => account(id));
      const last = data.at(-1)?.id;
      const more = start + size < all.length;
      const next = `/api/v1/accounts?page%5Bafter%5D=${last}&page%5Bsize%5D=${size}`;
      const body = {
        data,
        links: {
          prev: null,
          next: more ? (links === 'absolute' ? `https://persona.test${next}` : next) : null,
        },
      };
      return HttpResponse.json(links === 'none' ? { data } : body);
    }),
  );
  return queries;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('paginate', () => {
  it('yields every account of every page, following links.next', async () => {
    const all = ids(7);
    const queries = serveAccounts(all);

    const accounts = await collect(paginate(client(), '/accounts', { pageSize: 2 }));

    expect(accounts.map((a) => a.id)).toEqual(all);
    expect(queries).toHaveLength(4);
    expect(queries.map((q) => q.get('page[after]'))).toEqual([null, all[1], all[3], all[5]]);
    expect(queries.every((q) => q.get('page[size]') === '2')).toBe(true);
  });

  it('follows absolute links too', async () => {
    const all = ids(5);
    serveAccounts(all, { links: 'absolute' });
    const accounts = await collect(client().paginate('/accounts', { pageSize: 2 }));
    expect(accounts.map((a) => a.id)).toEqual(all);
  });

  it('continues after the last id when pages carry no links, until a page is empty', async () => {
    const all = ids(6);
    const queries = serveAccounts(all, { links: 'none' });

    const accounts = await collect(paginate(client(), '/accounts', { pageSize: 2 }));

    expect(accounts.map((a) => a.id)).toEqual(all);
    expect(queries.map((q) => q.get('page[after]'))).toEqual([null, all[1], all[3], all[5]]);
  });

  it('stops at the limit, asking for no more than it needs', async () => {
    const all = ids(20);
    const queries = serveAccounts(all);

    const accounts = await collect(paginate(client(), '/accounts', { pageSize: 4, limit: 6 }));

    expect(accounts.map((a) => a.id)).toEqual(all.slice(0, 6));
    expect(queries.map((q) => q.get('page[size]'))).toEqual(['4', '2']);
  });

  it('keeps the filters and the starting cursor of every request', async () => {
    const all = ids(9);
    const queries = serveAccounts(all);

    const accounts = await collect(
      client().paginate('/accounts', {
        pageSize: 3,
        params: { query: { filter: { 'reference-id': 'user-1' }, page: { after: all[2] } } },
      }),
    );

    expect(accounts.map((a) => a.id)).toEqual(all.slice(3));
    expect(queries.every((q) => q.get('filter[reference-id]') === 'user-1')).toBe(true);
  });

  it('fetches a page only when the loop asks for it', async () => {
    const queries = serveAccounts(ids(9));
    for await (const _ of paginate(client(), '/accounts', { pageSize: 3 })) break;
    expect(queries).toHaveLength(1);
  });

  it('throws a PersonaApiError when a page fails, after yielding the pages before it', async () => {
    serveAccounts(ids(9), { failOnPage: 2 });
    const seen: string[] = [];

    const iterate = async () => {
      for await (const a of paginate(client(), '/accounts', { pageSize: 3 })) seen.push(a.id);
    };

    await expect(iterate()).rejects.toBeInstanceOf(PersonaApiError);
    expect(seen).toHaveLength(3);
  });

  it('refuses to loop when the server repeats a cursor', async () => {
    server.use(
      http.get(`${BASE_URL}/accounts`, () =>
        HttpResponse.json({
          data: [account(accountId(1))],
          links: { prev: null, next: `/api/v1/accounts?page%5Bafter%5D=${accountId(1)}` },
        }),
      ),
    );
    await expect(collect(paginate(client(), '/accounts'))).rejects.toThrow(/twice/);
  });
});
