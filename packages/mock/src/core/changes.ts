/** Kinds of change noted by a flat key. */
const keyed = ['dropped', 'orgs', 'idempotency', 'deliveries'] as const;

/** Ids of changed records, by organization, then collection. */
export type RecordChanges = Map<string, Map<string, Set<string>>>;

/**
 * What changed since the last commit, by name only: organizations dropped or
 * (re)described, records, idempotency answers and webhook deliveries touched.
 * A journal reads the current values when it commits, so marking the same
 * object twice costs nothing and an object deleted after a change is
 * journaled as deleted.
 */
export class ChangeSet {
  /** `enabled`: false where nothing is journaled, so nothing is kept. */
  constructor(readonly enabled = true) {}

  /** Every organization was forgotten (a reset without a key). */
  everything = false;
  #dropped = new Set<string>();
  #orgs = new Set<string>();
  /**
   * Records inserted, changed or removed. Nested by name rather than keyed by
   * one joined string: a create notes several records, and a joined key is a
   * new string to build, hash and split again at every commit.
   */
  #records: RecordChanges = new Map();
  #idempotency = new Set<string>();
  #deliveries = new Set<string>();

  get dropped(): ReadonlySet<string> {
    return this.#dropped;
  }
  /** Organizations whose own fields (plan, creation time, clock) are new or changed. */
  get orgs(): ReadonlySet<string> {
    return this.#orgs;
  }
  get records(): RecordChanges {
    return this.#records;
  }
  /** `org\0key` of idempotency answers stored or forgotten. */
  get idempotency(): ReadonlySet<string> {
    return this.#idempotency;
  }
  /** `org\0id` of webhook deliveries logged, changed or dropped from the log. */
  get deliveries(): ReadonlySet<string> {
    return this.#deliveries;
  }

  get empty(): boolean {
    return (
      !this.everything && this.#records.size === 0 && keyed.every((name) => this[name].size === 0)
    );
  }

  record(org: string, collection: string, id: string): void {
    if (!this.enabled) return;
    let collections = this.#records.get(org);
    if (!collections) {
      collections = new Map();
      this.#records.set(org, collections);
    }
    let ids = collections.get(collection);
    if (!ids) {
      ids = new Set();
      collections.set(collection, ids);
    }
    ids.add(id);
  }

  org(org: string): void {
    if (!this.enabled) return;
    this.#orgs.add(org);
  }

  answer(org: string, key: string): void {
    if (!this.enabled) return;
    this.#idempotency.add(`${org}\u0000${key}`);
  }

  delivery(org: string, id: string): void {
    if (!this.enabled) return;
    this.#deliveries.add(`${org}\u0000${id}`);
  }

  /** An organization forgotten: what was pending for it no longer matters. */
  drop(org: string): void {
    if (!this.enabled) return;
    const prefix = `${org}\u0000`;
    for (const keys of [this.#idempotency, this.#deliveries]) {
      for (const key of keys) if (key.startsWith(prefix)) keys.delete(key);
    }
    this.#records.delete(org);
    this.#orgs.delete(org);
    this.#dropped.add(org);
  }

  dropAll(): void {
    if (!this.enabled) return;
    this.clear();
    this.everything = true;
  }

  /**
   * Takes back what a failed write was given. A plain union is enough: the
   * journal reads current values, so a stale mark only repeats what is true.
   */
  merge(older: ChangeSet): void {
    this.everything ||= older.everything;
    for (const org of older.#dropped) this.#dropped.add(org);
    for (const org of older.#orgs) this.#orgs.add(org);
    for (const key of older.#idempotency) this.#idempotency.add(key);
    for (const key of older.#deliveries) this.#deliveries.add(key);
    for (const [org, collections] of older.#records)
      for (const [collection, ids] of collections)
        for (const id of ids) this.record(org, collection, id);
  }

  /** Hands over what is pending and starts afresh, so changes made while a commit writes wait for the next. */
  take(): ChangeSet {
    const taken = new ChangeSet(this.enabled);
    taken.everything = this.everything;
    taken.#dropped = this.#dropped;
    taken.#orgs = this.#orgs;
    taken.#records = this.#records;
    taken.#idempotency = this.#idempotency;
    taken.#deliveries = this.#deliveries;
    this.#dropped = new Set();
    this.#orgs = new Set();
    this.#records = new Map();
    this.#idempotency = new Set();
    this.#deliveries = new Set();
    this.everything = false;
    return taken;
  }

  clear(): void {
    this.everything = false;
    this.#dropped.clear();
    this.#orgs.clear();
    this.#records.clear();
    this.#idempotency.clear();
    this.#deliveries.clear();
  }
}
