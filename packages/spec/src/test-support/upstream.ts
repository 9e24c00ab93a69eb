// Persona's published spec, for the tests that hold ours against it. Absent on
// a user's machine: those tests skip and say why.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export const upstreamPath = resolve(
  root,
  process.env.PERSONA_UPSTREAM_SPEC ?? '../shared/reference/persona-openapi-2025-01.yaml',
);

/** Why the upstream tests cannot run here, or null when they can. */
export const upstreamSkipReason = existsSync(upstreamPath)
  ? null
  : `Persona's published spec is not at ${upstreamPath} (set PERSONA_UPSTREAM_SPEC)`;

export function loadUpstream(): Record<string, unknown> {
  return parse(readFileSync(upstreamPath, 'utf8')) as Record<string, unknown>;
}

/** Follows local `$ref`s (`#/components/…`) in Persona's file until a value that is not one. */
export function deref(document: unknown, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return current;
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        document,
      );
  }
  throw new Error('$ref chain too long');
}
