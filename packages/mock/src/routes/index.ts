import type { RouteTable } from '../http/route.js';
import { accountRoutes } from './accounts.js';
import { apiKeyRoutes } from './api-keys.js';
import { caseRoutes } from './cases.js';
import { deviceRoutes } from './devices.js';
import { documentRoutes } from './documents.js';
import { eventRoutes } from './events.js';
import { importerRoutes } from './importers.js';
import { inquiryRoutes } from './inquiries.js';
import { inquirySessionRoutes } from './inquiry-sessions.js';
import { listRoutes } from './lists.js';
import { logsRoutes } from './logs.js';
import { oauthRoutes } from './oauth.js';
import { reportRoutes } from './reports.js';
import { withStaticFallback } from './static.js';
import { transactionRoutes } from './transactions.js';
import { verificationRoutes } from './verifications.js';
import { webhookRoutes } from './webhooks.js';
import { workflowRoutes } from './workflows.js';

/** The operations the mock answers from its state, by operationId. */
export const modelledRoutes: RouteTable = {
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
  ...transactionRoutes,
  ...documentRoutes,
  ...deviceRoutes,
  ...apiKeyRoutes,
  ...logsRoutes,
  ...oauthRoutes,
  ...listRoutes,
};

/** Every operation of the spec: modelled, or answered with its example (routes/static.ts). */
export const routes: RouteTable = withStaticFallback(modelledRoutes);
