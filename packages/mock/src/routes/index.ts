import type { RouteTable } from '../http/route.js';
import { accountRoutes } from './accounts.js';
import { caseRoutes } from './cases.js';
import { eventRoutes } from './events.js';
import { importerRoutes } from './importers.js';
import { inquiryRoutes } from './inquiries.js';
import { inquirySessionRoutes } from './inquiry-sessions.js';
import { listRoutes } from './lists.js';
import { reportRoutes } from './reports.js';
import { verificationRoutes } from './verifications.js';
import { webhookRoutes } from './webhooks.js';
import { workflowRoutes } from './workflows.js';

/** Every operation the mock answers, by operationId. */
export const routes: RouteTable = {
  ...accountRoutes,
  ...inquiryRoutes,
  ...inquirySessionRoutes,
  ...reportRoutes,
  ...verificationRoutes,
  ...workflowRoutes,
  ...caseRoutes,
  ...importerRoutes,
  ...eventRoutes,
  ...webhookRoutes,
  ...listRoutes,
};
