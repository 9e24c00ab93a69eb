import type { ResourceRecord } from '../../core/types.js';

/** Whether an enabled webhook takes this event: its name is enabled and its payload passes the filter. */
export function webhookWants(webhook: ResourceRecord, event: ResourceRecord): boolean {
  const { attributes } = webhook;
  if (attributes.status !== 'enabled') return false;
  const names = attributes['enabled-events'] as string[];
  if (!names.includes('*') && !names.includes(event.attributes.name as string)) return false;
  const filter = attributes['payload-filter'] as Record<string, unknown> | null;
  return !filter || holds(event.attributes.payload, filter);
}

/**
 * Whether `value` holds everything `filter` gives at the same places: objects
 * are matched member by member, a list matches when one of its items does,
 * anything else by equality.
 */
export function holds(value: unknown, filter: unknown): boolean {
  if (Array.isArray(value) && !Array.isArray(filter)) return value.some((v) => holds(v, filter));
  if (filter !== null && typeof filter === 'object' && !Array.isArray(filter)) {
    if (value === null || typeof value !== 'object') return false;
    const object = value as Record<string, unknown>;
    return Object.entries(filter).every(([key, wanted]) => holds(object[key], wanted));
  }
  return JSON.stringify(value) === JSON.stringify(filter);
}
