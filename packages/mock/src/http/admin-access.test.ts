// The admin token rule, route by route: the routes are read from the handlers
// the mock builds, so a route added later is held to the same rule.
import { getResponse, type HttpHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, type PersonaMockOptions } from '../create-mock.js';
import { ADMIN_TOKEN_HEADER, sameBytes } from './admin-access.js';

const TOKEN = 'a-long-admin-token';
const ORIGIN = 'http://127.0.0.1:4010';

interface AdminRoute {
  method: string;
  url: string;
}

/** Every handler under `/__mock/`, as a request that reaches it (`:id` and `*` filled in). */
function adminRoutes(mock: PersonaMock): AdminRoute[] {
  return mock.handlers.flatMap((handler: HttpHandler) => {
    const { method, path } = handler.info as { method: string | RegExp; path: unknown };
    if (typeof path !== 'string' || !path.includes('/__mock/')) return [];
    const url = path
      .replace(/^\*/, ORIGIN)
      .replace(/:[A-Za-z]+/g, 'wdel_unknown')
      .replace(/\*$/, 'anything');
    return [{ method: typeof method === 'string' ? method : 'GET', url }];
  });
}

async function call(mock: PersonaMock, route: AdminRoute, headers: Record<string, string>) {
  const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
  const response = await getResponse(
    mock.handlers,
    new Request(route.url, {
      method: route.method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(hasBody ? { body: '{}' } : {}),
    }),
  );
  // A stream (the live events) never ends: its opening status is the answer.
  if (response?.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, challenge: null, body: undefined };
  }
  // The hosted-flow page answers HTML; every other route answers JSON.
  const json = response?.headers.get('content-type')?.includes('json');
  return {
    // No handler at all (an unknown path past the guard) is an answer too, and not a 401.
    status: response?.status ?? 404,
    challenge: response?.headers.get('www-authenticate') ?? null,
    // biome-ignore lint/suspicious/noExplicitAny: documents are read freely in tests
    body: (json ? await response?.json() : await response?.text()) as any,
  };
}

const exposed = (extra: PersonaMockOptions = {}) =>
  createPersonaMock({ adminToken: TOKEN, requireAdminToken: true, ...extra });
const key = (k: string) => ({ Authorization: `Bearer ${k}` });
const label = (r: AdminRoute) => `${r.method} ${r.url.slice(ORIGIN.length)}`;

describe('the admin routes found in the handlers', () => {
  it('are the whole control plane, guard included', () => {
    const names = adminRoutes(createPersonaMock()).map(label);
    for (const name of [
      'POST /__mock/reset',
      'GET /__mock/state',
      'POST /__mock/seed',
      'PUT /__mock/plan',
      'PATCH /__mock/faults',
      'POST /__mock/clock',
      'POST /__mock/webhook-deliveries/wdel_unknown/redeliver',
      'GET /__mock/anything',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('a mock that requires the admin token', () => {
  const mock = exposed();
  const routes = adminRoutes(mock);

  it.each(routes.map((r) => [label(r), r] as const))('%s without the token: 401', async (_, r) => {
    const answer = await call(mock, r, key('k1'));
    expect(answer.status).toBe(401);
    expect(answer.challenge).toContain(ADMIN_TOKEN_HEADER);
    expect(answer.body.errors[0].details).toContain(`${ADMIN_TOKEN_HEADER}: <token>`);
  });

  it.each(routes.map((r) => [label(r), r] as const))('%s with a wrong token: 401', async (_, r) => {
    const answer = await call(mock, r, { ...key('k1'), [ADMIN_TOKEN_HEADER]: `${TOKEN}x` });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].details).toContain('does not hold');
  });

  it.each(routes.map((r) => [label(r), r] as const))('%s with the token: not 401', async (_, r) => {
    const answer = await call(mock, r, { ...key('k1'), [ADMIN_TOKEN_HEADER]: TOKEN });
    expect(answer.status).not.toBe(401);
  });

  it('cannot be made without a token', () => {
    expect(() => createPersonaMock({ requireAdminToken: true })).toThrow(/adminToken/);
  });
});

describe('a loopback mock', () => {
  const mock = createPersonaMock();
  const routes = adminRoutes(mock);

  it.each(routes.map((r) => [label(r), r] as const))(
    '%s with a key alone: not 401',
    async (_, r) => {
      const answer = await call(mock, r, key('k1'));
      expect(answer.status).not.toBe(401);
    },
  );

  it('refuses a token it was never given, rather than ignore it', async () => {
    const answer = await call(
      mock,
      { method: 'GET', url: `${ORIGIN}/__mock/state` },
      { ...key('k1'), [ADMIN_TOKEN_HEADER]: 'guess' },
    );
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].details).toContain('--admin-token');
  });
});

describe('POST /__mock/reset', () => {
  const reset = { method: 'POST', url: `${ORIGIN}/__mock/reset` };
  // An organization without accounts lists no count for them.
  const accounts = async (mock: PersonaMock, k: string, extra: Record<string, string> = {}) =>
    ((await call(mock, { method: 'GET', url: `${ORIGIN}/__mock/state` }, { ...key(k), ...extra }))
      .body.counts.accounts ?? 0) as number;
  const addAccount = async (mock: PersonaMock, k: string) => {
    const response = await getResponse(
      mock.handlers,
      new Request(`${ORIGIN}/api/v1/accounts`, {
        method: 'POST',
        headers: { ...key(k), 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { attributes: { 'reference-id': `ref-${k}` } } }),
      }),
    );
    expect(response?.status).toBe(201);
  };

  it('without a key or token answers 400 naming the key to send, and wipes nothing', async () => {
    const mock = createPersonaMock({ adminToken: TOKEN });
    await addAccount(mock, 'k1');
    const answer = await call(mock, reset, {});
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].details).toContain('`Authorization: Bearer <api key>`');
    expect(await accounts(mock, 'k1')).toBe(1);
  });

  it('with a key resets that organization only', async () => {
    const mock = createPersonaMock();
    await addAccount(mock, 'k1');
    await addAccount(mock, 'k2');
    expect((await call(mock, reset, key('k1'))).body).toEqual({ reset: 'organization' });
    expect(await accounts(mock, 'k1')).toBe(0);
    expect(await accounts(mock, 'k2')).toBe(1);
  });

  it.each([
    ['on loopback', () => createPersonaMock({ adminToken: TOKEN })],
    ['when the token is required', () => exposed()],
  ])('with the token and no key resets every organization %s', async (_, make) => {
    const mock = make();
    await addAccount(mock, 'k1');
    await addAccount(mock, 'k2');
    expect(await accounts(mock, 'k2', { [ADMIN_TOKEN_HEADER]: TOKEN })).toBe(1);
    const answer = await call(mock, reset, { [ADMIN_TOKEN_HEADER]: TOKEN });
    expect(answer).toMatchObject({ status: 200, body: { reset: 'all' } });
    for (const k of ['k1', 'k2']) {
      const state = await call(
        mock,
        { method: 'GET', url: `${ORIGIN}/__mock/state` },
        {
          ...key(k),
          [ADMIN_TOKEN_HEADER]: TOKEN,
        },
      );
      expect(state.status).toBe(200);
      expect(state.body.counts.accounts ?? 0).toBe(0);
    }
  });
});

describe('sameBytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', 'a', false],
    ['', '', true],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameBytes(bytes(a), bytes(b))).toBe(same);
  });
});
