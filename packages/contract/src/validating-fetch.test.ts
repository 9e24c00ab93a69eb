import { createPersonaMock } from '@persona-kit/mock';
import { describe, expect, it, vi } from 'vitest';
import { handlersFetch } from './msw.js';
import { exampleBody, jsonResponse } from './test-support/examples.js';
import { ContractViolationError, validatingFetch } from './validating-fetch.js';

const base = 'https://api.withpersona.com/api/v1';
const auth = { Authorization: 'Bearer key-fetch' };

/** A server that answers an account with a tag list that is a string. */
const drifted = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const body = exampleBody('retrieveAccount', 200);
  body.data.attributes.tags = 'vip';
  return jsonResponse(body, 200, request.url);
};

describe('validatingFetch', () => {
  it('passes answers that fit the spec through untouched', async () => {
    const fetchChecked = validatingFetch(handlersFetch(createPersonaMock().handlers));
    const response = await fetchChecked(`${base}/account-types`, { headers: auth });
    expect(response.status).toBe(200);
    expect((await response.json()).data.length).toBeGreaterThan(0);
    expect(fetchChecked.violations).toEqual([]);
  });

  it('throws on an answer outside the spec, naming the violation', async () => {
    const fetchChecked = validatingFetch(drifted);
    const failure = fetchChecked(`${base}/accounts/act_${'a'.repeat(24)}`, { headers: auth });
    await expect(failure).rejects.toThrow(ContractViolationError);
    await expect(
      validatingFetch(drifted)(`${base}/accounts/act_${'a'.repeat(24)}`),
    ).rejects.toThrow('GET /accounts/{account-id} 200 /data/attributes/tags: expected array');
  });

  it('collects, or hands violations to a function', async () => {
    const collecting = validatingFetch(drifted, { onViolation: 'collect' });
    const response = await collecting(`${base}/accounts/act_${'a'.repeat(24)}`);
    expect(response.status).toBe(200);
    expect(collecting.violations.map((v) => v.pointer)).toEqual(['/data/attributes/tags']);

    const seen = vi.fn();
    await validatingFetch(drifted, { onViolation: seen })(`${base}/accounts/act_${'a'.repeat(24)}`);
    expect(seen).toHaveBeenCalledOnce();
    expect(seen.mock.calls[0]![1]).toBeInstanceOf(Request);
  });

  it('checks requests too when asked', async () => {
    const fetchChecked = validatingFetch(handlersFetch(createPersonaMock().handlers), {
      validateRequests: true,
      onViolation: 'collect',
    });
    await fetchChecked(`${base}/accounts`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { attributes: { 'reference-id': 5 } } }),
    });
    expect(fetchChecked.violations[0]).toMatchObject({
      status: null,
      location: 'body',
      pointer: '/data/attributes/reference-id',
    });
  });

  it('lets additive drift through unless strict, keeping it in .violations', async () => {
    const added = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const body = exampleBody('retrieveAccount', 200);
      body.data.attributes['new-attribute'] = 1;
      return jsonResponse(body, 200, request.url);
    };
    const url = `${base}/accounts/act_${'a'.repeat(24)}`;
    const tolerant = validatingFetch(added);
    expect((await tolerant(url)).status).toBe(200);
    expect(tolerant.violations.map((v) => v.severity)).toEqual(['additive']);
    await expect(validatingFetch(added, { strict: true })(url)).rejects.toThrow(
      '/data/attributes/new-attribute: not in the spec',
    );
  });
});
