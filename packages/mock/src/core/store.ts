import type { Adapter } from 'lowdb';
import { Low, Memory } from 'lowdb';
import type { StoredDelivery } from '../delivery/delivery-record.js';
import { ChangeSet } from './changes.js';
import type { ClockState } from './clock.js';
import { migrateRecordV1 } from './migrate.js';
import { type RecordMap, recordMapOf } from './record-map.js';
import { storedRecord } from './stored-record.js';
import type { Plan } from './types.js';

export type { StoredDelivery } from '../delivery/delivery-record.js';

export interface IdempotencyEntry {
  fingerprint: string;
  status: number;
  body: string;
  headers?: Record<string, string>;
  createdAt: number;
}

export interface OrgData {
  id: string;
  plan: Plan;
  createdAt: string;
  /** The organization's clock once the control plane moved or froze it. */
  clock?: ClockState;
  /** By collection, then id; a journaled store keeps an object as text until it is first used. */
  collections: Record<string, RecordMap>;
  idempotency: Record<string, IdempotencyEntry>;
  /** The webhook delivery log, oldest first, by delivery id. */
  deliveries?: Record<string, StoredDelivery>;
}

/** The data file format; `@1` files are read and migrated (core/migrate.ts). */
export const dataFormat = 'persona-kit-mock@2';

export interface MockData {
  format: typeof dataFormat;
  orgs: Record<string, OrgData>;
}

export const emptyData = (): MockData => ({ format: dataFormat, orgs: {} });

/**
 * Storage that writes what changed rather than the whole document: `load`
 * assembles the document, `commit` makes the given changes durable.
 */
export interface JournaledStorage {
  readonly kind: 'journal';
  load(): Promise<MockData | null>;
  commit(data: MockData, changes: ChangeSet): Promise<void>;
  close(): Promise<void>;
}

/** A lowdb adapter (the whole document per write: memory, localStorage) or a journal. */
export type StoreStorage = Adapter<MockData> | JournaledStorage;

const isJournal = (storage: StoreStorage | undefined): storage is JournaledStorage =>
  (storage as JournaledStorage | undefined)?.kind === 'journal';

/**
 * Checks that a loaded document is mock data in a format this version reads,
 * and brings it up to date. Anything else is refused rather than overwritten,
 * so `--db` never destroys a file it did not write.
 */
export function acceptDocument(read: unknown, source = 'the data file'): MockData {
  const format = (read as { format?: unknown } | null)?.format;
  const known = format === dataFormat || format === 'persona-kit-mock@1';
  if (!read || typeof read !== 'object' || !known || !(read as MockData).orgs) {
    throw new Error(
      format === undefined
        ? `${source} was not written by persona-mock (no format marker); refusing to overwrite it`
        : `${source}: unsupported mock data format ${String(format)}`,
    );
  }
  const data = read as MockData;
  // Read from JSON, each collection is a plain object: the store keeps maps.
  for (const org of Object.values(data.orgs)) {
    org.collections ??= {};
    for (const name of Object.keys(org.collections))
      org.collections[name] = recordMapOf(org.collections[name] as RecordMap);
  }
  // A first-format document is moved to the current storage shape, once.
  if (format === 'persona-kit-mock@1') migrateV1(data);
  return data;
}

/**
 * lowdb behind a group commit: every change happens in memory at once, and
 * `commit()` resolves once a write that includes it is on disk. Writes never
 * overlap, and all changes made while one write runs share the next one, so a
 * busy server writes as often as the disk allows, not once per request.
 */
export class Store {
  readonly db: Low<MockData>;
  /** What changed since the last write began (kept only for a journal). */
  readonly changes: ChangeSet;
  #writing: Promise<void> | null = null;
  #next: Promise<void> | null = null;
  readonly #storage: StoreStorage | undefined;

  constructor(storage?: StoreStorage) {
    this.#storage = storage;
    this.changes = new ChangeSet(isJournal(storage));
    this.db = new Low<MockData>(
      storage && !isJournal(storage) ? storage : new Memory<MockData>(),
      emptyData(),
    );
  }

  /** Reads stored data: no file yet means a fresh start. */
  async load(): Promise<void> {
    const read = isJournal(this.#storage)
      ? await this.#storage.load()
      : await this.db.adapter.read();
    this.db.data = read === null ? emptyData() : acceptDocument(read);
    // Whatever was noted before the load named the document it replaced.
    this.changes.clear();
  }

  get data(): MockData {
    return this.db.data;
  }

  commit(): Promise<void> {
    const storage = this.#storage;
    if (!storage) return Promise.resolve();
    if (this.#next) return this.#next;
    // A failed write fails its own waiters only; the next commit tries again.
    const after = (this.#writing ?? Promise.resolve()).catch(() => undefined);
    this.#next = after.then(() => {
      this.#next = null;
      this.#writing = this.#write(storage).finally(() => {
        this.#writing = null;
      });
      return this.#writing;
    });
    return this.#next;
  }

  /** Waits for pending writes and lets the storage finish (a journal's compaction). */
  async close(): Promise<void> {
    await this.commit().catch(() => undefined);
    if (isJournal(this.#storage)) await this.#storage.close();
  }

  async #write(storage: StoreStorage): Promise<void> {
    if (!isJournal(storage)) return this.db.write();
    const changes = this.changes.take();
    try {
      await storage.commit(this.data, changes);
    } catch (error) {
      // Not written: what changed stays pending, so the next commit writes it.
      this.changes.merge(changes);
      throw error;
    }
  }
}

/** Parses, in place, every object a journaled store still holds as text. */
export function parseEveryRecord(data: MockData): void {
  for (const org of Object.values(data.orgs))
    for (const records of Object.values(org.collections))
      for (const id of records.keys()) storedRecord(records, id);
}

/** Moves a first-format file's records to the current storage shape, in place. */
function migrateV1(data: MockData): void {
  for (const org of Object.values(data.orgs)) {
    for (const records of Object.values(org.collections))
      for (const id of records.keys()) migrateRecordV1(storedRecord(records, id)!);
  }
  data.format = dataFormat;
}
