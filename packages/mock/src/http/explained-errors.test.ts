// Answers that tell a user what went wrong and what to do next.
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../core/seed.js';
import { createPersonaMock } from '../index.js';
import { mockClient } from '../test-support/test-client.js';

async function admin(
  mock: ReturnType<typeof createPersonaMock>,
  method: string,
  route: string,
  body?: unknown,
) {
  const response = await getResponse(
    mock.handlers,
    new Request(`https://api.withpersona.com/__mock/${route}`, {
      method,
      headers: { Authorization: 'Bearer key-test', 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  return { status: response!.status, body: await response!.json() };
}

describe('fault settings at run time', () => {
  const started = { latency: [20, 200], rateLimit: { limit: 5, windowMs: 10_000 } };

  it('PATCH changes only the settings sent and answers them all', async () => {
    const mock = createPersonaMock({ faults: started as never });
    const patched = await admin(mock, 'PATCH', 'faults', { errorRate: 1 });
    expect(patched).toEqual({ status: 200, body: { ...started, errorRate: 1 } });
    expect((await admin(mock, 'GET', 'faults')).body).toEqual({ ...started, errorRate: 1 });
  });

  it('PATCH with null clears one setting', async () => {
    const mock = createPersonaMock({ faults: started as never });
    const patched = await admin(mock, 'PATCH', 'faults', { latency: null });
    expect(patched.body).toEqual({ rateLimit: started.rateLimit });
  });

  it('PUT replaces every setting and answers what is now in force', async () => {
    const mock = createPersonaMock({ faults: started as never });
    expect((await admin(mock, 'PUT', 'faults', { errorRate: 1 })).body).toEqual({ errorRate: 1 });
  });

  it('refuses an unknown setting by name, listing the known ones', async () => {
    const mock = createPersonaMock();
    const refused = await admin(mock, 'PATCH', 'faults', { errorrate: 1 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].details).toMatch(/unknown fault setting errorrate.*errorRate/);
  });
});

describe('a forced 429', () => {
  it('reports a real limit, none remaining and a reset', async () => {
    const call = mockClient(createPersonaMock());
    const answer = await call('GET', '/accounts', undefined, { Prefer: 'code=429' });
    expect(answer.status).toBe(429);
    expect(answer.violations).toEqual([]);
    expect(Number(answer.headers.get('RateLimit-Limit'))).toBeGreaterThan(0);
    expect(answer.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(answer.headers.get('RateLimit-Reset'))).toBeGreaterThan(0);
    expect(answer.headers.get('Retry-After')).toBe(answer.headers.get('RateLimit-Reset'));
  });

  it('reports the configured limit when there is one', async () => {
    const mock = createPersonaMock({ faults: { rateLimit: { limit: 7, windowMs: 30_000 } } });
    const answer = await mockClient(mock)('GET', '/accounts', undefined, { Prefer: 'code=429' });
    expect(answer.headers.get('RateLimit-Limit')).toBe('7');
    expect(answer.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(answer.headers.get('RateLimit-Reset'))).toBeLessThanOrEqual(30);
  });
});

describe('account search', () => {
  it('names an unknown attribute and lists the accepted ones', async () => {
    const call = mockClient(createPersonaMock());
    const answer = await call('POST', '/accounts/search', {
      query: { and: [{ attribute: 'name_first', operator: 'eq', value: 'Ada' }] },
    });
    expect(answer.status).toBe(422);
    const details: string = answer.body.errors[0].details;
    expect(details).toContain('query.and[0].attribute: unknown attribute name_first');
    expect(details).toContain('reference_id');
    expect(details).toContain('fields.<name>');
  });

  it('still accepts fields.<name>', async () => {
    const call = mockClient(createPersonaMock());
    const answer = await call('POST', '/accounts/search', {
      query: { attribute: 'fields.name_first', operator: 'eq', value: 'Ada' },
    });
    expect(answer.status).toBe(200);
  });
});

describe('a seed in the wrong shape', () => {
  it('names the property, its path and where the format is described', () => {
    const yaml =
      'accountTypes:\n  - id: acttp_Vendor000000000000000000\n    name: Vendor\n    nombre: V\n';
    expect(() => parseSeed(yaml)).toThrow(
      /seed\.accountTypes\[0\]: unknown property nombre; .*packages\/mock\/README\.md/,
    );
    expect(() => parseSeed('account_types: []\n')).toThrow(/seed: unknown property account_types/);
  });
});
