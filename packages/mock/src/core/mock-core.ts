import { hashKey } from './ids.js';
import { Org } from './org.js';
import { defaultSeed, type SeedContent, seedOrg } from './seed.js';
import { Store } from './store.js';

export interface MockCoreOptions {
  store?: Store;
  seed?: SeedContent;
  now?: () => Date;
}

/**
 * The mock's state and rules, free of any transport: organizations (one per
 * API key), each seeded on first use, over one store.
 */
export class MockCore {
  readonly store: Store;
  seed: SeedContent;
  readonly #orgs = new Map<string, Org>();
  readonly #orgIds = new Map<string, string>();
  readonly #now: () => Date;

  constructor(options: MockCoreOptions = {}) {
    this.store = options.store ?? new Store();
    this.seed = options.seed ?? defaultSeed();
    this.#now = options.now ?? (() => new Date());
  }

  now(): string {
    return this.#now().toISOString();
  }

  /** The organization of an API key, created and seeded on its first request. */
  orgFor(apiKey: string): Org {
    let id = this.#orgIds.get(apiKey);
    if (id === undefined) {
      id = `org_${hashKey(apiKey)}`;
      // A handful of keys per mock: remember their hashes rather than hash every request.
      if (this.#orgIds.size < 10_000) this.#orgIds.set(apiKey, id);
    }
    let org = this.#orgs.get(id);
    if (org) return org;
    let data = this.store.data.orgs[id];
    const fresh = !data;
    if (!data) {
      data = { id, plan: this.seed.plan, createdAt: this.now(), collections: {}, idempotency: {} };
      this.store.data.orgs[id] = data;
    }
    org = new Org(data);
    if (fresh) seedOrg(org, this.seed, this.now());
    this.#orgs.set(id, org);
    return org;
  }

  /** Forgets one organization (it is seeded anew on its next request), or all of them. */
  reset(apiKey?: string): void {
    if (apiKey === undefined) {
      this.store.data.orgs = {};
      this.#orgs.clear();
      return;
    }
    const id = `org_${hashKey(apiKey)}`;
    delete this.store.data.orgs[id];
    this.#orgs.delete(id);
  }

  organizations(): Org[] {
    return Object.keys(this.store.data.orgs).map((id) => {
      let org = this.#orgs.get(id);
      if (!org) {
        org = new Org(this.store.data.orgs[id]!);
        this.#orgs.set(id, org);
      }
      return org;
    });
  }
}
