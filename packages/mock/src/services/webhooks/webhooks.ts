import { conflict, found, invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import {
  DEFAULT_ROTATION_OVERLAP_SECONDS,
  liveSecrets,
  newSecret,
  rotateSecrets,
  secretsOf,
} from './secrets.js';

/** What a create or update may set (the spec checked the types). */
export type WebhookInput = Partial<{
  url: string;
  'enabled-events': string[];
  'api-version': string;
  'api-key-inflection': string;
  'api-attributes-blocklist': string[];
  'file-access-token-expires-in': number;
  'payload-filter': Record<string, unknown>;
}>;

const DEFAULTS = {
  'api-version': '2023-01-05',
  'api-key-inflection': 'kebab',
  'api-attributes-blocklist': [] as string[],
  'file-access-token-expires-in': 21_600,
  'payload-filter': {},
};

export function getWebhook(org: Org, id: string): ResourceRecord {
  return found(org.collection('webhooks').get(id), 'webhook', id);
}

/** A new webhook: disabled until enabled, with a fresh signing secret. */
export function createWebhook(org: Org, now: string, input: WebhookInput): ResourceRecord {
  checkUrl(input.url);
  return org.collection('webhooks').insert({
    type: 'webhook',
    id: org.newId('wbh'),
    attributes: {
      status: 'disabled',
      url: input.url,
      ...DEFAULTS,
      ...copyOf(input),
      'created-at': now,
    },
    internal: { secrets: [newSecret()] },
  });
}

export function updateWebhook(org: Org, id: string, input: WebhookInput): ResourceRecord {
  const webhook = changeable(org, id, 'updated');
  if (input.url !== undefined) checkUrl(input.url);
  Object.assign(webhook.attributes, copyOf(input));
  org.collection('webhooks').touch(id);
  return webhook;
}

export function setWebhookStatus(
  org: Org,
  id: string,
  status: 'enabled' | 'disabled' | 'archived',
): ResourceRecord {
  const webhook = changeable(org, id, status);
  webhook.attributes.status = status;
  org.collection('webhooks').touch(id);
  return webhook;
}

export function rotateWebhookSecret(
  org: Org,
  now: string,
  id: string,
  overlapSeconds = DEFAULT_ROTATION_OVERLAP_SECONDS,
): ResourceRecord {
  const webhook = changeable(org, id, 'rotated');
  webhook.internal = { ...webhook.internal, secrets: rotateSecrets(webhook, now, overlapSeconds) };
  org.collection('webhooks').touch(id);
  return webhook;
}

/** The webhook as the operations that show secrets answer it: live secrets, newest first. */
export function withSecrets(webhook: ResourceRecord, now: string): ResourceRecord {
  const live = liveSecrets(webhook, now);
  const secrets = live.length > 0 ? live : secretsOf(webhook).slice(0, 1);
  return {
    type: webhook.type,
    id: webhook.id,
    attributes: {
      ...webhook.attributes,
      secret: secrets[0]?.value,
      secrets: secrets.map((s) => ({ value: s.value, 'expires-at': s.expiresAt })),
    },
  };
}

function changeable(org: Org, id: string, verb: string): ResourceRecord {
  const webhook = getWebhook(org, id);
  if (webhook.attributes.status === 'archived') {
    throw conflict(`Webhook ${id} is archived and cannot be ${verb}`);
  }
  return webhook;
}

/** Events go only to http and https addresses: anything else is refused up front. */
function checkUrl(url: unknown): void {
  let protocol = '';
  try {
    protocol = new URL(String(url)).protocol;
  } catch {
    // falls through to the error below
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw invalid('data.attributes.url must be an absolute http or https URL');
  }
}

/** The given attributes, copied so later changes to the request cannot reach the store. */
function copyOf(input: WebhookInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value !== undefined) out[name] = structuredClone(value);
  }
  return out;
}
