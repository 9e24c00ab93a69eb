import { inflectKeys, type KeyInflection } from '@persona-kit/spec';
import type { ResourceRecord } from '../core/types.js';
import { present } from '../http/serialize.js';
import { applyBlocklist } from '../services/webhooks/blocklist.js';

/**
 * The document posted for an event: `{ data: <the event as GET /events/{id}
 * answers it> }`, less what the webhook's blocklist names, with keys in the
 * webhook's inflection.
 */
export function deliveryBody(event: ResourceRecord, webhook: ResourceRecord): string {
  const data = structuredClone(present(event, {}));
  const payload = data.attributes.payload as Record<string, unknown> | undefined;
  const blocklist = webhook.attributes['api-attributes-blocklist'] as unknown[] | undefined;
  if (payload && blocklist && blocklist.length > 0) applyBlocklist(payload, blocklist);
  const inflection = (webhook.attributes['api-key-inflection'] ?? 'kebab') as KeyInflection;
  const document = { data };
  return JSON.stringify(inflection === 'kebab' ? document : inflectKeys(document, inflection));
}
