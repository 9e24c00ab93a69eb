import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { parseDuration } from '../core/clock.js';
import { badRequest, invalid } from '../core/errors.js';
import type { MockCore } from '../core/mock-core.js';
import type { Org } from '../core/org.js';
import type { WebhookDeliveries } from '../delivery/deliveries.js';
import { type OrgAdminRoute, readJson } from './admin-support.js';

/**
 * `/__mock/clock`: read, move, set or freeze the organization's clock. What
 * falls due on the moved clock (expiries, SLAs, waiting runs, retries) happens
 * at once.
 */
export function clockHandlers(
  core: MockCore,
  deliveries: WebhookDeliveries,
  forOrg: OrgAdminRoute,
): HttpHandler[] {
  const show = (org: Org) => ({ now: core.now(org), frozen: core.clockOf(org).frozen });
  return [
    http.get('*/__mock/clock', forOrg(show)),
    http.post(
      '*/__mock/clock',
      forOrg(async (org, request) => {
        changeClock(core, org, await readJson(request));
        // Inquiries expire, SLAs run out and waiting runs finish on the moved clock.
        core.catchUp(org);
        deliveries.runDue(org);
        return show(org);
      }),
    ),
  ];
}

function changeClock(core: MockCore, org: Org, body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object with one of advance, set or freeze');
  }
  const members = Object.keys(body);
  const unknown = members.filter((m) => !['advance', 'set', 'freeze'].includes(m));
  if (unknown.length > 0)
    throw invalid(`Unknown member ${unknown.join(', ')}: give advance, set or freeze`);
  if (members.length !== 1) throw invalid('Give exactly one of advance, set or freeze');
  const clock = core.clockOf(org);
  const { advance, set, freeze } = body as Record<string, unknown>;
  if (advance !== undefined) {
    const ms = typeof advance === 'string' ? parseDuration(advance) : null;
    if (ms === null) throw invalid('advance must be a duration such as 90s, 15m, 25h or 2d');
    clock.advance(ms);
  } else if (set !== undefined) {
    const ms = typeof set === 'string' ? Date.parse(set) : Number.NaN;
    if (Number.isNaN(ms))
      throw invalid('set must be an ISO 8601 time such as 2025-03-04T10:20:31Z');
    clock.set(ms);
  } else {
    if (typeof freeze !== 'boolean') throw invalid('freeze must be true or false');
    clock.freeze(freeze);
  }
}
