import type { Adapter } from 'lowdb';
import { Low, Memory } from 'lowdb';
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

export interface MockData {
  format: 'persona-kit-mock@1';
  orgs: Record<string, OrgData>;
}

export const emptyData = (): MockData => ({ format: 'persona-kit-mock@1', orgs: {} });

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

  async load(): Promise<void> {
    await this.db.read();
    const data = this.db.data as MockData | null;
    if (!data || typeof data !== 'object' || data.format !== 'persona-kit-mock@1') {
      if (data && Object.keys(data).length > 0 && (data as { format?: unknown }).format) {
        throw new Error(`unsupported mock data format ${(data as { format?: unknown }).format}`);
      }
      this.db.data = emptyData();
    }
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
