import type { MockCore } from '../core/mock-core.js';
import type { WebhookDeliveries } from '../delivery/deliveries.js';
import type { AdminAccess } from './admin-access.js';
import type { FaultInjector } from './faults.js';
import type { Idempotency } from './idempotency.js';
import type { MockRequest } from './mock-request.js';
import type { RouteTable } from './route.js';

/** What the msw handlers and the admin routes are made from. */
export interface HandlerOptions {
  core: MockCore;
  routes: RouteTable;
  faults: FaultInjector;
  /** Webhook deliveries, for the control plane's log, redelivery and clock. */
  deliveries: WebhookDeliveries;
  idempotency: Idempotency;
  /** Who may use the routes under `/__mock/`; open to any caller when absent. */
  adminAccess?: AdminAccess;
  /** Where the API lives: a full URL, or a path after `*` to match any origin (the default). */
  baseUrl: string;
  /** Stored data is loaded: requests wait for it. */
  ready: Promise<void>;
  onError?: (error: unknown, request: MockRequest) => void;
}
