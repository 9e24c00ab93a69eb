import { describe, expect, it } from 'vitest';
import { exampleBody } from './test-support/examples.js';
import { sparseFieldsets, validateResponse } from './validate.js';

const headers = { 'Content-Type': 'application/json', 'Request-Id': 'req_test' };

/** An account answer trimmed the way a server answers `fields[account]=…`. */
function trimmed(names: string[]) {
  const body = exampleBody('retrieveAccount', 200);
  const attributes = body.data.attributes;
  body.data.attributes = Object.fromEntries(names.map((n) => [n, attributes[n]]));
  delete body.data.relationships;
  return body;
}

describe('sparse fieldsets', () => {
  it('reads the attribute names asked for, by type', () => {
    const sets = sparseFieldsets('/accounts?fields[account]=reference-id,tags&fields[case]=status');
    expect([...sets.get('account')!]).toEqual(['reference-id', 'tags']);
    expect([...sets.get('case')!]).toEqual(['status']);
    expect(sparseFieldsets({ 'fields[account]': 'referenceId' }, 'camel').get('account')).toEqual(
      new Set(['reference-id']),
    );
  });

  it('accepts an answer without the attributes a fieldset left out', () => {
    const body = trimmed(['reference-id', 'tags']);
    const input = { method: 'GET', path: '/accounts/act_x', status: 200, headers, body };
    expect(validateResponse(input).length).toBeGreaterThan(0);
    expect(
      validateResponse({ ...input, path: '/accounts/act_x?fields[account]=reference-id,tags' }),
    ).toEqual([]);
    expect(
      validateResponse({
        ...input,
        query: new URLSearchParams('fields[account]=reference-id,tags'),
      }),
    ).toEqual([]);
  });

  it('still reports an attribute that was asked for, and every other mistake', () => {
    const body = trimmed(['tags']);
    body.data.attributes.tags = 'x';
    const violations = validateResponse({
      method: 'GET',
      path: '/accounts/act_x?fields[account]=reference-id,tags',
      status: 200,
      headers,
      body,
    });
    expect(violations.map((v) => v.pointer).sort()).toEqual([
      '/data/attributes/reference-id',
      '/data/attributes/tags',
    ]);
  });

  it('relaxes only the types named', () => {
    const body = trimmed(['reference-id']);
    const violations = validateResponse({
      method: 'GET',
      path: '/accounts/act_x?fields[case]=status',
      status: 200,
      headers,
      body,
    });
    expect(violations.map((v) => v.pointer)).toContain('/data/attributes/created-at');
  });

  it('applies to every object of a list', () => {
    const body = exampleBody('listAccounts', 200);
    for (const account of body.data) {
      account.attributes = { tags: account.attributes.tags };
      delete account.relationships;
    }
    expect(
      validateResponse({
        method: 'GET',
        path: '/accounts?fields[account]=tags',
        status: 200,
        headers,
        body,
      }),
    ).toEqual([]);
  });
});
