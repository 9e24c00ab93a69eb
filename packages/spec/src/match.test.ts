import { describe, expect, it } from 'vitest';
import {
  basePath,
  expandPath,
  findOperation,
  operations,
  withBasePath,
  withoutBasePath,
} from './index.js';
import { createPathMatcher } from './match.js';
import type { Operation } from './types.js';

const ACCOUNT = 'act_68h3lHszBfNOTSPxUYT6LUvR';

describe('findOperation', () => {
  it('matches a concrete path to its template and answers the path parameters', () => {
    const found = findOperation('GET', `/accounts/${ACCOUNT}`);
    expect(found?.operation.operationId).toBe('retrieveAccount');
    expect(found?.pathParams).toEqual({ 'account-id': ACCOUNT });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(findOperation('POST', '/accounts/search')?.operation.operationId).toBe('searchAccounts');
    expect(findOperation('POST', `/accounts/${ACCOUNT}/add-tag`)?.operation.operationId).toBe(
      'addAccountTag',
    );
  });

  it('falls back to a parameter when the literal path lacks the method', () => {
    // GET /accounts/search is "the account with id search": its id then fails validation.
    expect(findOperation('GET', '/accounts/search')).toMatchObject({
      operation: { operationId: 'retrieveAccount' },
      pathParams: { 'account-id': 'search' },
    });
  });

  it('answers null for an unknown path or method, never throws', () => {
    expect(findOperation('GET', '/nothing/here')).toBeNull();
    expect(findOperation('PUT', '/accounts')).toBeNull();
    expect(findOperation('GET', `/accounts/${ACCOUNT}/nope`)).toBeNull();
    expect(findOperation('GET', '')).toBeNull();
    expect(findOperation('GET', '/accounts/%E0%A4%A')).toMatchObject({
      pathParams: { 'account-id': '%E0%A4%A' },
    });
  });

  it('accepts the base path, a full URL, a query string, a trailing slash and any method case', () => {
    expect(basePath).toBe('/api/v1');
    for (const path of [
      `/api/v1/accounts/${ACCOUNT}`,
      `https://api.withpersona.com/api/v1/accounts/${ACCOUNT}?include=account-type`,
      `/accounts/${ACCOUNT}/`,
      `/accounts/${ACCOUNT}#top`,
    ]) {
      expect(findOperation('get', path)?.operation.operationId, path).toBe('retrieveAccount');
    }
    expect(withBasePath('/accounts')).toBe('/api/v1/accounts');
    expect(withoutBasePath('/api/v1/accounts?page[size]=2')).toBe('/accounts');
  });

  it('percent-decodes path parameters', () => {
    expect(findOperation('GET', '/accounts/act%5Fx')?.pathParams).toEqual({
      'account-id': 'act_x',
    });
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))(
    'finds %s from its own template',
    (_, operation) => {
      const params = Object.fromEntries(
        operation.pathParams.map((p) => [p.name, `${p.name}-value`]),
      );
      const found = findOperation(operation.method, expandPath(operation.path, params));
      expect(found?.operation).toBe(operation);
      expect(found?.pathParams).toEqual(params);
    },
  );
});

describe('createPathMatcher', () => {
  const op = (method: string, path: string) =>
    ({ method, path, operationId: `${method} ${path}` }) as Operation;
  const matcher = createPathMatcher([
    op('GET', '/a/{id}'),
    op('GET', '/a/{id}/c'),
    op('POST', '/a/b/{x}'),
    op('GET', '/files/{name}.{ext}'),
    op('GET', '/files/{name}'),
  ]);

  it('walks literal segments first and backtracks to parameters', () => {
    expect(matcher.find('POST', '/a/b/c')?.operation.path).toBe('/a/b/{x}');
    expect(matcher.find('GET', '/a/b/c')?.operation.path).toBe('/a/{id}/c');
    expect(matcher.find('GET', '/a/b')?.pathParams).toEqual({ id: 'b' });
  });

  it('prefers a partial parameter segment over a whole one', () => {
    expect(matcher.find('GET', '/files/report.pdf')?.pathParams).toEqual({
      name: 'report',
      ext: 'pdf',
    });
    expect(matcher.find('GET', '/files/report')?.pathParams).toEqual({ name: 'report' });
  });

  it('lists the methods of the path a request matched', () => {
    expect(matcher.allowedMethods('/a/b/c')).toEqual(['POST']);
    expect(matcher.allowedMethods('/zzz')).toEqual([]);
  });
});
