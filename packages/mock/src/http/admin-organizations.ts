import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import { maskKey } from '../core/mask-key.js';
import type { MockCore } from '../core/mock-core.js';
import type { Org } from '../core/org.js';
import { type AdminRoute, keyOf } from './admin-support.js';

const recordCount = (org: Org) =>
  Object.values(org.data.collections).reduce((sum, c) => sum + c.size, 0);

/**
 * `GET /__mock/organizations`: every organization of the mock, by masked key
 * (openapi/control-plane/organizations.yaml). Keys never leave the mock whole.
 */
export function organizationsHandler(core: MockCore, admin: AdminRoute): HttpHandler {
  return http.get(
    '*/__mock/organizations',
    admin((request) => {
      const currentId = request.headers.get('authorization')
        ? core.orgIdOf(keyOf(request))
        : undefined;
      const data = core
        .organizations()
        .map((org) => {
          const key = core.apiKeyOf(org.id);
          return {
            organization: org.id,
            maskedKey: key === undefined ? null : maskKey(key),
            plan: org.data.plan,
            createdAt: org.data.createdAt,
            records: recordCount(org),
            current: org.id === currentId,
          };
        })
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { data };
    }),
  );
}
