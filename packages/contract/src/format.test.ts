import { describe, expect, it } from 'vitest';
import { formatViolation, formatViolations } from './format.js';
import { exampleBody } from './test-support/examples.js';
import { validateResponse } from './validate.js';

const headers = { 'Content-Type': 'application/json', 'Request-Id': 'req_test' };

describe('formatViolation', () => {
  it('reads as method, path, status, pointer, expected and received', () => {
    const body = exampleBody('createAccount', 201);
    body.data.attributes.tags = 'x';
    const [violation] = validateResponse({
      method: 'POST',
      path: '/api/v1/accounts',
      status: 201,
      headers,
      body,
    });
    expect(formatViolation(violation!)).toBe(
      'POST /accounts 201 /data/attributes/tags: expected array, got string "x"',
    );
  });

  it('names a missing member, an undocumented status and a wrong content type', () => {
    const body = exampleBody('retrieveAccount', 200);
    delete body.data.attributes['created-at'];
    const lines = [
      ...validateResponse({ method: 'GET', path: '/accounts/act_x', status: 200, headers, body }),
      ...validateResponse({ method: 'GET', path: '/accounts/act_x', status: 418, headers, body }),
      ...validateResponse({
        method: 'GET',
        path: '/accounts/act_x',
        status: 200,
        headers: { ...headers, 'Content-Type': 'text/plain' },
        body: 'hello',
      }),
    ].map(formatViolation);
    expect(lines).toEqual([
      'GET /accounts/{account-id} 200 /data/attributes/created-at: required, but missing',
      expect.stringMatching(
        /^GET \/accounts\/\{account-id\} 418: status 418 is not documented for retrieveAccount/,
      ),
      expect.stringMatching(
        /^GET \/accounts\/\{account-id\} 200 Content-Type: Content-Type text\/plain is not documented/,
      ),
    ]);
  });

  it('puts one violation on each line', () => {
    const body = exampleBody('createAccount', 201);
    body.data.attributes.tags = 'x';
    body.data.attributes['reference-id'] = 5;
    const violations = validateResponse({
      method: 'POST',
      path: '/accounts',
      status: 201,
      headers,
      body,
    });
    expect(formatViolations(violations).split('\n')).toHaveLength(2);
  });
});
