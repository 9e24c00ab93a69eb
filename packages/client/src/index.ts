export { type AccountImport, accountImportForm, importAccounts } from './account-import.js';
export { type BinaryAs, type BinaryInit, type BinaryPath, getBinary } from './binary.js';
export {
  createPersonaClient,
  DEFAULT_BASE_URL,
  DEFAULT_PERSONA_VERSION,
  type PersonaClient,
  type PersonaClientOptions,
} from './client.js';
export {
  isPersonaApiError,
  PersonaApiError,
  type PersonaApiErrorInit,
  type PersonaErrorObject,
} from './errors.js';
export type { components, operations, paths } from './generated/schema.js';
export { IDEMPOTENCY_HEADER } from './idempotency.js';
export {
  importListItems,
  type ListItemImport,
  type ListItemImportKind,
  listItemImportForm,
} from './list-item-import.js';
export type { PersonaLogFields, PersonaLogger } from './logger.js';
export { NO_RETRY_HEADER, noRetry } from './no-retry.js';
export {
  type ListItem,
  type ListPath,
  type PageOptions,
  type PaginateArgs,
  type PaginateInit,
  paginate,
} from './paginate.js';
export type { FetchFunction } from './persona-fetch.js';
export { type PreferOptions, prefer } from './prefer.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry-policy.js';
export { type DataOf, expectData, type FetchResult, unwrap } from './unwrap.js';
export * from './webhooks.js';
