import { ApiError } from './errors.js';
import { hashKey } from './ids.js';
import type { MockData, Store } from './store.js';
import { storedRecord } from './stored-record.js';
import type { ResourceRecord } from './types.js';

/** Secrets the mock issued: API keys and access tokens authenticate, codes are only exchanged. */
export type CredentialKind = 'api-key' | 'access-token' | 'code';

/** Where an issued secret's record lives. */
export interface Credential {
  kind: CredentialKind;
  org: string;
  collection: 'api-keys' | 'oauth-grants';
  id: string;
}

/** What an issued secret's record keeps for itself: never the secret, only its hash. */
export type CredentialInternal = {
  kind: CredentialKind;
  secretHash: string;
  /** When it stops being accepted (ms on its organization's clock); API keys keep `expires-at` instead. */
  expiresAtMs?: number;
};

const COLLECTIONS = ['api-keys', 'oauth-grants'] as const;
const SEEN_LIMIT = 10_000;

/**
 * Finds the record behind a secret the mock issued (an API key made through
 * the API, an OAuth code or access token). Every other Bearer key is its own
 * organization, so most lookups end in "not issued": a small cache remembers
 * that without hashing the key again. The index is rebuilt from the stored
 * records when the document is replaced (a `--db` load), and an entry whose
 * record is gone (a reset) no longer counts.
 */
export class Credentials {
  readonly #byHash = new Map<string, Credential>();
  /** Bearer keys already looked up: their credential, or null for a plain key. */
  readonly #seen = new Map<string, Credential | null>();
  #builtFrom: MockData | null = null;

  constructor(private readonly store: Store) {}

  /** Remembers a newly issued secret. */
  register(secret: string, credential: Credential): string {
    this.#fresh();
    const hash = hashKey(secret);
    this.#byHash.set(hash, credential);
    this.#seen.delete(secret);
    return hash;
  }

  /** The issued secret's credential and record, if the mock issued it and still holds it. */
  find(secret: string): { credential: Credential; record: ResourceRecord } | undefined {
    this.#fresh();
    let credential = this.#seen.get(secret);
    if (credential === undefined) {
      credential = this.#byHash.get(hashKey(secret)) ?? null;
      if (this.#seen.size >= SEEN_LIMIT) this.#seen.clear();
      this.#seen.set(secret, credential);
    }
    if (!credential) return undefined;
    const stored = this.store.data.orgs[credential.org]?.collections[credential.collection];
    const record = stored && storedRecord(stored, credential.id);
    if (!record) {
      // Its organization was reset: the string is a plain key from now on.
      this.#seen.set(secret, null);
      return undefined;
    }
    return { credential, record };
  }

  /**
   * The organization a Bearer key acts for when the mock issued it, checked
   * against its end on that organization's clock; undefined for a plain key.
   */
  authenticate(secret: string, nowMs: (org: string) => number): Credential | undefined {
    const found = this.find(secret);
    if (!found || found.credential.kind === 'code') return undefined;
    const { credential, record } = found;
    const endsAt =
      credential.kind === 'api-key'
        ? Date.parse(String(record.attributes['expires-at'] ?? ''))
        : (record.internal as CredentialInternal | undefined)?.expiresAtMs;
    if (endsAt !== undefined && !Number.isNaN(endsAt) && endsAt <= nowMs(credential.org)) {
      throw new ApiError(401, 'Token is invalid');
    }
    return credential;
  }

  /** Rebuilds the index when the stored document was replaced since it was built. */
  #fresh(): void {
    const data = this.store.data;
    if (data === this.#builtFrom) return;
    this.#builtFrom = data;
    this.#byHash.clear();
    this.#seen.clear();
    for (const [org, orgData] of Object.entries(data.orgs)) {
      for (const collection of COLLECTIONS) {
        const stored = orgData.collections[collection];
        if (!stored) continue;
        for (const id of stored.keys()) {
          const record = storedRecord(stored, id) as ResourceRecord;
          const internal = record.internal as CredentialInternal | undefined;
          if (!internal?.secretHash) continue;
          this.#byHash.set(internal.secretHash, {
            kind: internal.kind,
            org,
            collection,
            id: record.id,
          });
        }
      }
    }
  }
}
