import { ApiError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { MockCore } from '../core/mock-core.js';
import type { Org } from '../core/org.js';
import { auditedOrg, recordAdminChange } from './audit-log.js';
import { bearerKey } from './pipeline.js';
import { baseHeaders, errorResponse, toApiError } from './respond.js';

type Params = Record<string, string | readonly string[] | undefined>;
export type AdminRoute = (
  run: (request: Request, params: Params) => Promise<unknown> | unknown,
) => (info: { request: Request; params: Params }) => Promise<Response>;

/**
 * An admin route: its result as JSON (200), its errors as JSON:API errors, then
 * the store saved. A change that succeeded joins the organization's audit log.
 */
export function adminRoute(core: MockCore): AdminRoute {
  return (run) =>
    async ({ request, params }) => {
      const requestId = newId('req');
      const changes = request.method !== 'GET' && request.method !== 'HEAD';
      const orgId = changes ? auditedOrg(core, request) : undefined;
      const copy = orgId !== undefined ? request.clone() : null;
      try {
        const result = await run(request, params);
        if (copy && orgId !== undefined) {
          recordAdminChange(core, orgId, request, await copy.text().catch(() => ''));
        }
        await core.store.commit();
        return new Response(JSON.stringify(result), {
          status: 200,
          headers: baseHeaders(requestId),
        });
      } catch (error) {
        return errorResponse(toApiError(error), requestId);
      }
    };
}

/** An admin route that acts on the organization named by the request's Bearer key. */
export type OrgAdminRoute = (
  run: (org: Org, request: Request, params: Params) => Promise<unknown> | unknown,
) => ReturnType<AdminRoute>;

/** Resolves the organization (401 without a key) before the route runs. */
export function orgAdminRoute(core: Pick<MockCore, 'orgFor'>, admin: AdminRoute): OrgAdminRoute {
  return (run) => admin((request, params) => run(core.orgFor(keyOf(request)), request, params));
}

/**
 * The Bearer key of an admin request: it names the organization. Without one,
 * a 401 that says what to send (the API's own 401 keeps Persona's bare title).
 */
export function keyOf(request: Request): string {
  try {
    return bearerKey(request.headers.get('authorization'));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError(
      401,
      error.title,
      'send Authorization: Bearer <api key> of the organization this route acts on',
    );
  }
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    throw new ApiError(400, 'Bad Request', 'Request body is not valid JSON');
  }
}
