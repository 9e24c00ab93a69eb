import { type HttpHandler, http } from 'msw';
import { ApiError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { parseSeed, seedOrg } from '../core/seed.js';
import { exportSeed } from '../core/seed-export.js';
import { type Plan, plans } from '../core/types.js';
import { objectsHandler } from './admin-objects.js';
import { checkFaults } from './faults-config.js';
import type { HandlerOptions } from './handler-options.js';
import { bearerKey } from './pipeline.js';
import { baseHeaders, errorResponse, toApiError } from './respond.js';

/**
 * Routes under `/__mock/` that drive the mock itself: reset, state, seed
 * (read and extend), plan and faults. Each acts on the organization of the Bearer key given.
 */
export function adminHandlers(options: HandlerOptions): HttpHandler[] {
  const { core, faults } = options;
  const admin =
    (run: (request: Request) => Promise<unknown> | unknown) =>
    async ({ request }: { request: Request }) => {
      const requestId = newId('req');
      try {
        const result = await run(request);
        await core.store.commit();
        return new Response(JSON.stringify(result), {
          status: 200,
          headers: baseHeaders(requestId),
        });
      } catch (error) {
        return errorResponse(toApiError(error), requestId);
      }
    };
  const optionalKey = (request: Request) =>
    request.headers.get('authorization')
      ? bearerKey(request.headers.get('authorization'))
      : undefined;

  return [
    http.post(
      '*/__mock/reset',
      admin((request) => {
        const key = optionalKey(request);
        core.reset(key);
        if (!key) faults.reset();
        return { reset: key ? 'organization' : 'all' };
      }),
    ),
    http.get(
      '*/__mock/state',
      admin((request) => {
        const org = core.orgFor(bearerKey(request.headers.get('authorization')));
        const counts: Record<string, number> = {};
        for (const [name, records] of Object.entries(org.data.collections)) {
          counts[name] = Object.keys(records).length;
        }
        // Counts only: stored objects hold what the mock keeps for itself (`internal`).
        return { organization: org.id, plan: org.data.plan, counts };
      }),
    ),
    http.get(
      '*/__mock/seed',
      admin((request) => exportSeed(core.orgFor(bearerKey(request.headers.get('authorization'))))),
    ),
    http.post(
      '*/__mock/seed',
      admin(async (request) => {
        const org = core.orgFor(bearerKey(request.headers.get('authorization')));
        const text = await request.text();
        const seed = parseSeed(text, request.headers.get('content-type') ?? 'application/json');
        const added = seedOrg(org, seed, core.now());
        return { organization: org.id, plan: org.data.plan, added };
      }),
    ),
    http.put(
      '*/__mock/plan',
      admin(async (request) => {
        const org = core.orgFor(bearerKey(request.headers.get('authorization')));
        const body = (await readJson(request)) as { plan?: unknown };
        if (!plans.includes(body.plan as Plan)) {
          throw invalid(`plan must be one of ${plans.join(', ')}`);
        }
        org.data.plan = body.plan as Plan;
        return { organization: org.id, plan: org.data.plan };
      }),
    ),
    http.get(
      '*/__mock/faults',
      admin(() => faults.options),
    ),
    http.put(
      '*/__mock/faults',
      admin(async (request) => {
        faults.options = checkFaults(await readJson(request));
        faults.reset();
        return faults.options;
      }),
    ),
    objectsHandler(core, admin),
  ];
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    throw new ApiError(400, 'Bad Request', 'Request body is not valid JSON');
  }
}
