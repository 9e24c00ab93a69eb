import type { HttpHandler } from 'msw';
import { parseDuration } from './core/clock.js';
import { MockCore } from './core/mock-core.js';
import { checkSeed, resolveSeed, type SeedFile } from './core/seed.js';
import { Store, type StoreStorage } from './core/store.js';
import { type DeliveryOptions, WebhookDeliveries } from './delivery/deliveries.js';
import { FaultInjector, type FaultOptions } from './http/faults.js';
import { createHandlers, type Dispatcher } from './http/handlers.js';
import { Idempotency } from './http/idempotency.js';
import type { MockRequest } from './http/mock-request.js';
import { routes } from './routes/index.js';

export interface PersonaMockOptions {
  /** Seed content for every new organization: extends the default seed unless `extends: 'none'`. */
  seed?: SeedFile;
  /** A lowdb adapter (localStorage) or a journal (`fileStorage` from the node entry); in memory when absent. */
  storage?: StoreStorage;
  /** Where the API is served: a full URL, or a path after `*` for any origin (default `*` + `/api/v1`). */
  baseUrl?: string;
  faults?: FaultOptions;
  /** The mock's clock, for tests; each organization's clock starts from it. */
  now?: () => Date;
  /** How webhook deliveries are posted and retried. */
  webhooks?: DeliveryOptions;
  /**
   * The admin token: sent as `Persona-Mock-Admin-Token`, it unlocks resetting
   * every organization, and every `/__mock/` route when `requireAdminToken`.
   */
  adminToken?: string;
  /** Every `/__mock/` route needs the admin token (what a server reachable beyond loopback uses). */
  requireAdminToken?: boolean;
  /**
   * Async mode: workflow runs stay `in_progress` for this simulated time (ms,
   * or a duration such as `30s`) on the organization's clock, then run their
   * steps. Absent, runs finish within the request that starts them.
   */
  async?: number | string;
  /** Called with failures of the mock itself (answered as 500). */
  onError?: (error: unknown, request: MockRequest) => void;
}

export interface PersonaMock {
  /** msw request handlers: hand them to `setupServer`, `setupWorker` or `getResponse`. */
  handlers: HttpHandler[];
  /** Answers a request the HTTP server already holds, through the same pipeline; null when no operation matches. */
  dispatch: Dispatcher['dispatch'];
  /** Resolves once stored data is loaded; handlers wait for it themselves. */
  ready: Promise<void>;
  /** Forgets every organization's data (or one API key's), back to the seed. */
  reset(apiKey?: string): Promise<void>;
  core: MockCore;
  faults: FaultInjector;
  /** Webhook deliveries: `settle()` resolves once every due attempt was made and answered. */
  deliveries: WebhookDeliveries;
}

/** A stateful mock of Persona's API as msw handlers, over one core. */
export function createPersonaMock(options: PersonaMockOptions = {}): PersonaMock {
  const store = new Store(options.storage);
  const seed = resolveSeed(options.seed ? checkSeed(options.seed) : {});
  const asyncMs = asyncDelay(options.async);
  const core = new MockCore({
    store,
    seed,
    ...(options.now ? { now: options.now } : {}),
    ...(asyncMs ? { asyncMs } : {}),
  });
  const faults = new FaultInjector(options.faults ?? {});
  const deliveries = new WebhookDeliveries(core, options.webhooks);
  core.events.subscribe(deliveries.onEvent);
  // Pending deliveries and retries are picked up again from what was stored.
  const ready = store.load().then(() => deliveries.restore());
  const { handlers, dispatch } = createHandlers({
    core,
    routes,
    faults,
    deliveries,
    idempotency: new Idempotency(
      (org) => core.clockOf(org).nowMs(),
      (org, key) => store.changes.answer(org.id, key),
    ),
    baseUrl: options.baseUrl ?? '*/api/v1',
    ready,
    adminAccess: {
      requireToken: options.requireAdminToken ?? false,
      ...(options.adminToken !== undefined ? { token: options.adminToken } : {}),
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    handlers,
    dispatch,
    ready,
    core,
    faults,
    deliveries,
    async reset(apiKey) {
      await ready;
      // Named before the reset: an issued key stops naming its organization once it is gone.
      const orgId = apiKey === undefined ? undefined : core.orgIdOf(apiKey);
      core.reset(apiKey);
      deliveries.forget(orgId);
      if (apiKey === undefined) faults.reset();
      await store.commit();
    },
  };
}

function asyncDelay(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : parseDuration(value);
  if (ms === null || !Number.isFinite(ms) || ms < 0) {
    throw new Error(`async must be milliseconds or a duration such as 30s, got ${String(value)}`);
  }
  return ms;
}
