import type { Relationship, ResourceRecord } from './types.js';

/**
 * Values an object has when nothing was set. Stored objects leave them out
 * (100,000 accounts are mostly empty personal data) and answers put them
 * back, so what a client reads is whole.
 */
export const attributeDefaults: Record<string, Record<string, unknown>> = {
  account: { 'redacted-at': null },
};

/** To-many relationships that are answered as empty lists when never filled. */
export const toManyDefaults: Record<string, string[]> = {};

/** The object with its defaults filled in (a shallow copy; the stored object is left as is). */
export function withDefaults(record: ResourceRecord): ResourceRecord {
  const defaults = defaultNames[record.type];
  const toMany = toManyDefaults[record.type];
  if (!defaults && !toMany) return record;
  const out: ResourceRecord = { type: record.type, id: record.id, attributes: record.attributes };
  if (defaults) {
    // Plain assignment in a loop: object spread of these kebab-case keys costs
    // several times more, and this runs for every object answered.
    const attributes: Record<string, unknown> = {};
    const stored = record.attributes;
    for (const name in stored) attributes[name] = stored[name];
    for (const [name, value] of defaults)
      if (attributes[name] === undefined) attributes[name] = value;
    out.attributes = attributes;
  }
  if (record.relationships || toMany) {
    const relationships: Record<string, Relationship> = {};
    const stored = record.relationships ?? {};
    for (const name in stored) relationships[name] = stored[name] as Relationship;
    for (const name of toMany ?? []) relationships[name] ??= { data: [] };
    out.relationships = relationships;
  }
  return out;
}

const defaultNames: Record<string, [string, unknown][]> = Object.fromEntries(
  Object.entries(attributeDefaults).map(([type, values]) => [type, Object.entries(values)]),
);
