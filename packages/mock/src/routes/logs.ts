import { notFound } from '../core/errors.js';
import type { MockCore } from '../core/mock-core.js';
import { listPage } from '../http/list.js';
import type { RouteTable } from '../http/route.js';
import type { BoundedLogs } from '../services/history/bounded-logs.js';

/** List and retrieve operations over one of the mock's per-organization logs. */
function logRoutes(
  ops: { list: string; retrieve: string },
  type: string,
  idParam: string,
  logs: (core: MockCore) => BoundedLogs,
): RouteTable {
  return {
    [ops.list]: (input) => listPage(input, logs(input.core).of(input.org.id)),
    [ops.retrieve]: (input) => {
      const id = input.params[idParam]!;
      const entry = logs(input.core).of(input.org.id).get(id);
      if (!entry) throw notFound(type, id);
      return { status: 200, data: entry };
    },
  };
}

export const logsRoutes: RouteTable = {
  ...logRoutes(
    { list: 'listApiLogs', retrieve: 'retrieveApiLog' },
    'api-log',
    'api-log-id',
    (core) => core.apiLogs,
  ),
  ...logRoutes(
    { list: 'listUserAuditLogs', retrieve: 'retrieveUserAuditLog' },
    'user-audit-log',
    'user-audit-log-id',
    (core) => core.auditLogs,
  ),
};
