// The scenario suite, in the order it runs.
import type { Scenario } from '../types.js';
import { accountLifecycle, accountTypes } from './accounts.js';
import { caseLifecycle } from './cases.js';
import { errorStatuses } from './errors.js';
import { events } from './events.js';
import { importer } from './importer.js';
import { inquiryLifecycle, reportLifecycle } from './inquiries.js';
import { inquirySessions } from './inquiry-sessions.js';
import { reportActions } from './report-actions.js';
import { sandboxSimulation } from './simulate.js';
import { simulatedEvents } from './simulated-events.js';
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
  events,
  webhooks,
  simulatedEvents,
  errorStatuses,
];
