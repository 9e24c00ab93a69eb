import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, PLACEHOLDER_REASON, parseAllowList, suggestRules } from './allow-list.js';
import { compareSpecs } from './compare.js';
import { runCompat } from './run.js';
import type { Json } from './schema.js';

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
        'PATCH /accounts/{account-id} response-field attributes.extra: only in our spec',
        "PATCH /accounts/{account-id} response-field attributes.behaviors: only in Persona's spec",
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
          items: ['attributes.extra'],
          reason: 'mock only',
        },
        { kind: 'method', operations: '*', items: ['GET'], reason: 'unused' },
      ],
    });
    const { classified, unused } = classify(differences, list);
    const allowed = classified.filter((c) => c.rule).map((c) => c.difference.item);
    expect(allowed.sort()).toEqual(['503', 'attributes.extra']);
    expect(unused.map((r) => r.reason)).toEqual(['unused']);
  });

  it('rejects a malformed allow list', () => {
    expect(() =>
      parseAllowList({ allowed: [{ kind: 'status', operations: '*', items: ['1'] }] }),
    ).toThrow(/reason is required/);
    expect(() => parseAllowList({})).toThrow(/"allowed" array/);
  });
});

describe('compareSpecs with keywords beside a $ref', () => {
  // A create body whose `data.attributes` is the given schema.
  const data = { type: 'object', required: ['attributes'], properties: {} as Json };
  const create = (attributes: Json) => ({
    paths: {
      '/webhooks': {
        post: {
          operationId: 'createWebhook',
          requestBody: {
            content: {
              'application/json': {
                schema: { properties: { data: { ...data, properties: { attributes } } } },
              },
            },
          },
          responses: { '201': { description: 'Created' } },
        },
      },
    },
    components: { schemas: { hook: { type: 'object', properties: { url: { type: 'string' } } } } },
  });

  it('reads a required list written beside the $ref', () => {
    const ref = { $ref: '#/components/schemas/hook' };
    const beside = { $ref: '#/components/schemas/hook', required: ['url'] };
    const required = (a: Json, b: Json) =>
      compareSpecs(create(a), create(b)).differences.filter((d) => d.kind === 'request-field');
    expect(required(beside, beside)).toEqual([]);
    expect(required(beside, ref).map((d) => d.text)).toEqual([
      'POST /webhooks request-field data.attributes.url: required only in our spec',
    ]);
  });
});

describe('compareSpecs in depth', () => {
  const inquiry = (
    attributes: Record<string, unknown>,
    required: string[],
    relationships = {},
  ) => ({
    paths: {
      '/inquiries/{inquiry-id}': {
        get: {
          operationId: 'retrieveInquiry',
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: {
                        type: 'object',
                        properties: {
                          type: { const: 'inquiry' },
                          attributes: { type: 'object', required, properties: attributes },
                          relationships: { type: 'object', properties: relationships },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  const ourSpec = inquiry(
    {
      status: { enum: ['created', 'completed', 'archived'] },
      creator: { type: ['string', 'null'] },
      behaviors: {
        type: 'object',
        properties: { 'api-version': { type: 'string' }, 'hesitation-count': { type: 'integer' } },
      },
      fields: { type: 'object', properties: { mine: { type: 'string' } } },
    },
    ['status', 'creator'],
    { 'inquiry-template': { type: 'object' } },
  );
  const theirSpec = inquiry(
    {
      status: { type: 'string', enum: ['created', 'completed', 'pending'] },
      creator: { type: 'string' },
      behaviors: {
        type: 'object',
        properties: { 'api-version': { type: 'number' }, 'bot-score': { type: 'number' } },
      },
      fields: { type: 'object', properties: { theirs: { type: 'string' } } },
    },
    ['status'],
    { template: { type: 'object' } },
  );
  const { differences } = compareSpecs(ourSpec, theirSpec);
  const keys = differences.map((d) => d.key);

  it('compares nested attributes, types, nullability, enums, required members and relationships', () => {
    const op = 'GET /inquiries/{inquiry-id}';
    expect(keys).toEqual(
      expect.arrayContaining([
        `${op} response-field only-ours attributes.behaviors.hesitation-count`,
        `${op} response-field only-upstream attributes.behaviors.bot-score`,
        `${op} response-type both-differ attributes.behaviors.api-version`,
        `${op} response-nullable only-ours attributes.creator`,
        `${op} response-required only-ours attributes.creator`,
        `${op} response-enum only-ours attributes.status=archived`,
        `${op} response-enum only-upstream attributes.status=pending`,
        `${op} response-field only-ours relationships.inquiry-template`,
        `${op} response-field only-upstream relationships.template`,
      ]),
    );
    // Custom fields are each organization's own; a status both spell alike is not news.
    expect(keys.some((k) => k.includes('attributes.fields.'))).toBe(false);
    expect(keys.some((k) => k.includes('attributes.status '))).toBe(false);
  });

  it('gives each difference a key that does not depend on its wording', () => {
    expect(new Set(keys).size).toBe(keys.length);
    expect(compareSpecs(ourSpec, theirSpec).differences.map((d) => d.key)).toEqual(keys);
  });

  it('suggests rules to paste, whose placeholder reason fails until someone writes one', () => {
    const rules = suggestRules(differences);
    const enumRule = rules.find((r) => r.kind === 'response-enum' && r.side === 'only-upstream');
    expect(enumRule).toMatchObject({
      operations: ['GET /inquiries/{inquiry-id}'],
      items: ['attributes.status=pending'],
      reason: PLACEHOLDER_REASON,
    });
    expect(() => parseAllowList({ allowed: rules })).toThrow(/reason is still a placeholder/);
    const written = rules.map((r) => ({ ...r, reason: 'kept on purpose' }));
    const { classified } = classify(differences, parseAllowList({ allowed: written }));
    expect(classified.every((c) => c.rule !== null)).toBe(true);
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
      // Ready to paste: a rule per kind, side and operation, with a placeholder reason.
      expect(result.report).toContain('"reason": "TODO: say why we keep this difference"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
