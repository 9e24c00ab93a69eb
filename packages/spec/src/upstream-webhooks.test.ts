// Our webhooks against Persona's published file: every event name we describe
// is one Persona names, and Persona's own example bodies pass our schemas.
import { describe, expect, it } from 'vitest';
import { document, spec } from './index.js';
import { deref, loadUpstream, upstreamSkipReason } from './test-support/upstream.js';
import { webhookSchemaPointer } from './validation/webhook.js';

if (upstreamSkipReason) console.warn(`⚠ upstream webhooks test skipped: ${upstreamSkipReason}`);

/** Names Persona's current documentation gives that the published file predates. */
const documentedLater = ['inquiry.started'];

const ours = Object.keys((document as { webhooks?: Record<string, unknown> }).webhooks ?? {});

type Node = Record<string, unknown>;
const at = (node: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((n, k) => (n as Node | undefined)?.[k], node);

/** Every event name Persona's file gives: its webhooks, the events a webhook may enable, the event schema's examples. */
function upstreamEventNames(upstream: Node): Set<string> {
  const schemas = at(upstream, 'components', 'schemas');
  const enabled = at(
    schemas,
    'webhook-request-attributes',
    'properties',
    'enabled-events',
    'items',
    'enum',
  );
  const examples = at(
    schemas,
    'event',
    'properties',
    'attributes',
    'properties',
    'name',
    'examples',
  );
  return new Set([
    ...Object.keys((upstream.webhooks as Node | undefined) ?? {}),
    ...((enabled as string[] | undefined) ?? []),
    ...((examples as string[] | undefined) ?? []),
  ]);
}

describe.skipIf(upstreamSkipReason !== null)("Persona's published webhooks", () => {
  const upstream = upstreamSkipReason ? {} : loadUpstream();

  it('name every event our spec describes, but for those Persona documented later', () => {
    const names = upstreamEventNames(upstream);
    expect(names.size).toBeGreaterThan(20);
    expect(ours.filter((name) => !names.has(name))).toEqual([...documentedLater]);
  });

  it('send example bodies that our schemas accept', () => {
    const webhooks = (upstream.webhooks as Node | undefined) ?? {};
    const checked: string[] = [];
    const failures: string[] = [];
    for (const name of ours) {
      const media = deref(
        upstream,
        at(deref(upstream, webhooks[name]), 'post', 'requestBody', 'content', 'application/json'),
      );
      for (const [label, raw] of Object.entries(
        (at(media, 'examples') as Node | undefined) ?? {},
      )) {
        const example = deref(upstream, raw) as { value?: unknown };
        const validate = spec.schemaValidator(webhookSchemaPointer(name));
        checked.push(`${name} ${label}`);
        if (!validate(example.value)) {
          const errors = (validate.errors ?? []).map((e) => `    ${e.instancePath} ${e.message}`);
          failures.push(`${name} ${label}\n${errors.join('\n')}`);
        }
      }
    }
    console.log(
      `${checked.length - failures.length} of ${checked.length} Persona webhook examples validate`,
    );
    // Persona's file has examples for its account and inquiry webhooks.
    expect(checked.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
