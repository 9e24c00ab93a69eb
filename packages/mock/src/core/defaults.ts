import type { ResourceRecord } from './types.js';

/**
 * Values an object has when nothing was set. Stored objects leave them out
 * (100,000 accounts are mostly empty personal data) and answers put them
 * back, so what a client reads is whole.
 */
export const attributeDefaults: Record<string, Record<string, unknown>> = {
  account: {
    'redacted-at': null,
    'name-first': null,
    'name-middle': null,
    'name-last': null,
    birthdate: null,
    'address-street-1': null,
    'address-street-2': null,
    'address-city': null,
    'address-subdivision': null,
    'address-postal-code': null,
    'country-code': null,
    'phone-number': null,
    'email-address': null,
    'social-security-number': null,
    'identification-numbers': null,
    'selfie-photo': null,
  },
};

/** To-many relationships that are answered as empty lists when never filled. */
export const toManyDefaults: Record<string, string[]> = {
  account: ['inquiries', 'reports', 'cases'],
};

/** The object with its defaults filled in (a shallow copy; the stored object is left as is). */
export function withDefaults(record: ResourceRecord): ResourceRecord {
  const attributes = attributeDefaults[record.type];
  const toMany = toManyDefaults[record.type];
  if (!attributes && !toMany) return record;
  const out: ResourceRecord = { type: record.type, id: record.id, attributes: record.attributes };
  if (attributes) out.attributes = { ...record.attributes, ...fill(attributes, record.attributes) };
  if (record.relationships || toMany) {
    const relationships = { ...record.relationships };
    for (const name of toMany ?? []) relationships[name] ??= { data: [] };
    out.relationships = relationships;
  }
  return out;
}

function fill(
  defaults: Record<string, unknown>,
  actual: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(defaults)) if (!(name in actual)) out[name] = value;
  return out;
}
