import type { RouteTable } from '../http/route.js';
import { accountRoutes } from './accounts.js';
import { workflowRoutes } from './workflows.js';

/** Every operation the mock answers, by operationId. */
export const routes: RouteTable = {
  ...accountRoutes,
  ...workflowRoutes,
};
