import { createPersonaMock } from '@persona-kit/mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { handlersFetch } from './msw.js';
import { exampleBody, jsonResponse } from './test-support/examples.js';
import { validatingFetch } from './validating-fetch.js';
import { installMatchers } from './vitest.js';

const base = 'https://api.withpersona.com/api/v1';
const fetchMock = handlersFetch(createPersonaMock().handlers);
const auth = { Authorization: 'Bearer key-matchers' };

beforeAll(() => installMatchers());

describe('toMatchApiSpec', () => {
  it('accepts a fetch Response, given the method or the request', async () => {
    const init = {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { attributes: { 'reference-id': 'matcher-1' } } }),
    };
    const created = await fetchMock(`${base}/accounts`, init);
    await expect(created).toMatchApiSpec({ method: 'POST' });
    const request = new Request(`${base}/accounts`, init);
    await expect({ request, response: await fetchMock(request) }).toMatchApiSpec();
  });

  it('needs no method when the path has only one', async () => {
    const listed = await fetchMock(`${base}/account-types`, { headers: auth });
    const url = listed.url;
    await expect(jsonResponse(await listed.clone().json(), 200, url)).toMatchApiSpec();
    await expect(listed).toMatchApiSpec();
    // The body is still there for the test to read.
    expect((await listed.json()).data.length).toBeGreaterThan(0);
  });

  it('passes additive drift unless strict, and fails breaking drift always', async () => {
    const url = `${base}/accounts/act_${'a'.repeat(24)}`;
    const added = exampleBody('retrieveAccount', 200);
    added.data.attributes['new-attribute'] = 1;
    await expect(jsonResponse(added, 200, url)).toMatchApiSpec({ method: 'GET' });
    await expect(jsonResponse(added, 200, url)).not.toMatchApiSpec({ method: 'GET', strict: true });
    const broken = exampleBody('retrieveAccount', 200);
    broken.data.attributes.tags = 'vip';
    await expect(jsonResponse(broken, 200, url)).not.toMatchApiSpec({ method: 'GET' });
  });

  it('accepts an openapi-fetch result', async () => {
    const response = await fetchMock(`${base}/account-types`, { headers: auth });
    const data = await response.clone().json();
    await expect({ data, response }).toMatchApiSpec({ method: 'GET' });
  });

  it('takes the request of a response that went through validatingFetch', async () => {
    const fetchTracked = validatingFetch(fetchMock, { onViolation: 'collect' });
    const response = await fetchTracked(`${base}/accounts`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { attributes: {} } }),
    });
    await expect(response).toMatchApiSpec();
  });

  it('fails with one line per violation', async () => {
    const body = exampleBody('createAccount', 201);
    body.data.attributes.tags = 'x';
    const response = jsonResponse(body, 201, `${base}/accounts`);
    await expect(expect(response).toMatchApiSpec({ method: 'POST' })).rejects.toThrow(
      'POST /accounts 201 /data/attributes/tags: expected array, got string "x"',
    );
    await expect(response).not.toMatchApiSpec({ method: 'POST' });
  });

  it('says what it needs when it cannot tell the request', async () => {
    const response = jsonResponse({}, 200, `${base}/accounts`);
    await expect(expect(response).toMatchApiSpec()).rejects.toThrow(/pass \{ method \}/);
    await expect(expect({ nothing: true }).toMatchApiSpec()).rejects.toThrow(
      /expects a fetch Response/,
    );
  });
});
