import { document } from './document.js';
import { stripBasePath } from './match.js';
import { createSpec } from './spec.js';

export {
  deinflectKeys,
  inflectKey,
  inflectKeys,
  type KeyInflection,
  kebabKey,
  keyInflections,
  parseKeyInflection,
} from './inflection.js';
export { expandPath, normalizePathname } from './match.js';
export { createSpec, type Spec } from './spec.js';
export type * from './types.js';
export type { SchemaValidator } from './validation/ajv.js';
export type { HeadersInput } from './validation/http.js';
export type { QueryInput } from './validation/query.js';
export type { RequestInput, RequestResult } from './validation/request.js';
export type { ResponseInput } from './validation/response.js';
export { type WebhookInput, webhookEventName } from './validation/webhook.js';
export { document };

/** Persona's spec, bundled from openapi/. */
export const spec = createSpec(document);

export const operations = spec.operations;
/** `/api/v1`: the path of the first server URL. */
export const basePath = spec.basePath;
export const getOperation = spec.getOperation;
export const findOperation = spec.findOperation;
export const validateRequest = spec.validateRequest;
export const validateResponse = spec.validateResponse;
export const validateWebhook = spec.validateWebhook;

/** `/accounts/act_…` → `/api/v1/accounts/act_…`, the path to request from a server. */
export function withBasePath(path: string): string {
  return `${basePath}${path}`;
}

/** `/api/v1/accounts?x=1` → `/accounts`. */
export function withoutBasePath(pathname: string): string {
  return stripBasePath(pathname, basePath);
}
