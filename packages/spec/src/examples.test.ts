// Every example in the bundle is a document the API could send or receive:
// it validates against its schema, and as a response, in every key inflection.
import { describe, expect, it } from 'vitest';
import { document, expandPath, inflectKeys, operations, spec, validateResponse } from './index.js';
import { getByPointer, joinPointer, resolveRef } from './pointer.js';
import type { MediaTypeObject } from './types.js';

interface Example {
  name: string;
  operationId: string;
  method: string;
  path: string;
  status: number | null;
  contentType: string;
  schemaPointer: string;
  value: unknown;
}

function examplesOf(media: MediaTypeObject): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  if ('example' in media) out.push(['example', media.example]);
  for (const [name, raw] of Object.entries(media.examples ?? {})) {
    const example = resolveRef<{ value?: unknown }>(document, raw, '').value;
    if ('value' in example) out.push([name, example.value]);
  }
  return out;
}

const examples: Example[] = [];
// Error responses are shared components: each of their examples is checked once.
const seen = new Set<string>();
for (const operation of operations) {
  const path = expandPath(
    operation.path,
    Object.fromEntries(operation.pathParams.map((p) => [p.name, `${p.name}-value`])),
  );
  const parts: Array<{ pointer: string; status: number | null }> = [
    ...(operation.requestBody ? [{ pointer: operation.requestBody.pointer, status: null }] : []),
    ...Object.values(operation.responses).map((r) => ({
      pointer: r.pointer,
      status: Number(r.status),
    })),
  ];
  for (const part of parts) {
    const content = (
      getByPointer(document, part.pointer) as { content?: Record<string, MediaTypeObject> }
    ).content;
    for (const [contentType, media] of Object.entries(content ?? {})) {
      if (media.schema === undefined) continue;
      for (const [name, value] of examplesOf(media)) {
        const schemaPointer = joinPointer(part.pointer, 'content', contentType, 'schema');
        if (seen.has(`${schemaPointer} ${name}`)) continue;
        seen.add(`${schemaPointer} ${name}`);
        examples.push({
          name: `${operation.operationId} ${part.status ?? 'request'} ${contentType} ${name}`,
          operationId: operation.operationId,
          method: operation.method,
          path,
          status: part.status,
          contentType,
          schemaPointer,
          value,
        });
      }
    }
  }
}

describe('examples in the spec', () => {
  it('exist for requests and responses', () => {
    expect(examples.filter((e) => e.status === null).length).toBeGreaterThan(0);
    expect(examples.filter((e) => e.status !== null).length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s validates against its schema',
    (_, example) => {
      const validate = spec.schemaValidator(example.schemaPointer);
      const valid = validate(example.value);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  const responses = examples.filter(
    (e) => e.status !== null && e.contentType === 'application/json',
  );
  it.each(responses.map((e) => [e.name, e] as const))(
    '%s is a valid response in every key inflection',
    (_, example) => {
      const operation = spec.getOperation(example.operationId)!;
      const headers = Object.fromEntries(
        Object.keys(operation.responses[String(example.status)]!.headers).map((name) => [
          name,
          '1',
        ]),
      );
      for (const casing of ['kebab', 'camel', 'snake'] as const) {
        const violations = validateResponse({
          method: example.method,
          path: example.path,
          status: example.status!,
          headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
          body: inflectKeys(example.value, casing),
          keyInflection: casing,
        });
        expect(violations, casing).toEqual([]);
      }
    },
  );
});
