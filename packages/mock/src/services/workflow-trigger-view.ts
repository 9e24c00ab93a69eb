import type { Org } from '../core/org.js';
import type { WorkflowTrigger } from '../core/seed-types.js';
import type { Linkage, ResourceRecord } from '../core/types.js';

/** The name templates read an object under: `report/watchlist` is `report`, `importer/account` is `importer`. */
export function triggerKey(type: string): string {
  const slash = type.indexOf('/');
  return slash === -1 ? type : type.slice(0, slash);
}

/**
 * What a run started by an event reads as `trigger`: the event
 * (`trigger.event.name`) and its object under its type
 * (`trigger.inquiry.reference-id`, `trigger.inquiry.account.id`,
 * `trigger.inquiry.verifications.status`).
 */
export function triggerView(org: Org, event: ResourceRecord): Record<string, unknown> {
  const object = (event.attributes.payload as { data: ResourceRecord }).data;
  return {
    event: {
      id: event.id,
      name: event.attributes.name,
      'created-at': event.attributes['created-at'],
    },
    [triggerKey(object.type)]: objectView(org, object, 1),
  };
}

/**
 * An object's id, type and attributes, with its relationships read from the
 * organization when a template asks (one level deep, so a run that never
 * reads them does not pay for an account's thousand inquiries).
 */
function objectView(org: Org, record: ResourceRecord, levels: number): Record<string, unknown> {
  const view: Record<string, unknown> = { ...record.attributes, id: record.id, type: record.type };
  for (const [name, relationship] of Object.entries(record.relationships ?? {})) {
    if (Object.hasOwn(view, name)) continue;
    Object.defineProperty(view, name, {
      enumerable: true,
      get: () => {
        const linked = (linkage: Linkage | null) => {
          if (!linkage) return null;
          const found = levels > 0 ? org.find(linkage.type, linkage.id) : undefined;
          return found
            ? objectView(org, found, levels - 1)
            : { id: linkage.id, type: linkage.type };
        };
        const data = relationship.data;
        return Array.isArray(data) ? data.map(linked) : linked(data);
      },
    });
  }
  return view;
}

/** Whether an event starts a workflow with this trigger: its name, and its object matches the filter. */
export function triggerMatches(trigger: WorkflowTrigger, event: ResourceRecord): boolean {
  if (trigger.event !== event.attributes.name) return false;
  if (!trigger.filter) return true;
  const object = (event.attributes.payload as { data?: ResourceRecord } | undefined)?.data;
  if (!object) return false;
  return Object.entries(trigger.filter).every(([name, wanted]) => {
    const actual = filteredValue(object, name);
    return Array.isArray(wanted) ? wanted.includes(actual as never) : actual === wanted;
  });
}

/** `id`, an attribute, or a to-one relationship's id. */
function filteredValue(object: ResourceRecord, name: string): unknown {
  if (name === 'id') return object.id;
  if (Object.hasOwn(object.attributes, name)) return object.attributes[name];
  const data = object.relationships?.[name]?.data;
  return data && !Array.isArray(data) ? data.id : undefined;
}
