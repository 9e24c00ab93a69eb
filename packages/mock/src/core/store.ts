import type { Adapter } from 'lowdb';
import { Low, Memory } from 'lowdb';
import { migrateRecordV1 } from './migrate.js';
import type { Plan, ResourceRecord } from './types.js';

export interface IdempotencyEntry {
  fingerprint: string;
  status: number;
  body: string;
  createdAt: number;
}

export interface OrgData {
  id: string;
  plan: Plan;
  createdAt: string;
  collections: Record<string, Record<string, ResourceRecord>>;
  idempotency: Record<string, IdempotencyEntry>;
}

/** The data file format; `@1` files are read and migrated (core/migrate.ts). */
export const dataFormat = 'persona-kit-mock@2';

export interface MockData {
  format: typeof dataFormat;
  orgs: Record<string, OrgData>;
}

export const emptyData = (): MockData => ({ format: dataFormat, orgs: {} });

/**
 * lowdb behind a group commit: every change happens in memory at once, and
 * `commit()` resolves once a write that includes it is on disk. Writes never
 * overlap, and all changes made while one write runs share the next one, so a
 * busy server writes as often as the disk allows, not once per request.
 */
export class Store {
  readonly db: Low<MockData>;
  #writing: Promise<void> | null = null;
  #next: Promise<void> | null = null;
  readonly #persistent: boolean;

  constructor(adapter?: Adapter<MockData>) {
    this.#persistent = adapter !== undefined;
    this.db = new Low<MockData>(adapter ?? new Memory<MockData>(), emptyData());
  }

  /**
   * Reads stored data. No file yet means a fresh start; a file of anything
   * else is refused rather than overwritten, so `--db` never destroys a file
   * it did not write.
   */
  async load(): Promise<void> {
    const read = await this.db.adapter.read();
    if (read === null) {
      this.db.data = emptyData();
      return;
    }
    const format = (read as { format?: unknown } | null)?.format;
    const known = format === dataFormat || format === 'persona-kit-mock@1';
    if (!read || typeof read !== 'object' || !known || !read.orgs) {
      throw new Error(
        format === undefined
          ? 'the data file was not written by persona-mock (no format marker); refusing to overwrite it'
          : `unsupported mock data format ${String(format)}`,
      );
    }
    if (format === 'persona-kit-mock@1') migrateV1(read);
    this.db.data = read;
  }

  get data(): MockData {
    return this.db.data;
  }

  commit(): Promise<void> {
    if (!this.#persistent) return Promise.resolve();
    if (this.#next) return this.#next;
    // A failed write fails its own waiters only; the next commit tries again.
    const after = (this.#writing ?? Promise.resolve()).catch(() => undefined);
    this.#next = after.then(() => {
      this.#next = null;
      this.#writing = this.db.write().finally(() => {
        this.#writing = null;
      });
      return this.#writing;
    });
    return this.#next;
  }
}

/** Moves a first-format file's records to the current storage shape, in place. */
function migrateV1(data: MockData): void {
  for (const org of Object.values(data.orgs)) {
    for (const records of Object.values(org.collections))
      for (const record of Object.values(records)) migrateRecordV1(record);
  }
  data.format = dataFormat;
}
