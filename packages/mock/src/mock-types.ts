import type { HttpHandler } from 'msw';
import type { MockCore } from './core/mock-core.js';
import type { SeedFile } from './core/seed.js';
import type { StoreStorage } from './core/store.js';
import type { DeliveryOptions, WebhookDeliveries } from './delivery/deliveries.js';
import type { Dispatch } from './http/dispatch.js';
import type { FaultInjector, FaultOptions } from './http/faults.js';
import type { MockRequest } from './http/mock-request.js';

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
  dispatch: Dispatch;
  /** Resolves once stored data is loaded; handlers wait for it themselves. */
  ready: Promise<void>;
  /** Forgets every organization's data (or one API key's), back to the seed. */
  reset(apiKey?: string): Promise<void>;
  core: MockCore;
  faults: FaultInjector;
  /** Webhook deliveries: `settle()` resolves once every due attempt was made and answered. */
  deliveries: WebhookDeliveries;
}
