// Every event name the mock may record is one Persona sends: read from
// Persona's published API description when it is here, skipped (saying why)
// when it is not, as on a user's machine.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { eventNames, namesOutsidePublishedSpec } from './event-names.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const published = resolve(
  root,
  process.env.PERSONA_UPSTREAM_SPEC ?? '../shared/reference/persona-openapi-2025-01.yaml',
);
const skipReason = existsSync(published)
  ? null
  : `Persona's published spec is not at ${published} (set PERSONA_UPSTREAM_SPEC)`;
if (skipReason) console.warn(`⚠ mock event names test skipped: ${skipReason}`);

/** The names Persona's file gives: its webhooks, the events a webhook may enable, the event's examples. */
function publishedNames(): Set<string> {
  const spec = parse(readFileSync(published, 'utf8'));
  const schemas = spec.components?.schemas ?? {};
  return new Set<string>([
    ...Object.keys(spec.webhooks ?? {}),
    ...(schemas['webhook-request-attributes']?.properties?.['enabled-events']?.items?.enum ?? []),
    ...(schemas.event?.properties?.attributes?.properties?.name?.examples ?? []),
  ]);
}

describe.skipIf(skipReason !== null)("the mock's event names", () => {
  const names = skipReason ? new Set<string>() : publishedNames();

  it("are all in Persona's published file, but for the few its later documentation added", () => {
    expect(names.size).toBeGreaterThan(20);
    const outside = eventNames.filter((name) => !names.has(name));
    expect(outside).toEqual([...namesOutsidePublishedSpec]);
  });
});

describe('the list of event names', () => {
  it('has no name twice', () => {
    expect(new Set(eventNames).size).toBe(eventNames.length);
  });
});
