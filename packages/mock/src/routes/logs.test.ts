import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { adminCall, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

describe('API logs', () => {
  it('lists the requests answered for the organization, newest first, with their statuses', async () => {
    const created = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'l-1' } },
    });
    await call('GET', '/accounts/act_000000000000000000000000');
    await mockClient(mock, 'other')('GET', '/accounts');

    const logs = await call('GET', '/api-logs');
    expect(logs.violations).toEqual([]);
    const entries = logs.body.data.map(
      (l: {
        attributes: { request: { method: string; path: string }; response: { status: number } };
      }) => [l.attributes.request.method, l.attributes.request.path, l.attributes.response.status],
    );
    expect(entries).toEqual([
      ['GET', '/api/v1/accounts/act_000000000000000000000000', 404],
      ['POST', '/api/v1/accounts', 201],
    ]);
    const first = logs.body.data[1];
    expect(first.id).toBe(created.headers.get('Request-Id'));
    expect(first.attributes.request['post-params']).toEqual({
      data: { attributes: { 'reference-id': 'l-1' } },
    });
    expect(first.attributes.request.headers.Authorization).toBe('****');

    const one = await call('GET', `/api-logs/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.violations).toEqual([]);
    expect(one.body.data).toEqual(first);
    expect((await call('GET', '/api-logs/req_000000000000000000000000')).status).toBe(404);
  });

  it('logs a file answer too: a printed inquiry', async () => {
    const inquiry = await call('POST', '/inquiries', {
      data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
    });
    const printed = await call('GET', `/inquiries/${inquiry.body.data.id}/print`);
    expect(printed.status).toBe(200);

    const logs = await call('GET', '/api-logs');
    const newest = logs.body.data[0].attributes;
    expect([newest.request.method, newest.request.path, newest.response.status]).toEqual([
      'GET',
      `/api/v1/inquiries/${inquiry.body.data.id}/print`,
      200,
    ]);
  });

  it('pages like other lists and keeps the newest entries only', async () => {
    const limit = mock.core.apiLogs.limit;
    for (let i = 0; i < limit + 5; i++)
      mock.core.apiLogs.record('org_x', { type: 'api-log', id: `req_${i}`, attributes: {} });
    expect(mock.core.apiLogs.of('org_x').size).toBe(limit);
    expect(mock.core.apiLogs.of('org_x').get('req_4')).toBeUndefined();
    // Entries recorded between two reads (more than twice the limit) keep only the newest too.
    const toRecord = (id: string) => () => ({ type: 'api-log', id, attributes: {} });
    for (let i = 0; i < 2 * limit + 3; i++)
      mock.core.apiLogs.record('org_x', { toRecord: toRecord(`req_later_${i}`) });
    const kept = [...mock.core.apiLogs.of('org_x').values()].map((entry) => entry.id);
    expect(kept).toHaveLength(limit);
    expect(kept[0]).toBe(`req_later_${limit + 3}`);
    expect(kept.at(-1)).toBe(`req_later_${2 * limit + 2}`);

    for (let i = 0; i < 3; i++) await call('GET', '/accounts');
    const page = await call('GET', '/api-logs?page[size]=2');
    expect(page.body.data).toHaveLength(2);
    expect(page.body.links.next).toContain('page%5Bafter%5D=');
    const next = await call('GET', `/api-logs?page[size]=2&page[after]=${page.body.data[1].id}`);
    expect(next.violations).toEqual([]);
    expect(next.body.data.length).toBeGreaterThan(0);
  });
});

describe('user audit logs', () => {
  it('records each change made through the control plane, and nothing for reads', async () => {
    await adminCall(mock, 'PUT', '/__mock/plan', { plan: 'startup' });
    await adminCall(mock, 'POST', '/__mock/clock', { advance: '1h' });
    await adminCall(mock, 'GET', '/__mock/state');
    await adminCall(mock, 'POST', '/__mock/reset');

    const logs = await call('GET', '/user-audit-logs');
    expect(logs.violations).toEqual([]);
    expect(
      logs.body.data.map(
        (l: { attributes: { method: string; path: string } }) =>
          `${l.attributes.method} ${l.attributes.path}`,
      ),
    ).toEqual(['POST /__mock/reset', 'POST /__mock/clock', 'PUT /__mock/plan']);
    const plan = logs.body.data[2];
    expect(plan.id).toMatch(/^ual_/);
    expect(plan.attributes['post-params']).toEqual({ plan: 'startup' });
    const one = await call('GET', `/user-audit-logs/${plan.id}`);
    expect(one.status).toBe(200);
    expect(one.violations).toEqual([]);
    expect((await mockClient(mock, 'other')('GET', `/user-audit-logs/${plan.id}`)).status).toBe(
      404,
    );
  });

  it('records a reset made with an issued key in the issuing organization, which it resets', async () => {
    const made = await call('POST', '/api-keys', { data: { attributes: { name: 'admin' } } });
    const issued = made.body.data.attributes.value as string;
    await call('POST', '/accounts', { data: { attributes: { 'reference-id': 'gone' } } });
    expect((await adminCall(mock, 'POST', '/__mock/reset', undefined, issued)).status).toBe(200);
    expect((await call('GET', '/accounts?filter[reference-id]=gone')).body.data).toEqual([]);
    const logs = await call('GET', '/user-audit-logs');
    expect(logs.body.data.map((l: { attributes: { path: string } }) => l.attributes.path)).toEqual([
      '/__mock/reset',
    ]);
  });
});
