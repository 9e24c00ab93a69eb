import { Collection } from '../../core/collection.js';
import { RecordMap } from '../../core/record-map.js';
import type { ResourceRecord } from '../../core/types.js';

/** An entry whose record is built only if its log is read: recording it then costs one object. */
export interface DeferredEntry {
  toRecord(): ResourceRecord;
}

interface Log {
  entries: Collection;
  /** Recorded since the log was last read, oldest first; built into `entries` on the next read. */
  pending: (ResourceRecord | DeferredEntry)[];
}

const isDeferred = (entry: ResourceRecord | DeferredEntry): entry is DeferredEntry =>
  typeof (entry as DeferredEntry).toRecord === 'function';

/**
 * Per-organization logs kept in memory, newest last, each bounded like the
 * event log: past `limit` the oldest is forgotten. They are the mock's own
 * history (not organization data), so they are never journaled or stored.
 * Most are written far more often than read (every API request is logged),
 * so entries wait in a plain list and join the log's collection when it is read.
 */
export class BoundedLogs {
  readonly #logs = new Map<string, Log>();

  constructor(readonly limit: number) {}

  #log(orgId: string): Log {
    let log = this.#logs.get(orgId);
    if (!log) {
      log = { entries: new Collection(new RecordMap()), pending: [] };
      this.#logs.set(orgId, log);
    }
    return log;
  }

  /** One organization's log (empty when nothing was recorded), for paging and lookups. */
  of(orgId: string): Collection {
    const log = this.#log(orgId);
    if (log.pending.length > 0) {
      const pending = log.pending;
      log.pending = [];
      for (const entry of pending.slice(-this.limit))
        log.entries.insert(isDeferred(entry) ? entry.toRecord() : entry);
      const excess = log.entries.size - this.limit;
      if (excess > 0) log.entries.evictOldest(excess);
    }
    return log.entries;
  }

  record(orgId: string, entry: ResourceRecord | DeferredEntry): void {
    const log = this.#log(orgId);
    log.pending.push(entry);
    // Only the newest `limit` can ever be read: older ones go in bulk, not one per entry.
    if (log.pending.length >= 2 * this.limit)
      log.pending.splice(0, log.pending.length - this.limit);
  }

  /** Forgets one organization's log, or every log. */
  forget(orgId?: string): void {
    if (orgId === undefined) this.#logs.clear();
    else this.#logs.delete(orgId);
  }
}
