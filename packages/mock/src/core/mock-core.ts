import { markKeyUsed } from '../services/api-keys/api-keys.js';
import { BoundedLogs } from '../services/history/bounded-logs.js';
import { WorkflowEngine } from '../services/workflow-engine.js';
import { inquiryExpiry, waitingRuns } from '../time/deadline-kinds.js';
import { Deadlines } from '../time/deadlines.js';
import { reportRuns } from '../time/report-runs.js';
import { OrgClock } from './clock.js';
import { Credentials } from './credentials.js';
import { EventBus } from './event-bus.js';
import { hashKey } from './ids.js';
import { Org } from './org.js';
import { defaultSeed, type SeedContent, seedOrg } from './seed.js';
import { type OrgData, Store } from './store.js';

export interface MockCoreOptions {
  store?: Store;
  seed?: SeedContent;
  now?: () => Date;
  /** Simulated time workflow runs stay `in_progress` and reports `pending` (async mode); instant when absent. */
  asyncMs?: number;
}

/** Requests and control-plane changes remembered per organization (docs/decisions/0024). */
export const API_LOG_SIZE = 1_000;
export const AUDIT_LOG_SIZE = 1_000;

/**
 * The mock's state and rules, free of any transport: organizations (one per
 * API key), each seeded on first use, over one store.
 */
export class MockCore {
  readonly store: Store;
  seed: SeedContent;
  readonly #orgs = new Map<string, Org>();
  readonly #orgIds = new Map<string, string>();
  /** The mock's own time, in ms: `Date.now` unless a test gave a clock. */
  readonly #nowMs: () => number;
  #lastMs = Number.NaN;
  #lastIso = '';
  /** Each clock, with the stored organization it was read from. */
  readonly #clocks = new Map<string, { clock: OrgClock; data: OrgData | undefined }>();
  /** Every recorded event passes through here (`recordEvent` publishes it). */
  readonly events = new EventBus();
  /** Starts the workflows that events trigger. */
  readonly workflows: WorkflowEngine;
  /** What falls due on each organization's clock. */
  readonly deadlines: Deadlines;
  /** API keys and OAuth secrets the mock issued, by the organization they act for. */
  readonly credentials: Credentials;
  /** The requests each organization made to the API, as `/api-logs` lists them. */
  readonly apiLogs = new BoundedLogs(API_LOG_SIZE);
  /** The changes made to each organization through `/__mock/`, as `/user-audit-logs` lists them. */
  readonly auditLogs = new BoundedLogs(AUDIT_LOG_SIZE);
  /** Simulated time runs and report searches take in async mode; undefined when they are instant. */
  readonly asyncMs: number | undefined;

  constructor(options: MockCoreOptions = {}) {
    this.store = options.store ?? new Store();
    this.credentials = new Credentials(this.store);
    this.seed = options.seed ?? defaultSeed();
    const given = options.now;
    this.#nowMs = given ? () => given().getTime() : Date.now;
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
    const ms = org ? this.clockOf(org).nowMs() : this.#nowMs();
    // A busy server asks many times within one millisecond: format it once.
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastIso = new Date(ms).toISOString();
    }
    return this.#lastIso;
  }

  /**
   * The organization's clock: the mock's own until a test moves or freezes
   * it. A moved clock is kept with the organization's data, so it survives a
   * restart with `--db`.
   */
  clockOf(org: Pick<Org, 'id'>): OrgClock {
    const data = this.store.data.orgs[org.id];
    const known = this.#clocks.get(org.id);
    // Data loaded after the clock was first read replaces it: the stored clock wins.
    if (known && (known.data === data || !data)) return known.clock;
    const clock = new OrgClock(this.#nowMs, data?.clock, (state) => {
      const current = this.store.data.orgs[org.id];
      if (!current) return;
      current.clock = state;
      this.store.changes.org(org.id);
    });
    this.#clocks.set(org.id, { clock, data });
    return clock;
  }

  /**
   * The organization of an API key, created and seeded on its first request.
   * A key or access token the mock issued acts for the organization that
   * issued it, until it ends on that organization's clock (then 401).
   */
  orgFor(apiKey: string): Org {
    const issued = this.credentials.authenticate(apiKey, (id) => this.clockOf({ id }).nowMs());
    const org = this.#orgOf(issued?.org ?? this.#plainOrgId(apiKey));
    if (issued?.kind === 'api-key') markKeyUsed(org, issued.id, this.now(org));
    return org;
  }

  /** An organization that already exists, by id. */
  organization(id: string): Org | undefined {
    return this.store.data.orgs[id] ? this.#orgOf(id) : undefined;
  }

  #plainOrgId(apiKey: string): string {
    let id = this.#orgIds.get(apiKey);
    if (id === undefined) {
      id = `org_${hashKey(apiKey)}`;
      // A handful of keys per mock: remember their hashes rather than hash every request.
      if (this.#orgIds.size < 10_000) this.#orgIds.set(apiKey, id);
    }
    return id;
  }

  #orgOf(id: string): Org {
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
      this.apiLogs.forget();
      this.auditLogs.forget();
      return;
    }
    const id = this.orgIdOf(apiKey);
    delete this.store.data.orgs[id];
    this.store.changes.drop(id);
    this.#orgs.delete(id);
    this.#clocks.delete(id);
    this.deadlines.forget(id);
    // Its audit log stays: the reset itself is one of its entries.
    this.apiLogs.forget(id);
  }

  /** The id of an API key's organization (an issued key's issuer), whether or not it exists yet. */
  orgIdOf(apiKey: string): string {
    return this.credentials.find(apiKey)?.credential.org ?? `org_${hashKey(apiKey)}`;
  }

  /** The API key that opened an organization, when it made a request since the mock started. */
  apiKeyOf(orgId: string): string | undefined {
    for (const [key, id] of this.#orgIds) if (id === orgId) return key;
    return undefined;
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
