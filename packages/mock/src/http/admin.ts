import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { badRequest, invalid } from '../core/errors.js';
import { parseSeed, seedOrg } from '../core/seed.js';
import { exportSeed } from '../core/seed-export.js';
import { type Plan, plans } from '../core/types.js';
import { ADMIN_TOKEN_HEADER, adminAccess } from './admin-access.js';
import { clockHandlers } from './admin-clock.js';
import { deliveryHandlers } from './admin-deliveries.js';
import { eventStreamHandlers } from './admin-events-stream.js';
import { objectsHandler } from './admin-objects.js';
import { organizationsHandler } from './admin-organizations.js';
import { adminRoute, keyOf, orgAdminRoute, readJson } from './admin-support.js';
import { documentFileHandlers } from './document-files.js';
import { checkFaults, mergeFaults } from './faults-config.js';
import type { HandlerOptions } from './handler-options.js';
import { hostedFlowHandlers } from './hosted-flow.js';

/**
 * Routes under `/__mock/` that drive the mock itself: reset, state, seed
 * (read and extend), the list of organizations, plan, faults, clock, webhook deliveries and the live
 * event stream. Each acts
 * on the organization of the Bearer key given. The access guard comes first:
 * it answers 401 before any route when the admin token is required and absent.
 */
export function adminHandlers(options: HandlerOptions): HttpHandler[] {
  const { core, faults, deliveries } = options;
  const admin = adminRoute(core);
  const forOrg = orgAdminRoute(core, admin);
  const access = adminAccess(options.adminAccess ?? { requireToken: false });
  const optionalKey = (request: Request) =>
    request.headers.get('authorization') ? keyOf(request) : undefined;

  return [
    access.guard,
    http.post(
      '*/__mock/reset',
      admin((request) => {
        const key = optionalKey(request);
        // Wiping every organization takes the admin token, never a missing header.
        if (key === undefined && !access.holdsToken(request)) {
          throw badRequest(
            `Send \`Authorization: Bearer <api key>\` of the organization to reset, or \`${ADMIN_TOKEN_HEADER}: <token>\` without a key to reset every organization`,
          );
        }
        // Named before the reset: an issued key stops naming its organization once it is gone.
        const orgId = key === undefined ? undefined : core.orgIdOf(key);
        core.reset(key);
        deliveries.forget(orgId);
        if (!key) faults.reset();
        return { reset: key ? 'organization' : 'all' };
      }),
    ),
    http.get(
      '*/__mock/state',
      forOrg((org) => {
        const counts: Record<string, number> = {};
        for (const [name, records] of Object.entries(org.data.collections)) {
          counts[name] = records.size;
        }
        // Counts only: stored objects hold what the mock keeps for itself (`internal`).
        return { organization: org.id, plan: org.data.plan, counts };
      }),
    ),
    http.get('*/__mock/seed', forOrg(exportSeed)),
    organizationsHandler(core, admin),
    http.post(
      '*/__mock/seed',
      forOrg(async (org, request) => {
        const text = await request.text();
        const seed = parseSeed(text, request.headers.get('content-type') ?? 'application/json');
        const added = seedOrg(org, seed, core.now(org));
        return { organization: org.id, plan: org.data.plan, added };
      }),
    ),
    http.put(
      '*/__mock/plan',
      forOrg(async (org, request) => {
        const body = (await readJson(request)) as { plan?: unknown };
        if (!plans.includes(body.plan as Plan)) {
          throw invalid(`plan must be one of ${plans.join(', ')}`);
        }
        org.data.plan = body.plan as Plan;
        org.touch();
        return { organization: org.id, plan: org.data.plan };
      }),
    ),
    http.get(
      '*/__mock/faults',
      admin(() => faults.options),
    ),
    // PUT replaces every setting; PATCH changes only those sent (null clears one).
    // Both answer the settings now in force.
    http.put(
      '*/__mock/faults',
      admin(async (request) => {
        faults.options = checkFaults(await readJson(request));
        faults.reset();
        return faults.options;
      }),
    ),
    http.patch(
      '*/__mock/faults',
      admin(async (request) => {
        faults.options = mergeFaults(faults.options, await readJson(request));
        faults.reset();
        return faults.options;
      }),
    ),
    ...clockHandlers(core, deliveries, forOrg),
    ...deliveryHandlers(deliveries, forOrg),
    objectsHandler(core, admin),
    ...eventStreamHandlers(core),
    ...hostedFlowHandlers(core),
    ...documentFileHandlers(core),
  ];
}
