import type { ChangeSignal, CollectionName, Org } from '../core/org.js';
import type { ResourceRecord } from '../core/types.js';

/** One kind of thing that falls due on an organization's clock. */
export interface DeadlineKind {
  collection: CollectionName;
  /** When this object falls due, in ms on the clock; null when it has nothing pending. */
  dueAt(record: ResourceRecord): number | null;
  /** Does what falling due means (expire, record the lapse, finish), stamped with the due time. */
  fire(org: Org, at: string, record: ResourceRecord): void;
  /** Called with each recorded event: sets a new due time on the object it is about; answers it or null. */
  scheduled(org: Org, event: ResourceRecord): number | null;
  /** The same for a change Persona sends no event for (a resumed inquiry). */
  signaled?(org: Org, signal: ChangeSignal): number | null;
}

/**
 * What falls due on each organization's clock: inquiries that expire, case
 * SLAs that run out, runs that wait in async mode. Only the earliest due time
 * is kept per organization, so catching up costs one comparison until
 * something is due; then the organization's pending objects are scanned once.
 */
export class Deadlines {
  /** Earliest due time per organization (ms); absent until first seen, Infinity when nothing waits. */
  readonly #next = new Map<string, number>();

  constructor(
    private readonly kinds: DeadlineKind[],
    private readonly nowMs: (org: Org) => number,
  ) {}

  /** The bus subscriber: an event that sets a due time brings the organization's next one forward. */
  readonly onEvent = (org: Org, event: ResourceRecord): void => {
    for (const kind of this.kinds) {
      const at = kind.scheduled(org, event);
      if (at !== null) this.#bringForward(org, at);
    }
  };

  /** The bus's signal subscriber: a change that sets a due time without an event. */
  readonly onSignal = (org: Org, signal: ChangeSignal): void => {
    for (const kind of this.kinds) {
      const at = kind.signaled?.(org, signal) ?? null;
      if (at !== null) this.#bringForward(org, at);
    }
  };

  /** Fires everything due by the organization's clock now, earliest first; answers whether anything fired. */
  catchUp(org: Org): boolean {
    let fired = false;
    // Unknown after a start over stored data: the first look scans. A few passes at most:
    // firing may make more fall due (a run that waits no time), never the same object again.
    for (let pass = 0; pass < 10; pass++) {
      const now = this.nowMs(org);
      if ((this.#next.get(org.id) ?? Number.NEGATIVE_INFINITY) > now) break;
      this.#next.set(org.id, Number.POSITIVE_INFINITY);
      const due: { at: number; kind: DeadlineKind; record: ResourceRecord }[] = [];
      let later = Number.POSITIVE_INFINITY;
      for (const kind of this.kinds) {
        for (const record of org.collection(kind.collection).values()) {
          const at = kind.dueAt(record);
          if (at === null) continue;
          if (at <= now) due.push({ at, kind, record });
          else if (at < later) later = at;
        }
      }
      due.sort((a, b) => a.at - b.at);
      for (const { at, kind, record } of due) kind.fire(org, new Date(at).toISOString(), record);
      fired ||= due.length > 0;
      // What firing scheduled was brought forward meanwhile; keep the earlier.
      this.#bringForward(org, later);
    }
    return fired;
  }

  /** Forgets what is known of one organization, or all (after a reset). */
  forget(orgId?: string): void {
    if (orgId === undefined) this.#next.clear();
    else this.#next.delete(orgId);
  }

  #bringForward(org: Org, at: number): void {
    const current = this.#next.get(org.id);
    // Unknown stays unknown: the first catch-up scans anyway.
    if (current === undefined) return;
    if (at < current) this.#next.set(org.id, at);
  }
}
