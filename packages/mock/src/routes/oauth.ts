import type { RouteInput, RouteOutput, RouteTable } from '../http/route.js';
import { authorize, exchange } from '../services/oauth/oauth.js';

/** OAuth answers plain JSON objects, not JSON:API documents. */
const created = (document: unknown): RouteOutput => ({ status: 201, data: null, document });
const form = <T>(input: RouteInput) => input.body as T;

export const oauthRoutes: RouteTable = {
  createAuthorization: (input) =>
    created(
      authorize(
        input.org,
        input.core.credentials,
        input.core.clockOf(input.org).nowMs(),
        form<{ 'client-id': string; scope: string }>(input),
      ),
    ),
  createAccessToken: (input) =>
    created(
      exchange(
        input.org,
        input.core.credentials,
        (id) => input.core.clockOf({ id }).nowMs(),
        form<{ code: string; 'grant-type': string }>(input),
        (id) => input.core.organization(id) ?? input.org,
      ),
    ),
};
