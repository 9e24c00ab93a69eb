import { describe, expect, it } from 'vitest';
import { validateRequest } from '../index.js';

const ACCOUNT = 'act_68h3lHszBfNOTSPxUYT6LUvR';
const json = { 'Content-Type': 'application/json' };
const messages = (result: ReturnType<typeof validateRequest>) =>
  result.violations.map((v) => v.message);

describe('validateRequest', () => {
  it('passes a valid request and answers the operation, path and query parameters', () => {
    const result = validateRequest({
      method: 'GET',
      path: `/api/v1/accounts/${ACCOUNT}`,
      query: 'include=account-type&fields[account]=reference-id,tags',
      headers: { 'Key-Inflection': 'camel', 'Persona-Version': '2023-01-05' },
    });
    expect(result.violations).toEqual([]);
    expect(result.operation?.operationId).toBe('retrieveAccount');
    expect(result.pathParams).toEqual({ 'account-id': ACCOUNT });
    // A sparse fieldset stays one comma-separated string, as its schema says.
    expect(result.query).toEqual({
      include: 'account-type',
      fields: { account: 'reference-id,tags' },
    });
  });

  it('reads deepObject parameters and coerces their scalars to the schema types', () => {
    const result = validateRequest({
      method: 'GET',
      path: '/accounts',
      query: new URLSearchParams('page[size]=5&page[after]=act_x&filter[reference-id]=user-1042'),
    });
    expect(result.violations).toEqual([]);
    expect(result.query).toEqual({
      page: { size: 5, after: 'act_x' },
      filter: { 'reference-id': 'user-1042' },
    });
  });

  it('reads the query from the path when none is given', () => {
    expect(validateRequest({ method: 'GET', path: '/accounts?page%5Bsize%5D=5' }).query).toEqual({
      page: { size: 5 },
    });
  });

  it('reports bad deepObject members: wrong type, out of range, unknown to a closed object', () => {
    const result = validateRequest({
      method: 'GET',
      path: '/accounts',
      query: 'page[size]=ten&filter[referenceId]=user-1042&filter[reference-id]=',
    });
    expect(result.violations.map((v) => [v.location, v.pointer, v.message])).toEqual([
      ['query', '/page/size', 'page[size] must be an integer'],
      [
        'query',
        '/filter/referenceId',
        'filter[referenceId] is not allowed (did you mean reference-id?)',
      ],
      ['query', '/filter/reference-id', 'filter[reference-id] must have at least 1 character'],
    ]);
    expect(
      messages(validateRequest({ method: 'GET', path: '/accounts', query: 'page[size]=500' })),
    ).toEqual(['page[size] must be <= 100']);
    expect(
      messages(validateRequest({ method: 'GET', path: '/accounts', query: 'page=5' })),
    ).toEqual(['page must be an object']);
  });

  it('reports a path id that does not match its pattern', () => {
    const result = validateRequest({
      method: 'GET',
      path: '/accounts/inq_68h3lHszBfNOTSPxUYT6LUvR',
    });
    expect(result.operation?.operationId).toBe('retrieveAccount');
    expect(result.violations).toEqual([
      expect.objectContaining({
        location: 'path',
        pointer: '/account-id',
        message: 'account-id must match ^act_[a-zA-Z0-9]{24,28}$',
        received: 'inq_68h3lHszBfNOTSPxUYT6LUvR',
      }),
    ]);
  });

  it('reports header values outside their schema', () => {
    const result = validateRequest({
      method: 'GET',
      path: `/accounts/${ACCOUNT}`,
      headers: new Headers({ 'key-inflection': 'upper', 'persona-version': 'latest' }),
    });
    expect(result.violations.map((v) => [v.location, v.message])).toEqual([
      ['header', 'Key-Inflection must be one of "kebab", "camel" or "snake"'],
      ['header', 'Persona-Version must match ^\\d{4}-\\d{2}-\\d{2}$'],
    ]);
  });

  it('names body fields the way JSON:API clients read them, and keeps the pointer', () => {
    const result = validateRequest({
      method: 'POST',
      path: '/accounts',
      headers: json,
      body: { data: { attributes: { referenceId: 'user-1042', 'name-first': 7 } } },
    });
    expect(result.violations.map((v) => [v.location, v.pointer, v.message])).toEqual([
      [
        'body',
        '/data/attributes/referenceId',
        'data.attributes.referenceId is not allowed (did you mean reference-id?)',
      ],
      ['body', '/data/attributes/name-first', 'data.attributes.name-first must be a string'],
    ]);
  });

  it('accepts a valid body, and reports a missing one or a wrong content type', () => {
    const body = { data: { attributes: { 'reference-id': 'user-1042' } } };
    expect(
      validateRequest({ method: 'POST', path: '/accounts', headers: json, body }).violations,
    ).toEqual([]);
    expect(messages(validateRequest({ method: 'POST', path: '/accounts', headers: json }))).toEqual(
      ['body is required'],
    );
    expect(
      validateRequest({ method: 'POST', path: '/accounts', body, contentType: 'text/plain' })
        .violations,
    ).toEqual([expect.objectContaining({ location: 'content-type', received: 'text/plain' })]);
    expect(messages(validateRequest({ method: 'POST', path: '/accounts', body }))).toEqual([
      'Content-Type is required (use application/json)',
    ]);
  });

  it('reads a multipart body from FormData', () => {
    const form = new FormData();
    form.append(
      'data[attributes][file]',
      new Blob(['reference_id\nu-1\n'], { type: 'text/csv' }),
      'accounts.csv',
    );
    form.append('data[attributes][mode]', 'upsert');
    const request = {
      method: 'POST',
      path: '/importer/accounts',
      contentType: 'multipart/form-data; boundary=x',
    };
    expect(validateRequest({ ...request, body: form }).violations).toEqual([]);
    const empty = new FormData();
    empty.append('data[attributes][mode]', 'upsert');
    expect(messages(validateRequest({ ...request, body: empty }))).toEqual([
      'data[attributes][file] is required',
    ]);
  });

  it('answers a violation and no operation for an unknown path, never throws', () => {
    const result = validateRequest({ method: 'GET', path: '/accounts/act_1/unknown' });
    expect(result).toMatchObject({ operation: null, pathParams: {}, query: {} });
    expect(result.violations).toEqual([
      expect.objectContaining({
        operationId: null,
        location: 'path',
        message: 'no documented path matches /accounts/act_1/unknown',
      }),
    ]);
  });
});
