import { describe, expect, it } from 'vitest';
import { document, getOperation, operations } from './index.js';

describe('operations', () => {
  const tags = new Set((document.tags ?? []).map((t) => t.name));

  it('index every operation of the spec', () => {
    const count = Object.values(document.paths).reduce(
      (n, item) =>
        n +
        Object.keys(item).filter(
          (k) => k !== 'parameters' && k !== 'summary' && k !== 'description',
        ).length,
      0,
    );
    expect(operations.length).toBe(count);
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))(
    '%s has an operationId, a summary, a known tag, and documents 400, 401 and 429',
    (_, operation) => {
      const raw = document.paths[operation.path]?.[operation.method.toLowerCase() as 'get'];
      expect(raw?.operationId, 'operationId').toMatch(/^[a-z][a-zA-Z]+$/);
      expect(operation.summary, 'summary').not.toBe('');
      expect(operation.tags.length, 'tags').toBeGreaterThan(0);
      for (const tag of operation.tags)
        expect(tags, `tag ${tag} is declared at the root`).toContain(tag);
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '429']),
      );
    },
  );

  it('have unique operationIds', () => {
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describe parameters, bodies and responses', () => {
    const retrieve = getOperation('retrieveAccount')!;
    expect(retrieve).toMatchObject({
      method: 'GET',
      path: '/accounts/{account-id}',
      tags: ['Accounts'],
    });
    expect(retrieve.pathParams).toEqual([
      expect.objectContaining({ name: 'account-id', in: 'path', required: true, style: 'simple' }),
    ]);
    expect(retrieve.headerParams.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Key-Inflection', 'Idempotency-Key', 'Persona-Version']),
    );
    expect(retrieve.requestBody).toBeNull();
    expect(retrieve.responses['200']).toMatchObject({
      contentTypes: ['application/json'],
      hasSchema: true,
      headers: { 'Request-Id': true },
    });
    expect(retrieve.responses['429']?.headers).toMatchObject({ 'Retry-After': true });

    const list = getOperation('listAccounts')!;
    expect(list.queryParams.find((p) => p.name === 'page')).toMatchObject({
      style: 'deepObject',
      required: false,
    });

    expect(getOperation('createAccount')?.requestBody).toMatchObject({
      required: true,
      contentTypes: ['application/json'],
    });
    expect(getOperation('importAccounts')?.requestBody?.contentTypes).toEqual([
      'multipart/form-data',
    ]);
    expect(getOperation('noSuchOperation')).toBeUndefined();
  });
});
