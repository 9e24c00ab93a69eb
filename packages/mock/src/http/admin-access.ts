import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { ApiError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { errorResponse } from './respond.js';

/** The header that carries the admin token; `Authorization` keeps naming the organization. */
export const ADMIN_TOKEN_HEADER = 'Persona-Mock-Admin-Token';

/** Who may use the control plane under `/__mock/`. */
export interface AdminAccess {
  /** The token that unlocks every admin route and resetting every organization. */
  token?: string;
  /** Every `/__mock/` request must carry the token: the mock is reachable beyond this machine. */
  requireToken: boolean;
}

const CHALLENGE = { 'WWW-Authenticate': `${ADMIN_TOKEN_HEADER} realm="persona-mock"` };

/**
 * Checks the admin token of control-plane requests: a guard handler placed
 * before every `/__mock/` route (so a route added later is guarded too), and
 * `holdsToken` for routes whose meaning changes with the token (reset).
 */
export function adminAccess(access: AdminAccess) {
  if (access.token !== undefined && access.token.trim() === '') {
    throw new Error('The admin token must not be empty');
  }
  if (access.requireToken && !access.token) {
    throw new Error(
      'The control plane under /__mock/ needs an admin token when the mock is reachable beyond this machine: give adminToken',
    );
  }
  const expected = access.token === undefined ? undefined : utf8(access.token);

  /** True when the request carries the right token; throws 401 for a wrong one or a missing one that is required. */
  const holdsToken = (request: Request): boolean => {
    const sent = request.headers.get(ADMIN_TOKEN_HEADER);
    if (sent === null) {
      if (access.requireToken) {
        throw unauthorized(
          `This mock is reachable beyond its own machine, so every /__mock/ route needs the admin token: send \`${ADMIN_TOKEN_HEADER}: <token>\` (the token given to --admin-token or PERSONA_MOCK_ADMIN_TOKEN)`,
        );
      }
      return false;
    }
    if (expected === undefined) {
      throw unauthorized(
        `This mock has no admin token: start it with --admin-token <token> (or PERSONA_MOCK_ADMIN_TOKEN), or leave out ${ADMIN_TOKEN_HEADER}`,
      );
    }
    if (!sameBytes(utf8(sent), expected)) {
      throw unauthorized(`The ${ADMIN_TOKEN_HEADER} header does not hold this mock's admin token`);
    }
    return true;
  };

  const guard: HttpHandler = http.all('*/__mock/*', ({ request }) => {
    try {
      holdsToken(request);
      return undefined; // on to the route itself
    } catch (error) {
      return errorResponse(error as ApiError, newId('req'), CHALLENGE);
    }
  });

  return { guard, holdsToken };
}

export type AdminAccessCheck = ReturnType<typeof adminAccess>;

const unauthorized = (details: string) =>
  new ApiError(401, 'Admin token required for the mock control plane', details);

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

/**
 * Compares every byte whatever differs first, so a guess learns nothing
 * from how long the answer took. Pure JavaScript: the mock also runs
 * in browsers, where node:crypto's timingSafeEqual is not available.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
