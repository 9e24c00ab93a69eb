import { describe, expect, it } from 'vitest';
import { createSpec, document, operations, spec } from '../index.js';
import { escapePointerSegment, getByPointer, joinPointer } from '../pointer.js';
import type { OpenApiDocument } from '../types.js';

/** Every schema an operation can be validated against, by JSON pointer. */
function schemaPointers(): string[] {
  const pointers = new Set<string>();
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    pointers.add(joinPointer('', 'components', 'schemas', name));
  }
  for (const operation of operations) {
    for (const param of [
      ...operation.pathParams,
      ...operation.queryParams,
      ...operation.headerParams,
    ]) {
      if (param.schemaPointer) pointers.add(param.schemaPointer);
    }
    const parts = [
      operation.requestBody?.pointer,
      ...Object.values(operation.responses).map((r) => r.pointer),
    ];
    for (const part of parts) {
      if (!part) continue;
      const object = getByPointer(document, part) as {
        content?: Record<string, { schema?: unknown }>;
        headers?: Record<string, unknown>;
      };
      for (const [type, media] of Object.entries(object.content ?? {})) {
        if (media.schema !== undefined)
          pointers.add(`${part}/content/${escapePointerSegment(type)}/schema`);
      }
    }
  }
  return [...pointers];
}

describe('Ajv', () => {
  it('compiles every schema of the spec in strict mode', () => {
    const failures: string[] = [];
    const pointers = schemaPointers();
    for (const pointer of pointers) {
      try {
        spec.schemaValidator(pointer);
      } catch (error) {
        failures.push(`${pointer}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(pointers.length).toBeGreaterThan(100);
  });

  it('accepts OpenAPI keywords and rejects a misspelt one', () => {
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Annotated: {
            type: 'object',
            example: { a: 1 },
            xml: { name: 'a' },
            externalDocs: { url: 'https://example.com' },
            discriminator: { propertyName: 'type' },
            'x-internal': true,
          },
          Typo: { type: 'object', additionalProperites: false },
        },
      },
    };
    const { schemaValidator } = createSpec(doc);
    expect(schemaValidator('/components/schemas/Annotated')({})).toBe(true);
    expect(() => schemaValidator('/components/schemas/Typo')).toThrow(
      /unknown keyword: "additionalProperites"/,
    );
    expect(() => schemaValidator('/components/schemas/Missing')).toThrow(/no schema at/);
  });
});
