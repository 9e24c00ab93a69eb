import { parseDuration } from './core/clock.js';
import { MockCore } from './core/mock-core.js';
import { checkSeed, resolveSeed } from './core/seed.js';
import { Store } from './core/store.js';
import { WebhookDeliveries } from './delivery/deliveries.js';
import { createDispatch, pipelineDeps } from './http/dispatch.js';
import { FaultInjector } from './http/faults.js';
import type { HandlerOptions } from './http/handler-options.js';
import { Idempotency } from './http/idempotency.js';
import type { PipelineDeps } from './http/pipeline.js';
import type { PersonaMock, PersonaMockOptions } from './mock-types.js';
import { routes } from './routes/index.js';

/** The mock without its msw handlers, and what they are made from once wanted. */
export interface MockParts {
  mock: Omit<PersonaMock, 'handlers'>;
  handlerOptions: HandlerOptions;
  deps: PipelineDeps;
}

/**
 * Everything of a mock but its msw handlers: the HTTP server answers API
 * requests through `dispatch` and makes the handlers (loading msw) only for
 * the first admin route or unknown path, which keeps msw out of its start.
 */
export function createMockParts(options: PersonaMockOptions = {}): MockParts {
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
  const handlerOptions: HandlerOptions = {
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
  };
  const deps = pipelineDeps(handlerOptions);
  return {
    handlerOptions,
    deps,
    mock: {
      dispatch: createDispatch(handlerOptions, deps),
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
