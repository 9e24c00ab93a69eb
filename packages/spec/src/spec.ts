// createSpec: the operation index, path matching and validators of one document.
// The package's own exports are this, made from the bundled Persona spec.
import { basePathOf, createPathMatcher } from './match.js';
import { indexOperations } from './operations.js';
import type { OpenApiDocument, Operation, OperationMatch, Violation } from './types.js';
import { createDocumentAjv, type SchemaValidator } from './validation/ajv.js';
import { SchemaReader } from './validation/coerce.js';
import { createMemo, type ValidationContext } from './validation/context.js';
import { type RequestInput, type RequestResult, validateRequest } from './validation/request.js';
import { type ResponseInput, validateResponse } from './validation/response.js';
import { validateWebhook, type WebhookInput } from './validation/webhook.js';

export interface Spec {
  document: OpenApiDocument;
  operations: readonly Operation[];
  /** The path of the first server URL (`/api/v1`); paths given with it match too. */
  basePath: string;
  getOperation(operationId: string): Operation | undefined;
  /** The operation for a method and a concrete path; null when none is documented. */
  findOperation(method: string, pathname: string): OperationMatch | null;
  validateRequest(input: RequestInput): RequestResult;
  validateResponse(input: ResponseInput): Violation[];
  /** Checks a webhook delivery's body against the `webhooks:` entry of its event name. */
  validateWebhook(input: WebhookInput): Violation[];
  /** The compiled validator of the schema at a JSON pointer into the document. */
  schemaValidator(pointer: string): SchemaValidator;
}

export function createSpec(document: OpenApiDocument): Spec {
  const operations = Object.freeze(indexOperations(document));
  const operationsById = new Map(operations.map((o) => [o.operationId, o]));
  const basePaths = [...new Set((document.servers ?? []).map((s) => basePathOf([s])))].filter(
    Boolean,
  );
  const matcher = createPathMatcher([...operations], basePaths);

  // Ajv is created on first validation: importing the index costs nothing.
  let context: ValidationContext | undefined;
  const ctx = (): ValidationContext => {
    context ??= {
      document,
      ajv: createDocumentAjv(document),
      reader: new SchemaReader(document),
      matcher,
      operationsById,
      memo: createMemo(),
    };
    return context;
  };

  return {
    document,
    operations,
    basePath: basePathOf(document.servers),
    getOperation: (operationId) => operationsById.get(operationId),
    findOperation: (method, pathname) => matcher.find(method, pathname),
    validateRequest: (input) => validateRequest(ctx(), input),
    validateResponse: (input) => validateResponse(ctx(), input),
    validateWebhook: (input) => validateWebhook(ctx(), input),
    schemaValidator: (pointer) => ctx().ajv.validatorAt(pointer),
  };
}
