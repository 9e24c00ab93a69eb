// Persona's own payloads against our spec: every 2xx response example in
// Persona's published file, for an operation our spec also describes, must
// pass our response validator (the one the mock and the contract kit use).
import { describe, expect, it } from 'vitest';
import { expandPath, operations, validateResponse } from './index.js';
import { deref, loadUpstream, upstreamSkipReason as skipReason } from './test-support/upstream.js';
import type { Operation } from './types.js';

if (skipReason) console.warn(`⚠ upstream examples test skipped: ${skipReason}`);

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface UpstreamExample {
  name: string;
  operation: Operation;
  status: number;
  value: unknown;
}

/** `/accounts/{account-id}/tag` → `/accounts/{}/tag`: paths compared by shape, not parameter names. */
function shapeOf(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function collectExamples(upstream: Record<string, unknown>): UpstreamExample[] {
  const ours = new Map(operations.map((o) => [`${o.method.toLowerCase()} ${shapeOf(o.path)}`, o]));
  const paths = (upstream.paths ?? {}) as Record<string, Record<string, unknown>>;
  const found: UpstreamExample[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(upstream, rawItem) as Record<string, unknown>;
    for (const method of methods) {
      const operation = ours.get(`${method} ${shapeOf(path)}`);
      const upstreamOperation = item[method] as { responses?: Record<string, unknown> } | undefined;
      if (!operation || !upstreamOperation) continue;
      for (const [status, rawResponse] of Object.entries(upstreamOperation.responses ?? {})) {
        if (!/^2\d\d$/.test(status)) continue;
        const response = deref(upstream, rawResponse) as { content?: Record<string, unknown> };
        for (const [contentType, rawMedia] of Object.entries(response.content ?? {})) {
          const media = deref(upstream, rawMedia) as {
            example?: unknown;
            examples?: Record<string, unknown>;
          };
          const label = `${method.toUpperCase()} ${operation.path} ${status} ${contentType}`;
          if ('example' in media) {
            found.push({ name: label, operation, status: Number(status), value: media.example });
          }
          for (const [name, rawExample] of Object.entries(media.examples ?? {})) {
            const example = deref(upstream, rawExample) as { value?: unknown };
            if (!('value' in example)) continue;
            found.push({
              name: `${label} ${name}`,
              operation,
              status: Number(status),
              value: example.value,
            });
          }
        }
      }
    }
  }
  return found;
}

/** The violations our validator reports for one of Persona's examples, as readable lines. */
function problemsOf(example: UpstreamExample): string[] {
  const { operation, status } = example;
  const documented = operation.responses[String(status)];
  // Examples carry no headers: every documented header gets a value of the right kind.
  const headers = Object.fromEntries(Object.keys(documented?.headers ?? {}).map((h) => [h, '1']));
  const path = expandPath(
    operation.path,
    Object.fromEntries(operation.pathParams.map((p) => [p.name, `${p.name}-value`])),
  );
  return validateResponse({
    method: operation.method,
    path,
    operationId: operation.operationId,
    status,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: example.value,
  }).map((v) => `${v.location} ${v.pointer || '/'}: ${v.message}`);
}

describe.skipIf(skipReason !== null)("Persona's published response examples", () => {
  it('all validate against our spec', () => {
    const upstream = loadUpstream();
    const examples = collectExamples(upstream);
    const failures = examples
      .map((example) => ({ example, problems: problemsOf(example) }))
      .filter((f) => f.problems.length > 0);

    console.log(
      `${examples.length - failures.length} of ${examples.length} Persona examples validate`,
    );
    for (const { example, problems } of failures) {
      console.log(`✗ ${example.name}\n${problems.map((p) => `    ${p}`).join('\n')}`);
    }

    // A stable floor: the comparison must keep finding Persona's examples.
    expect(examples.length).toBeGreaterThan(40);
    expect(failures.map((f) => ({ example: f.example.name, problems: f.problems }))).toEqual([]);
  });
});
