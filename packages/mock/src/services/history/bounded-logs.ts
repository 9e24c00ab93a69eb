import { Collection } from '../../core/collection.js';
import type { ResourceRecord } from '../../core/types.js';

/**
 * Per-organization logs kept in memory, newest last, each bounded like the
 * event log: past `limit` the oldest is forgotten. They are the mock's own
 * history (not organization data), so they are never journaled or stored,
 * and recording one costs an object, not a write.
 */
export class BoundedLogs {
  readonly #logs = new Map<string, Collection>();

  constructor(readonly limit: number) {}

  /** One organization's log (empty when nothing was recorded), for paging and lookups. */
  of(orgId: string): Collection {
    let log = this.#logs.get(orgId);
    if (!log) {
      log = new Collection({});
      this.#logs.set(orgId, log);
    }
    return log;
  }

  record(orgId: string, entry: ResourceRecord): void {
    const log = this.of(orgId);
    log.insert(entry);
    if (log.size > this.limit) log.evictOldest(log.size - this.limit);
  }

  /** Forgets one organization's log, or every log. */
  forget(orgId?: string): void {
    if (orgId === undefined) this.#logs.clear();
    else this.#logs.delete(orgId);
  }
}
