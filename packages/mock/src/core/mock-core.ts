import { WorkflowEngine } from '../services/workflow-engine.js';
import { inquiryExpiry, waitingRuns } from '../time/deadline-kinds.js';
import { Deadlines } from '../time/deadlines.js';
import { reportRuns } from '../time/report-runs.js';
import { OrgClock } from './clock.js';
import { EventBus } from './event-bus.js';
import { hashKey } from './ids.js';
import { Org } from './org.js';
import { defaultSeed, type SeedContent, seedOrg } from './seed.js';
import { Store } from './store.js';

export interface MockCoreOptions {
  store?: Store;
  seed?: SeedContent;
  now?: () => Date;
  /** Simulated time workflow runs stay `in_progress` and reports `pending` (async mode); instant when absent. */
  asyncMs?: number;
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
  readonly #clocks = new Map<string, OrgClock>();
  /** Every recorded event passes through here (`recordEvent` publishes it). */
  readonly events = new EventBus();
  /** Starts the workflows that events trigger. */
  readonly workflows: WorkflowEngine;
  /** What falls due on each organization's clock. */
  readonly deadlines: Deadlines;
  /** Simulated time runs and report searches take in async mode; undefined when they are instant. */
  readonly asyncMs: number | undefined;

  constructor(options: MockCoreOptions = {}) {
    this.store = options.store ?? new Store();
    this.seed = options.seed ?? defaultSeed();
    this.#now = options.now ?? (() => new Date());
    this.asyncMs = options.asyncMs;
    this.workflows = new WorkflowEngine(
      options.asyncMs !== undefined ? { asyncMs: options.asyncMs } : {},
    );
    this.deadlines = new Deadlines(
      [inquiryExpiry, waitingRuns((org, at, id) => this.workflows.finish(org, at, id)), reportRuns],
      (org) => this.clockOf(org).nowMs(),
    );
    this.events.subscribe(this.deadlines.onEvent);
    this.events.subscribeSignals(this.deadlines.onSignal);
    this.events.subscribe(this.workflows.onEvent);
  }

  /**
   * Brings an organization up to its clock (what fell due fires) and starts
   * the workflows that recorded events trigger. Called before and after each
   * request and after the clock moves; answers whether anything changed.
   */
  catchUp(org: Org): boolean {
    const before = this.workflows.drain();
    const fired = this.deadlines.catchUp(org);
    return this.workflows.drain() + before > 0 || fired;
  }

  /** The time now: the organization's clock when one is given, else the mock's. */
  now(org?: Org): string {
    return new Date(org ? this.clockOf(org).nowMs() : this.#now().getTime()).toISOString();
  }

  /** The organization's clock: the mock's own until a test moves or freezes it. */
  clockOf(org: Pick<Org, 'id'>): OrgClock {
    let clock = this.#clocks.get(org.id);
    if (!clock) {
      clock = new OrgClock(() => this.#now().getTime());
      this.#clocks.set(org.id, clock);
    }
    return clock;
  }

  /** The organization of an API key, created and seeded on its first request. */
  orgFor(apiKey: string): Org {
    let id = this.#orgIds.get(apiKey);
    if (id === undefined) {
      id = `org_${hashKey(apiKey)}`;
      // A handful of keys per mock: remember their hashes rather than hash every request.
      if (this.#orgIds.size < 10_000) this.#orgIds.set(apiKey, id);
    }
    let data = this.store.data.orgs[id];
    let org = this.#orgs.get(id);
    // An organization made before stored data finished loading belongs to the
    // document the load replaced: the stored one wins.
    if (org && org.data === data) return org;
    const fresh = !data;
    if (!data) {
      data = { id, plan: this.seed.plan, createdAt: this.now(), collections: {}, idempotency: {} };
      this.store.data.orgs[id] = data;
      this.store.changes.org(id);
    }
    org = new Org(data, this.events, this.store.changes);
    if (fresh) seedOrg(org, this.seed, this.now());
    this.#orgs.set(id, org);
    return org;
  }

  /** Forgets one organization (it is seeded anew on its next request), or all of them. */
  reset(apiKey?: string): void {
    if (apiKey === undefined) {
      this.store.data.orgs = {};
      this.store.changes.dropAll();
      this.#orgs.clear();
      this.#clocks.clear();
      this.deadlines.forget();
      return;
    }
    const id = this.orgIdOf(apiKey);
    delete this.store.data.orgs[id];
    this.store.changes.drop(id);
    this.#orgs.delete(id);
    this.#clocks.delete(id);
    this.deadlines.forget(id);
  }

  /** The id of an API key's organization, whether or not it exists yet. */
  orgIdOf(apiKey: string): string {
    return `org_${hashKey(apiKey)}`;
  }

  organizations(): Org[] {
    return Object.keys(this.store.data.orgs).map((id) => {
      let org = this.#orgs.get(id);
      if (!org || org.data !== this.store.data.orgs[id]) {
        org = new Org(this.store.data.orgs[id]!, this.events, this.store.changes);
        this.#orgs.set(id, org);
      }
      return org;
    });
  }
}
