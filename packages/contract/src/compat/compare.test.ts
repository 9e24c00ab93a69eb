import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, parseAllowList } from './allow-list.js';
import { compareSpecs } from './compare.js';
import { runCompat } from './run.js';

const account = (attributes: Record<string, unknown>) => ({
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        type: { const: 'account' },
        attributes: { type: 'object', properties: attributes },
      },
    },
  },
});

const ours = {
  paths: {
    '/accounts/{account-id}': {
      parameters: [{ name: 'account-id', in: 'path', required: true }],
      patch: {
        operationId: 'updateAccount',
        parameters: [
          { name: 'Key-Inflection', in: 'header' },
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            schema: { type: 'object', properties: { status: { type: 'string' } } },
          },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['data'],
                properties: { data: { $ref: '#/components/schemas/Update' } },
              },
            },
          },
        },
        responses: {
          '200': { content: { 'application/json': { schema: account({ tags: {}, extra: {} }) } } },
          '404': {},
        },
      },
    },
    '/account-types': { get: { operationId: 'listAccountTypes', responses: { '200': {} } } },
  },
  components: {
    schemas: {
      Update: { type: 'object', required: ['attributes'], properties: { attributes: {} } },
    },
  },
};

const upstream = {
  paths: {
    '/accounts/{id}': {
      patch: {
        parameters: [
          { name: 'id', in: 'path', required: true },
          { name: 'key-inflection', in: 'header' },
          { name: 'include', in: 'query' },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: { allOf: [{ type: 'object', properties: { data: { type: 'object' } } }] },
            },
          },
        },
        responses: {
          '200': {
            content: { 'application/json': { schema: account({ tags: {}, behaviors: {} }) } },
          },
          '404': {},
          '503': {},
        },
      },
      put: { responses: {} },
    },
  },
};

describe('compareSpecs', () => {
  const { compared, onlyOurs, differences } = compareSpecs(ours, upstream);
  const texts = differences.map((d) => d.text);

  it('matches operations by method and path, whatever the parameters are called', () => {
    expect(compared).toEqual(['PATCH /accounts/{account-id}']);
    expect(onlyOurs).toEqual(['GET /account-types']);
    expect(texts).toContain(
      "PATCH /accounts/{account-id} path /accounts/{account-id}: Persona's spec writes /accounts/{id}",
    );
  });

  it('reports parameters, filter members, required fields, statuses and attributes', () => {
    expect(texts).toEqual(
      expect.arrayContaining([
        'PATCH /accounts/{account-id} parameter path:account-id: only in our spec',
        "PATCH /accounts/{account-id} parameter path:id: only in Persona's spec",
        'PATCH /accounts/{account-id} parameter query:filter[status]: only in our spec',
        "PATCH /accounts/{account-id} parameter query:include: only in Persona's spec",
        'PATCH /accounts/{account-id} request-field data: required only in our spec',
        'PATCH /accounts/{account-id} request-field data.attributes: required only in our spec',
        "PATCH /accounts/{account-id} status 503: only in Persona's spec",
        'PATCH /accounts/{account-id} response-field extra: only in our spec',
        "PATCH /accounts/{account-id} response-field behaviors: only in Persona's spec",
      ]),
    );
    // Header names compare without case.
    expect(texts.some((t) => t.includes('header:'))).toBe(false);
  });

  it('classifies each difference by the allow list, and finds unused rules', () => {
    const list = parseAllowList({
      allowed: [
        { kind: 'status', operations: '*', items: ['5*'], reason: 'outages' },
        {
          kind: 'response-field',
          side: 'only-ours',
          operations: ['PATCH /accounts/{account-id}'],
          items: ['extra'],
          reason: 'mock only',
        },
        { kind: 'method', operations: '*', items: ['GET'], reason: 'unused' },
      ],
    });
    const { classified, unused } = classify(differences, list);
    const allowed = classified.filter((c) => c.rule).map((c) => c.difference.item);
    expect(allowed.sort()).toEqual(['503', 'extra']);
    expect(unused.map((r) => r.reason)).toEqual(['unused']);
  });

  it('rejects a malformed allow list', () => {
    expect(() =>
      parseAllowList({ allowed: [{ kind: 'status', operations: '*', items: ['1'] }] }),
    ).toThrow(/reason is required/);
    expect(() => parseAllowList({})).toThrow(/"allowed" array/);
  });
});

describe('runCompat', () => {
  it('skips, saying so, when the upstream file is absent', async () => {
    const result = await runCompat({
      ours,
      upstreamPath: '/nowhere/persona.yaml',
      allowListPath: '/nowhere/allow.json',
    });
    expect(result).toMatchObject({ skipped: true, exitCode: 0 });
    expect(result.report).toContain('SKIPPED');
  });

  it('exits 1 on a difference no rule allows, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compat-'));
    try {
      await writeFile(join(dir, 'upstream.json'), JSON.stringify(upstream));
      await writeFile(join(dir, 'allow.json'), JSON.stringify({ allowed: [] }));
      const result = await runCompat({
        ours,
        upstreamPath: join(dir, 'upstream.json'),
        allowListPath: join(dir, 'allow.json'),
      });
      expect(result.exitCode).toBe(1);
      expect(result.report).toContain('NOT ALLOWED');
      expect(result.report).toContain(
        "PATCH /accounts/{account-id} status 503: only in Persona's spec",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
