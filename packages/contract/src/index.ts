// @persona-kit/contract: check any server's answers against Persona's spec.
export type { QueryInput, Severity, Violation, ViolationKind } from '@persona-kit/spec';
export { type DriftGroup, driftLines, failing, groupDrift } from './drift.js';
export {
  type ExchangeOptions,
  exchangeOf,
  type FetchResultLike,
  type RequestLike,
  requestOf,
  type SentRequest,
} from './exchange.js';
export { formatViolation, formatViolations } from './format.js';
export {
  createWebhookReceiver,
  type ReceivedDelivery,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './receiver.js';
export {
  coverageLines,
  jsonReport,
  junitReport,
  prettyReport,
  type Reporter,
  report,
  reporters,
  summaryLines,
} from './reporters/index.js';
export type { Answer, CallOptions } from './suite/api.js';
export type { Assert } from './suite/assert.js';
export { computeCoverage } from './suite/coverage.js';
export type {
  AccountActionFixture,
  DashboardLists,
  Fixtures,
  WorkflowFixture,
} from './suite/fixtures.js';
export { type RunOptions, runSuite, scenarioTags } from './suite/runner.js';
export { scenarios } from './suite/scenarios/index.js';
export type * from './suite/types.js';
export {
  type ContractResponseInput,
  sparseFieldsets,
  validateRequest,
  validateResponse,
} from './validate.js';
export {
  ContractViolationError,
  type FetchFunction,
  type ValidatingFetch,
  type ValidatingFetchOptions,
  validatingFetch,
} from './validating-fetch.js';
