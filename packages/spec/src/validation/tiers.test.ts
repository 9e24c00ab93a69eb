import { describe, expect, it } from 'vitest';
import { createSpec } from '../index.js';
import type { OpenApiDocument } from '../types.js';

// A small spec: a widget with a closed enum, an open one, and closed members.
const document = {
  openapi: '3.1.0',
  info: { title: 'widgets', version: '1' },
  servers: [{ url: 'https://example.test/api/v1' }],
  paths: {
    '/widgets/{id}': {
      get: {
        operationId: 'retrieveWidget',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'the widget',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: {
                    data: {
                      type: 'object',
                      required: ['type', 'id', 'attributes'],
                      additionalProperties: false,
                      properties: {
                        type: { const: 'widget' },
                        id: { type: 'string' },
                        attributes: {
                          type: 'object',
                          required: ['name', 'status'],
                          unevaluatedProperties: false,
                          properties: {
                            name: { type: 'string' },
                            status: { enum: ['on', 'off'] },
                            colour: { type: 'string', enum: ['red', 'blue'], 'x-open-enum': true },
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
    },
  },
} as unknown as OpenApiDocument;

const spec = createSpec(document);
const answer = (data: Record<string, unknown>, status = 200) =>
  spec.validateResponse({
    method: 'GET',
    path: '/widgets/w1',
    status,
    headers: { 'Content-Type': 'application/json' },
    body: { data },
  });
const tiers = (data: Record<string, unknown>, status?: number) =>
  answer(data, status).map((v) => [v.pointer, v.kind, v.severity, v.resource]);

describe('the two tiers of drift', () => {
  const widget = { type: 'widget', id: 'w1', attributes: { name: 'a', status: 'on' } };

  it('a missing member, a wrong type and a value outside a closed enum break', () => {
    expect(
      tiers({ ...widget, attributes: { name: 5, status: 'dimmed' } }).sort((a, b) =>
        String(a[0]).localeCompare(String(b[0])),
      ),
    ).toEqual([
      ['/data/attributes/name', 'wrong-type', 'breaking', 'widget'],
      ['/data/attributes/status', 'closed-enum', 'breaking', 'widget'],
    ]);
    expect(tiers({ ...widget, attributes: { name: 'a' } })).toEqual([
      ['/data/attributes/status', 'missing-member', 'breaking', 'widget'],
    ]);
  });

  it('an unknown attribute or member, and a new value of an open enum, are additive', () => {
    expect(
      tiers({ ...widget, attributes: { ...widget.attributes, colour: 'green', size: 3 } }),
    ).toEqual([
      ['/data/attributes/colour', 'open-enum-value', 'additive', 'widget'],
      ['/data/attributes/size', 'unknown-member', 'additive', 'widget'],
    ]);
    expect(tiers({ ...widget, links: {} })).toEqual([
      ['/data/links', 'unknown-member', 'additive', 'widget'],
    ]);
  });

  it('an undocumented status breaks', () => {
    expect(answer(widget, 500).map((v) => [v.kind, v.severity])).toEqual([
      ['undocumented-status', 'breaking'],
    ]);
  });

  it('a request outside the spec is breaking whatever its kind', () => {
    const { violations } = spec.validateRequest({ method: 'GET', path: '/gadgets' });
    expect(violations.map((v) => [v.kind, v.severity])).toEqual([
      ['undocumented-operation', 'breaking'],
    ]);
  });
});
