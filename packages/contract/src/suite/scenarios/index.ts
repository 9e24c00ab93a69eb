// The scenario suite, in the order it runs.
import type { Scenario } from '../types.js';
import { accountLifecycle, accountTypes } from './accounts.js';
import { apiKeys } from './api-keys.js';
import { caseLifecycle } from './cases.js';
import { devices } from './devices.js';
import { documents } from './documents.js';
import { errorStatuses } from './errors.js';
import { events } from './events.js';
import { importer } from './importer.js';
import { inquiryLifecycle, reportLifecycle } from './inquiries.js';
import { inquirySessions } from './inquiry-sessions.js';
import { listsAndItems } from './lists.js';
import { logs } from './logs.js';
import { oauth } from './oauth.js';
import { reportActions } from './report-actions.js';
import { sandboxSimulation } from './simulate.js';
import { simulatedEvents } from './simulated-events.js';
import { transactions } from './transactions.js';
import { verificationKinds } from './verifications.js';
import { webhooks } from './webhooks.js';
import { workflowRuns } from './workflows.js';

export const scenarios: Scenario[] = [
  accountTypes,
  accountLifecycle,
  inquiryLifecycle,
  sandboxSimulation,
  inquirySessions,
  reportLifecycle,
  reportActions,
  verificationKinds,
  caseLifecycle,
  workflowRuns,
  importer,
  listsAndItems,
  events,
  webhooks,
  transactions,
  documents,
  devices,
  simulatedEvents,
  apiKeys,
  oauth,
  logs,
  errorStatuses,
];
