import { describe, expect, it } from 'vitest';
import { createSpec, document, getOperation, inflectKeys, validateResponse } from '../index.js';
import { getByPointer } from '../pointer.js';
import type { OpenApiDocument } from '../types.js';

const ACCOUNT = 'act_68h3lHszBfNOTSPxUYT6LUvR';
const path = `/accounts/${ACCOUNT}`;
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Request-Id': 'req_1' };

/** The spec's own example of a retrieved account, as a fresh copy. */
function accountDocument() {
  const response = getOperation('retrieveAccount')!.responses['200']!;
  const examples = getByPointer(document, `${response.pointer}/content/application~1json/examples`);
  const first = Object.values(examples as Record<string, { value: unknown }>)[0]!;
  return structuredClone(first.value) as {
    data: { attributes: Record<string, unknown>; relationships: Record<string, { data: unknown }> };
  };
}

const retrieve = (body: unknown, extra: Partial<Parameters<typeof validateResponse>[0]> = {}) =>
  validateResponse({ method: 'GET', path, status: 200, headers, body, ...extra });

describe('validateResponse', () => {
  it('passes a valid account document', () => {
    expect(retrieve(accountDocument())).toEqual([]);
  });

  it('reports a wrong type with where, what was expected and what came', () => {
    const body = accountDocument();
    body.data.attributes['reference-id'] = 5;
    expect(retrieve(body)).toEqual([
      {
        operationId: 'retrieveAccount',
        method: 'GET',
        path: '/accounts/{account-id}',
        status: 200,
        location: 'body',
        pointer: '/data/attributes/reference-id',
        message: '/data/attributes/reference-id must be string or null, got number 5',
        expected: 'string or null',
        received: 5,
        kind: 'wrong-type',
        severity: 'breaking',
        resource: 'account',
      },
    ]);
  });

  it('reports a missing required field and an unknown one', () => {
    const body = accountDocument();
    delete body.data.attributes['created-at'];
    body.data.attributes.createdAt = '2024-05-02T09:14:05.000Z';
    const violations = retrieve(body);
    expect(violations.map((v) => [v.pointer, v.message])).toEqual([
      ['/data/attributes/created-at', '/data/attributes/created-at is required'],
      [
        '/data/attributes/createdAt',
        '/data/attributes/createdAt is not allowed (did you mean created-at?)',
      ],
    ]);
  });

  it('says once what a oneOf wanted when no branch fits', () => {
    const body = accountDocument();
    body.data.relationships['account-type']!.data = 7;
    expect(retrieve(body).map((v) => v.message)).toEqual([
      '/data/relationships/account-type/data must be object or null, got number 7',
    ]);
    body.data.relationships['account-type']!.data = { type: 'account-type' };
    expect(retrieve(body).map((v) => v.message)).toEqual([
      '/data/relationships/account-type/data/id is required',
    ]);
  });

  it('reports a status the operation does not document', () => {
    expect(retrieve(accountDocument(), { status: 418 })).toEqual([
      expect.objectContaining({
        location: 'status',
        status: 418,
        received: 418,
        expected: expect.arrayContaining(['200', '404']),
        message: expect.stringMatching(/^status 418 is not documented for retrieveAccount/),
      }),
    ]);
  });

  it('reports a wrong or missing content type', () => {
    const wrong = retrieve(accountDocument(), {
      headers: { ...headers, 'Content-Type': 'text/html' },
    });
    expect(wrong).toEqual([
      expect.objectContaining({
        location: 'content-type',
        received: 'text/html',
        expected: ['application/json'],
      }),
    ]);
    const missing = retrieve(accountDocument(), { headers: { 'Request-Id': 'req_1' } });
    expect(missing.map((v) => v.location)).toEqual(['content-type']);
  });

  it('reports missing required headers and header values of the wrong type', () => {
    const violations = validateResponse({
      method: 'GET',
      path,
      status: 429,
      headers: new Headers({
        'content-type': 'application/json',
        'retry-after': 'soon',
        'ratelimit-limit': '300',
        'ratelimit-remaining': '0',
        'ratelimit-reset': '12',
      }),
      body: { errors: [{ title: 'Too many requests' }] },
    });
    expect(violations.map((v) => [v.location, v.pointer, v.message])).toEqual([
      ['header', '/Request-Id', 'Request-Id header is required'],
      ['header', '/Retry-After', 'Retry-After header must be integer, got string "soon"'],
    ]);
  });

  it('checks an error document against the error schema', () => {
    const violations = validateResponse({
      method: 'GET',
      path,
      status: 404,
      headers,
      body: { errors: [] },
    });
    expect(violations.map((v) => v.message)).toEqual(['/errors must have at least 1 item, got 0']);
  });

  it('answers a violation, not an exception, for an unknown path or method', () => {
    expect(validateResponse({ method: 'GET', path: '/nowhere', status: 200, body: {} })).toEqual([
      expect.objectContaining({
        operationId: null,
        location: 'path',
        message: 'no documented path matches /nowhere',
      }),
    ]);
    expect(validateResponse({ method: 'PUT', path, status: 200 })[0]?.message).toBe(
      `PUT is not documented for ${path} (documented: GET, DELETE, PATCH)`,
    );
  });

  describe('with Key-Inflection', () => {
    it('validates a camel or snake body as kebab-case, fields untouched', () => {
      for (const casing of ['camel', 'snake'] as const) {
        const body = inflectKeys(accountDocument(), casing);
        expect(retrieve(body, { keyInflection: casing }), casing).toEqual([]);
      }
    });

    it('reports keys not in the requested casing, and schema errors at kebab-case pointers', () => {
      const body = inflectKeys(accountDocument(), 'camel');
      (body.data.attributes as Record<string, unknown>)['reference-id'] = 'user-1042';
      delete body.data.attributes.referenceId;
      body.data.attributes.accountTypeName = 3;
      expect(retrieve(body, { keyInflection: 'camel' }).map((v) => v.message)).toEqual([
        '/data/attributes/reference-id is sent as "reference-id", not in camel case (Key-Inflection: camel)',
        '/data/attributes/account-type-name must be string, got number 3',
      ]);
    });
  });
});

describe('createSpec on another document', () => {
  const mini: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: 'mini', version: '1' },
    servers: [{ url: 'http://localhost/v2' }],
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        delete: {
          operationId: 'deleteThing',
          responses: {
            '204': { description: 'Deleted' },
            '4XX': {
              description: 'Client error',
              content: { 'application/*': { schema: { type: 'object' } } },
            },
            default: {
              description: 'Anything else',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
  const { validateResponse: check, validateRequest } = createSpec(mini);
  const call = { method: 'DELETE', path: '/v2/things/12' };

  it('rejects a body on a status documented without one', () => {
    expect(check({ ...call, status: 204 })).toEqual([]);
    expect(check({ ...call, status: 204, body: { ok: true } }).map((v) => v.location)).toEqual([
      'body',
    ]);
  });

  it('falls back to a status range, then default; media ranges match', () => {
    expect(
      check({
        ...call,
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
        body: {},
      }),
    ).toEqual([]);
    expect(
      check({ ...call, status: 409, headers: { 'content-type': 'application/json' }, body: [] })[0]
        ?.message,
    ).toBe('body must be object, got array');
    expect(
      check({ ...call, status: 503, headers: { 'content-type': 'text/plain' }, body: 'down' }),
    ).toEqual([]);
  });

  it('coerces path parameters to their schema', () => {
    expect(validateRequest(call)).toMatchObject({ pathParams: { id: '12' }, violations: [] });
    expect(
      validateRequest({ ...call, path: '/things/twelve' }).violations.map((v) => v.message),
    ).toEqual(['id must be an integer']);
  });
});
