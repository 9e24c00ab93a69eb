import { withDefaults } from '../core/defaults.js';
import type { ResourceRecord } from '../core/types.js';

export interface SerializeOptions {
  /** Relationship paths to return in full under `included` (`include=account-type`). */
  include: string[];
  /** Sparse fieldsets: attribute names to keep, by object type. */
  fields: Record<string, string[]>;
  /** Finds an object named by a relationship; undefined when it is gone. */
  resolve: (type: string, id: string) => ResourceRecord | undefined;
}

/** One object as answered: defaults filled in, trimmed to the requested sparse fieldset. */
export function present(stored: ResourceRecord, fields: Record<string, string[]>): ResourceRecord {
  const record = withDefaults(expandEvent(stored));
  const wanted = fields[record.type];
  const attributes = wanted ? pick(record.attributes, wanted) : record.attributes;
  const out: ResourceRecord = { type: record.type, id: record.id, attributes };
  if (record.relationships) {
    out.relationships = wanted ? pick(record.relationships, wanted) : record.relationships;
    if (wanted && Object.keys(out.relationships).length === 0) delete out.relationships;
  }
  return out;
}

/** Objects named by the `include` paths of every primary object, once each. */
export function collectIncluded(
  primary: ResourceRecord[],
  options: SerializeOptions,
): ResourceRecord[] {
  if (options.include.length === 0) return [];
  const seen = new Set(primary.map((r) => `${r.type}:${r.id}`));
  const included: ResourceRecord[] = [];
  for (const path of options.include) {
    let level = primary;
    for (const name of path.split('.')) {
      const next: ResourceRecord[] = [];
      for (const record of level) {
        const rel = record.relationships?.[name];
        if (!rel) continue;
        const linkages = Array.isArray(rel.data) ? rel.data : rel.data ? [rel.data] : [];
        for (const linkage of linkages) {
          const target = options.resolve(linkage.type, linkage.id);
          if (!target) continue;
          next.push(target);
          const key = `${target.type}:${target.id}`;
          if (!seen.has(key)) {
            seen.add(key);
            included.push(present(target, options.fields));
          }
        }
      }
      level = next;
    }
  }
  return included;
}

function pick<T>(source: Record<string, T>, keys: string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of keys) if (Object.hasOwn(source, key)) out[key] = source[key] as T;
  return out;
}

/** An event's payload holds the object as stored: answer it whole, like the object itself. */
function expandEvent(record: ResourceRecord): ResourceRecord {
  if (record.type !== 'event') return record;
  const payload = record.attributes.payload as { data?: ResourceRecord } | undefined;
  if (!payload?.data?.type) return record;
  return {
    ...record,
    attributes: { ...record.attributes, payload: { ...payload, data: withDefaults(payload.data) } },
  };
}
