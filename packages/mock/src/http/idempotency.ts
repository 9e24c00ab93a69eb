import { conflict } from '../core/errors.js';
import type { IdempotencyEntry, OrgData } from '../core/store.js';
import type { FileAnswer } from './route.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StoredAnswer {
  status: number;
  body: string;
  /** Headers particular to this answer (a static example's marker), replayed with it. */
  headers?: Record<string, string>;
  /** A file answer: never stored, since only reads (which take no key) answer files. */
  file?: FileAnswer;
}

/**
 * Idempotency-Key handling: the first request with a key acts and its answer
 * is kept for 24 hours; a replay gets that answer without acting again (even
 * while the first is still running); the same key with another request is a 409.
 */
export class Idempotency {
  #stored = 0;
  readonly #inFlight = new Map<string, { fingerprint: string; done: Promise<StoredAnswer> }>();

  /** `now`: the organization's time in ms (its clock), so that moving the clock expires answers. */
  /** `changed`: told of every answer stored or forgotten, for a journal. */
  constructor(
    private readonly now: (org: OrgData) => number = () => Date.now(),
    private readonly changed: (org: OrgData, key: string) => void = () => {},
  ) {}

  async run(
    org: OrgData,
    key: string,
    fingerprint: string,
    act: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer & { replayed: boolean }> {
    const slot = `${org.id}\u0000${key}`;
    const running = this.#inFlight.get(slot);
    if (running) {
      if (running.fingerprint !== fingerprint) throw reused(key);
      return { ...(await running.done), replayed: true };
    }
    const stored = org.idempotency[key];
    if (stored && this.now(org) - stored.createdAt < DAY_MS) {
      if (stored.fingerprint !== fingerprint) throw reused(key);
      const headers = stored.headers ? { headers: stored.headers } : {};
      return { status: stored.status, body: stored.body, ...headers, replayed: true };
    }
    const done = act();
    this.#inFlight.set(slot, { fingerprint, done });
    try {
      const answer = await done;
      // Errors caused by the server are not kept, so a retry may succeed.
      if (answer.status < 500) {
        const entry: IdempotencyEntry = { fingerprint, ...answer, createdAt: this.now(org) };
        org.idempotency[key] = entry;
        this.changed(org, key);
        // Now and then, forget answers older than a day, so the store does not grow without end.
        if (++this.#stored % 1000 === 0) this.sweep(org);
      }
      return { ...answer, replayed: false };
    } finally {
      this.#inFlight.delete(slot);
    }
  }

  /** Drops answers older than 24 hours. */
  sweep(org: OrgData): void {
    const now = this.now(org);
    for (const [key, entry] of Object.entries(org.idempotency)) {
      if (now - entry.createdAt >= DAY_MS) {
        delete org.idempotency[key];
        this.changed(org, key);
      }
    }
  }
}

const reused = (key: string) =>
  conflict(`Idempotency-Key ${key} was already used for a different request`);
