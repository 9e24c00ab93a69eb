import { readFileSync } from 'node:fs';
import { getOperation, validateResponse } from '@persona-kit/spec';
import { describe, expect, it } from 'vitest';
import { Idempotency } from '../http/idempotency.js';
import { fromFetch } from '../http/mock-request.js';
import { handle } from '../http/pipeline.js';
import { createPersonaMock } from '../index.js';
import { modelledRoutes, routes } from './index.js';
import { STATIC_HEADER, staticOperations, successExample, withStaticFallback } from './static.js';

/** Runs one operation through the pipeline with the given route table. */
async function answer(table: typeof routes, operationId: string, path: string) {
  const mock = createPersonaMock();
  const deps = {
    core: mock.core,
    faults: mock.faults,
    idempotency: new Idempotency(),
    basePath: '/api/v1',
  };
  const request = new Request(`https://api.withpersona.com/api/v1${path}`, {
    headers: { Authorization: 'Bearer static-test' },
  });
  return handle(deps, operationId, table[operationId]!, fromFetch(request));
}

describe('static fallback', () => {
  it('answers an operation without a modelled route with its example, marked static', async () => {
    const { retrieveWebhook: _left, ...withoutOne } = modelledRoutes;
    const table = withStaticFallback(withoutOne);
    expect(staticOperations(withoutOne).map((o) => o.operationId)).toContain('retrieveWebhook');

    const path = '/webhooks/wbh_Pq4Xn7Lc2Wm9Rt5Kb8Vh3Zs6';
    const got = await answer(table, 'retrieveWebhook', path);
    expect(got.status).toBe(200);
    expect(got.headers[STATIC_HEADER]).toBe('static');
    const body = JSON.parse(String(got.body));
    expect(body).toEqual(successExample(getOperation('retrieveWebhook')!)?.body);
    const violations = validateResponse({
      method: 'GET',
      path: `/api/v1${path}`,
      status: got.status,
      headers: new Headers(got.headers),
      body,
    });
    expect(violations).toEqual([]);

    // The modelled route answers from state instead: an unknown webhook is a 404, unmarked.
    const modelled = await answer(routes, 'retrieveWebhook', path);
    expect(modelled.status).toBe(404);
    expect(modelled.headers[STATIC_HEADER]).toBeUndefined();
  });

  it('has a success example for every operation it answers statically', () => {
    const missing = staticOperations(modelledRoutes)
      .filter((operation) => successExample(operation) === null)
      .map((operation) => operation.operationId);
    expect(missing).toEqual([]);
  });

  it('lists in the README exactly the operations answered statically', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const section = /<!-- static-operations:start -->([\s\S]*?)<!-- static-operations:end -->/.exec(
      readme,
    );
    expect(section, 'README section between static-operations markers').not.toBeNull();
    const listed = [...(section?.[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
    const expected = staticOperations(modelledRoutes).map((o) => o.operationId);
    expect(listed.sort()).toEqual(expected.sort());
  });
});
