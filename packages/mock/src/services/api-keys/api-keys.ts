import type { CredentialInternal, Credentials } from '../../core/credentials.js';
import { conflict, found } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';

/** What a create or update may set (the spec checked the types). */
export type ApiKeyInput = Partial<{
  name: string;
  note: string;
  'api-version': string;
  'api-key-inflection': string;
  'api-attributes-blocklist': string[];
  'ip-address-allowlist': string[];
  permissions: string[];
  'file-access-token-expires-in': number;
}>;

const DEFAULTS = {
  name: 'API Key',
  note: null,
  'api-version': '2023-01-05',
  'api-key-inflection': 'kebab',
  'api-attributes-blocklist': [] as string[],
  permissions: [] as string[],
  'ip-address-allowlist': ['*'],
  'file-access-token-expires-in': 21_600,
};

export function getApiKey(org: Org, id: string): ResourceRecord {
  return found(org.collection('api-keys').get(id), 'api-key', id);
}

/**
 * A new key of the organization, acting for it from now on. The secret is
 * answered here once: the record keeps only its hash.
 */
export function createApiKey(
  org: Org,
  credentials: Credentials,
  now: string,
  input: ApiKeyInput,
): { key: ResourceRecord; value: string } {
  const id = org.newId('api');
  const value = `persona_sandbox_${crypto.randomUUID()}`;
  const secretHash = credentials.register(value, {
    kind: 'api-key',
    org: org.id,
    collection: 'api-keys',
    id,
  });
  const internal: CredentialInternal = { kind: 'api-key', secretHash };
  const key = org.collection('api-keys').insert({
    type: 'api-key',
    id,
    attributes: {
      ...DEFAULTS,
      ...copyOf(input),
      'last-used-at': null,
      'expires-at': null,
      'created-at': now,
    },
    internal,
  });
  return { key, value };
}

/** The key as its create answers it: with the secret value, this once. */
export function withValue(key: ResourceRecord, value: string): ResourceRecord {
  return { type: key.type, id: key.id, attributes: { ...key.attributes, value } };
}

export function updateApiKey(org: Org, id: string, input: ApiKeyInput): ResourceRecord {
  getApiKey(org, id);
  return org
    .collection('api-keys')
    .update(id, (key) => Object.assign(key.attributes, copyOf(input)));
}

/**
 * Ends the key `seconds` from now on the organization's clock. A key that has
 * already ended stays ended: expiring it again is a conflict.
 */
export function expireApiKey(org: Org, id: string, nowMs: number, seconds: number): ResourceRecord {
  const key = getApiKey(org, id);
  const endsAt = Date.parse(String(key.attributes['expires-at'] ?? ''));
  if (!Number.isNaN(endsAt) && endsAt <= nowMs) {
    throw conflict(`API key ${id} has already expired`);
  }
  const at = new Date(nowMs + seconds * 1000).toISOString();
  return org.collection('api-keys').update(id, (record) => {
    record.attributes['expires-at'] = at;
  });
}

/** Notes when a key was last used (its `last-used-at`). */
export function markKeyUsed(org: Org, id: string, now: string): void {
  const keys = org.collection('api-keys');
  if (keys.get(id)?.attributes['last-used-at'] === now) return;
  keys.update(id, (key) => {
    key.attributes['last-used-at'] = now;
  });
}

/** Copies of the given values, so a later change to the request cannot reach the record. */
function copyOf(input: ApiKeyInput): Record<string, unknown> {
  return structuredClone(input) as Record<string, unknown>;
}
