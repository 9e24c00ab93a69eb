import { newId } from '../core/ids.js';
import type { MockCore } from '../core/mock-core.js';
import { bearerKey } from './pipeline.js';

/**
 * The organization whose audit log a control-plane request joins: the one its
 * Bearer key names, read before the request runs (a reset forgets the keys an
 * organization issued). A change without a key, such as a reset of every
 * organization, belongs to none.
 */
export function auditedOrg(core: MockCore, request: Request): string | undefined {
  try {
    return core.orgIdOf(bearerKey(request.headers.get('authorization')));
  } catch {
    return undefined;
  }
}

/** Notes a change made through `/__mock/` in the organization's audit log. `body`: the request's text. */
export function recordAdminChange(
  core: MockCore,
  orgId: string,
  request: Request,
  body: string,
): void {
  const url = new URL(request.url);
  core.auditLogs.record(orgId, {
    type: 'user-audit-log',
    id: newId('ual'),
    attributes: {
      path: url.pathname,
      method: request.method.toUpperCase(),
      'get-params': Object.fromEntries(url.searchParams),
      'post-params': jsonObject(body),
      'created-at': new Date(core.clockOf({ id: orgId }).nowMs()).toISOString(),
      'impersonator-email-address': null,
    },
  });
}

/** The body's members when it is a JSON object (a YAML seed or no body records none). */
function jsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
