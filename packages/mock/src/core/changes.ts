const kinds = ['dropped', 'orgs', 'records', 'idempotency', 'deliveries'] as const;

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
  readonly dropped = new Set<string>();
  /** Organizations whose own fields (plan, creation time, clock) are new or changed. */
  readonly orgs = new Set<string>();
  /** `org\0collection\0id` of records inserted, changed or removed. */
  readonly records = new Set<string>();
  /** `org\0key` of idempotency answers stored or forgotten. */
  readonly idempotency = new Set<string>();
  /** `org\0id` of webhook deliveries logged, changed or dropped from the log. */
  readonly deliveries = new Set<string>();

  get empty(): boolean {
    return !this.everything && kinds.every((name) => this[name].size === 0);
  }

  record(org: string, collection: string, id: string): void {
    if (!this.enabled) return;
    this.records.add(`${org}\u0000${collection}\u0000${id}`);
  }

  org(org: string): void {
    if (!this.enabled) return;
    this.orgs.add(org);
  }

  answer(org: string, key: string): void {
    if (!this.enabled) return;
    this.idempotency.add(`${org}\u0000${key}`);
  }

  delivery(org: string, id: string): void {
    if (!this.enabled) return;
    this.deliveries.add(`${org}\u0000${id}`);
  }

  /** An organization forgotten: what was pending for it no longer matters. */
  drop(org: string): void {
    if (!this.enabled) return;
    const prefix = `${org}\u0000`;
    for (const name of ['records', 'idempotency', 'deliveries'] as const) {
      for (const key of this[name]) if (key.startsWith(prefix)) this[name].delete(key);
    }
    this.orgs.delete(org);
    this.dropped.add(org);
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
    const newer = this.take();
    this.everything = older.everything || newer.everything;
    for (const name of kinds) {
      for (const key of older[name]) this[name].add(key);
      for (const key of newer[name]) this[name].add(key);
    }
  }

  /** Hands over what is pending and starts afresh, so changes made while a commit writes wait for the next. */
  take(): ChangeSet {
    const taken = new ChangeSet(this.enabled);
    taken.everything = this.everything;
    for (const name of kinds) {
      for (const key of this[name]) taken[name].add(key);
    }
    this.clear();
    return taken;
  }

  clear(): void {
    this.everything = false;
    for (const name of kinds) this[name].clear();
  }
}
