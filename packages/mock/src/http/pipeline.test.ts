import { operations } from '@persona-kit/spec';
import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { routes } from '../routes/index.js';
import { mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

describe('authentication and isolation', () => {
  it('answers 401 without a bearer key, or with an empty one', async () => {
    for (const header of [null, '', 'Bearer', 'Bearer   ', 'Basic abc']) {
      const answer = await mockClient(mock, null)(
        'GET',
        '/accounts',
        undefined,
        header === null ? {} : { Authorization: header },
      );
      expect(answer.status, String(header)).toBe(401);
      expect(answer.violations).toEqual([]);
      expect(answer.body.errors[0].title).toMatch(/authenticated/);
    }
  });

  it('keeps each API key to its own organization', async () => {
    const alice = mockClient(mock, 'alice');
    const bob = mockClient(mock, 'bob');
    const created = await alice('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'shared-ref' } },
    });
    const id = created.body.data.id;
    expect((await bob('GET', `/accounts/${id}`)).status).toBe(404);
    expect(
      (await bob('PATCH', `/accounts/${id}`, { data: { attributes: { 'name-first': 'Eve' } } }))
        .status,
    ).toBe(404);
    expect((await bob('DELETE', `/accounts/${id}`)).status).toBe(404);
    expect((await bob('GET', '/accounts?filter[reference-id]=shared-ref')).body.data).toEqual([]);
    const bobs = await bob('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'shared-ref' } },
    });
    expect(bobs.status).toBe(201);
    expect(bobs.body.data.id).not.toBe(id);
    expect((await alice('GET', `/accounts/${id}`)).body.data.attributes.fields).toEqual({});
  });
});

describe('validation', () => {
  it('answers every operation of the spec', () => {
    expect(operations.map((o) => o.operationId).filter((id) => !routes[id])).toEqual([]);
  });

  it('answers 400 for malformed JSON', async () => {
    const answer = await call('POST', '/accounts', '{"data": {', {
      'Content-Type': 'application/json',
    });
    expect(answer.status).toBe(400);
    expect(answer.violations).toEqual([]);
  });

  it('answers 422 naming the field for a body that breaks the spec', async () => {
    const wrongType = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 5 } },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors[0].details).toContain('reference-id');
    const unknownField = await call('POST', '/accounts', {
      data: { attributes: { nickname: 'x' } },
    });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.errors[0].details).toContain('nickname');
    // List operations document 400, not 422, for parameters they cannot use.
    const badQuery = await call('GET', '/accounts?page[size]=1000');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors[0].details).toContain('page');
    for (const answer of [wrongType, unknownField, badQuery]) expect(answer.violations).toEqual([]);
  });

  it('answers 404 for a malformed or unknown id and for unknown routes', async () => {
    expect((await call('GET', '/accounts/not-an-id')).status).toBe(404);
    expect((await call('GET', '/accounts/act_000000000000000000000000')).status).toBe(404);
    expect((await call('GET', '/nothing-here')).status).toBe(404);
  });

  it('never answers 500 to whatever a client sends to any operation', async () => {
    const bodies = [
      'null',
      '[]',
      '"text"',
      '42',
      '{}',
      '{"data":null}',
      '{"data":{"attributes":[]}}',
      '{"meta":{"tag-name":{}}}',
    ];
    let calls = 0;
    for (const operation of operations.filter((o) => routes[o.operationId])) {
      const path = operation.path.replace(/\{[^}]+\}/g, (name) =>
        name.includes('account-id') ? 'act_000000000000000000000000' : 'x_1',
      );
      for (const body of operation.method === 'GET' ? [undefined] : bodies) {
        const response = await getResponse(
          mock.handlers,
          new Request(`https://api.withpersona.com/api/v1${path}?page[size]=abc&include=%00`, {
            method: operation.method,
            headers: { Authorization: 'Bearer fuzz', 'Content-Type': 'application/json' },
            ...(body !== undefined ? { body } : {}),
          }),
        );
        calls++;
        expect(response?.status, `${operation.method} ${path} ${body}`).toBeLessThan(500);
        const documented = Object.keys(operation.responses);
        expect(documented, `${operation.method} ${path} ${body}`).toContain(
          String(response?.status),
        );
      }
    }
    expect(calls).toBeGreaterThan(50);
  });
});

describe('idempotency', () => {
  it('replays the first answer for a repeated key and refuses the key for another request', async () => {
    const body = { data: { attributes: { 'reference-id': 'idem' } } };
    const first = await call('POST', '/accounts', body, { 'Idempotency-Key': 'k-1' });
    const replay = await call('POST', '/accounts', body, { 'Idempotency-Key': 'k-1' });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const other = await call(
      'POST',
      '/accounts',
      { data: { attributes: { 'reference-id': 'other' } } },
      {
        'Idempotency-Key': 'k-1',
      },
    );
    expect(other.status).toBe(409);
    expect(other.violations).toEqual([]);
  });

  it('replays a retried file upload with the same key, and refuses the key for another file', async () => {
    const upload = (csv: string) => {
      const form = new FormData();
      form.set('data[attributes][file]', new Blob([csv], { type: 'text/csv' }), 'a.csv');
      return getResponse(
        mock.handlers,
        new Request('https://api.withpersona.com/api/v1/importer/accounts', {
          method: 'POST',
          headers: { Authorization: 'Bearer key-test', 'Idempotency-Key': 'upload-1' },
          body: form,
        }),
      );
    };
    const first = await upload('reference_id\nu-1\n');
    const retry = await upload('reference_id\nu-1\n');
    expect(retry?.status).toBe(first?.status);
    expect(await retry?.json()).toEqual(await first?.json());
    expect(retry?.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await upload('reference_id\nu-2\n'))?.status).toBe(409);
    expect((await call('GET', '/importers')).body.data).toHaveLength(1);
  });

  it('acts once for concurrent replays of one key', async () => {
    const id = (await call('POST', '/accounts', { data: { attributes: {} } })).body.data.id;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call(
          'POST',
          `/accounts/${id}/run-action`,
          {
            data: {
              'account-action-id': seedIds.accountActions.addTag,
              parameters: { tag: 'once' },
            },
          },
          { 'Idempotency-Key': 'same' },
        ),
      ),
    );
    const runIds = new Set(answers.map((a) => a.body.meta['workflow-run-id']));
    expect(runIds.size).toBe(1);
    const runs = await call('GET', '/workflow-runs?page[size]=100');
    expect(runs.body.data).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('makes exactly one account of 200 concurrent creates for one reference id', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        call('POST', '/accounts', { data: { attributes: { 'reference-id': 'race' } } }),
      ),
    );
    expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const listed = await call('GET', '/accounts?filter[reference-id]=race');
    expect(listed.body.data).toHaveLength(1);
  });
});

describe('faults', () => {
  it('answers a status asked for with Prefer, with rate-limit headers for 429', async () => {
    const limited = await call('GET', '/accounts', undefined, { Prefer: 'code=429' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(limited.headers.get('RateLimit-Remaining')).toBe('0');
    expect(limited.violations).toEqual([]);
    expect((await call('GET', '/accounts', undefined, { Prefer: 'code=404' })).status).toBe(404);
  });

  it('limits requests per key and window', async () => {
    const limited = createPersonaMock({ faults: { rateLimit: { limit: 3, windowMs: 60_000 } } });
    const a = mockClient(limited, 'a');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await a('GET', '/accounts')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const ok = await mockClient(limited, 'b')('GET', '/accounts');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('RateLimit-Limit')).toBe('3');
    expect(ok.headers.get('RateLimit-Remaining')).toBe('2');
  });

  it('injects errors at the configured rate and adds latency', async () => {
    const flaky = createPersonaMock({ faults: { errorRate: 1 } });
    expect((await mockClient(flaky)('GET', '/accounts')).status).toBe(503);
    const slow = mockClient(createPersonaMock({ faults: { latency: 60 } }));
    const started = performance.now();
    await slow('GET', '/accounts');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('admin routes', () => {
  const admin = (method: string, path: string, key?: string, body?: unknown) =>
    getResponse(
      mock.handlers,
      new Request(`http://127.0.0.1:4010/__mock/${path}`, {
        method,
        headers: {
          ...(key ? { Authorization: `Bearer ${key}` } : {}),
          'Content-Type': 'application/json',
        },
        ...(body !== undefined
          ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
          : {}),
      }),
    );

  it('reports state, resets one organization or all, and sets the plan', async () => {
    await call('POST', '/accounts', { data: { attributes: {} } });
    const state = await (await admin('GET', 'state', 'key-test'))!.json();
    expect(state.counts.accounts).toBe(1);
    expect(state.plan).toBe('growth');
    await admin('POST', 'reset', 'key-test');
    const after = await (await admin('GET', 'state', 'key-test'))!.json();
    expect(after.counts.accounts ?? 0).toBe(0);
    const plan = await admin('PUT', 'plan', 'key-test', { plan: 'startup' });
    expect(plan!.status).toBe(200);
    const refused = await call('POST', `/workflows/${seedIds.workflows.signupReview}/trigger`, {
      data: { attributes: { 'user-id': '1' } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].details).toMatch(/Find or Create Account.*startup/);
    expect((await admin('PUT', 'plan', 'key-test', { plan: 'gold' }))!.status).toBe(422);
    expect((await admin('GET', 'state'))!.status).toBe(401);
  });

  it('extends an organization with a seed and changes faults at run time', async () => {
    const seeded = await admin('POST', 'seed', 'key-test', {
      accountTypes: [
        {
          id: 'acttp_Vendor000000000000000000',
          name: 'Vendor',
          fields: [{ key: 'tier', type: 'string' }],
        },
      ],
    });
    expect(seeded!.status).toBe(200);
    const vendor = await call('POST', '/accounts', {
      data: {
        attributes: {
          'account-type-id': 'acttp_Vendor000000000000000000',
          fields: { tier: 'gold' },
        },
      },
    });
    expect(vendor.status).toBe(201);
    expect(
      (await admin('POST', 'seed', 'key-test', { accountTypes: [{ name: 'no id' }] }))!.status,
    ).toBe(422);
    expect((await admin('POST', 'seed', 'key-test', '{not json'))!.status).toBe(422);
    expect((await admin('PUT', 'faults', undefined, { errorRate: 2 }))!.status).toBe(422);
    expect((await admin('PUT', 'faults', undefined, { errorRate: 1 }))!.status).toBe(200);
    expect((await call('GET', '/accounts')).status).toBe(503);
    await admin('PUT', 'faults', undefined, {});
    expect((await call('GET', '/accounts')).status).toBe(200);
  });
});
